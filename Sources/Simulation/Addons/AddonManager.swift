import SimKernel

/// The add-on manager of one master: applies the add-on manifests through
/// the local apiserver every 60 s, independently of the other masters
/// (kubernetes cluster/addons/addon-manager kube-addons.sh,
/// ADDON_CHECK_INTERVAL_SEC=60; FACTS.md).
struct AddonManager {
    let host: Int
    /// Its generation is bumped at every start and stop, dropping the old loop's syncs.
    var process = ProcessState(running: true)
    var running: Bool { process.running }
    var generation: Int { process.generation }
    /// Start of the current stretch without a successful sync.
    var lastSuccess: SimInstant = .start
    var attempts = 0
    var successes = 0
    /// The longest stretch without a successful sync, closed ones only.
    var longestGap: SimDuration = .zero
    /// When the current iteration of the apply loop started.
    var iterationStart: SimInstant = .start
    /// The kubectl call in flight, if any; its id tags the event that ends it.
    var call: (step: AddonCallStep, id: Int, answered: Bool)?
    var callsIssued = 0

    static let syncInterval = SimDuration.seconds(60)

    /// A kubectl call starts (or its hung call is ended by the apiserver):
    /// a new id, so an event timed for the call before is dropped.
    mutating func startCall(_ step: AddonCallStep, answered: Bool) -> Int {
        callsIssued += 1
        call = (step, callsIssued, answered)
        return callsIssued
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
