import SimKernel

/// The add-on manager of one master: applies the add-on manifests through
/// the local apiserver every 60 s, independently of the other masters
/// (kubernetes cluster/addons/addon-manager kube-addons.sh,
/// ADDON_CHECK_INTERVAL_SEC=60; FACTS.md).
struct AddonManager {
    let host: Int
    /// Its generation is bumped at every start and stop, dropping the old loop's syncs.
    private(set) var process: ProcessState
    var running: Bool { process.running }
    var generation: Int { process.generation }
    /// Start of the current stretch without a successful sync.
    private(set) var lastSuccess: SimInstant = .start
    private(set) var attempts = 0
    private(set) var successes = 0
    /// The longest stretch without a successful sync, closed ones only.
    private(set) var longestGap: SimDuration = .zero
    /// When the current iteration of the apply loop started.
    private(set) var iterationStart: SimInstant = .start
    /// The kubectl call in flight, if any; its id tags the event that ends it.
    private(set) var call: (step: AddonCallStep, id: Int, answered: Bool)?
    private(set) var callsIssued = 0

    static let syncInterval = SimDuration.seconds(60)

    /// A master that an operation adds later starts with its manager stopped.
    init(host: Int, running: Bool) {
        self.host = host
        process = ProcessState(running: running)
    }

    mutating func changeCrashHolds(by delta: Int) { process.changeCrashHolds(by: delta) }

    /// Starts or stops the process; a new life has no call and a fresh loop.
    mutating func setRunning(_ running: Bool, at now: SimInstant) {
        process.setRunning(running)
        lastSuccess = now
        call = nil
        process.bumpGeneration()
    }

    /// Syncs that failed: attempts neither succeeded nor still waiting for their apply.
    var failedSyncs: Int { attempts - successes - (call.map { $0.step == .apply ? 1 : 0 } ?? 0) }

    /// Adds `times` more quiet windows of `windowAttempts` syncs, all successful.
    mutating func repeatWindow(attempts windowAttempts: Int, times: Int) {
        attempts += windowAttempts * times
        successes += windowAttempts * times
    }

    mutating func startIteration(at now: SimInstant) { iterationStart = now }

    /// A sync attempt (a read that could not tell, or an apply) counts.
    mutating func countAttempt() { attempts += 1 }

    /// An apply succeeded: the stretch without one closes.
    mutating func succeed(at now: SimInstant) {
        successes += 1
        closeGap(at: now)
    }

    /// The stretch without a success ends now (a success, or the process stopping).
    mutating func closeGap(at now: SimInstant) {
        longestGap = max(longestGap, now - lastSuccess)
        lastSuccess = now
    }

    /// The call in flight ended; returns it.
    mutating func endCall() -> (step: AddonCallStep, id: Int, answered: Bool)? {
        defer { call = nil }
        return call
    }

    /// A kubectl call starts (or its hung call is ended by the apiserver):
    /// a new id, so an event timed for the call before is dropped.
    mutating func startCall(_ step: AddonCallStep, answered: Bool) -> Int {
        callsIssued += 1
        call = (step, callsIssued, answered)
        return callsIssued
    }

    /// Moves its last success and iteration start `span` later (a frozen
    /// control plane), so that the gap between syncs leaves out the time
    /// its clock stood still.
    mutating func delayHeldTimes(by span: SimDuration) {
        lastSuccess = lastSuccess + span
        iterationStart = iterationStart + span
    }
}

/// The two kubectl calls of one iteration of kube-addons-main.sh's loop.
enum AddonCallStep {
    /// is_leader: `kubectl get leases.v1.coordination.k8s.io kube-controller-manager`.
    case readLeader
    /// ensure_addons and reconcile_addons: kubectl create and apply of the
    /// manifests, modelled as one request.
    case apply
}
