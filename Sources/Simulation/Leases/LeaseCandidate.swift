import SimKernel

/// One instance of an elected component (kube-controller-manager,
/// kube-scheduler or cluster-autoscaler) on one master, running client-go's
/// leader election against its local apiserver.
///
/// Its fields are `private(set)`: the Leases subsystem changes it through the
/// methods below (each a step of client-go's loops or of the process's
/// life), and faults only through their holds.
struct LeaseCandidate {
    let host: Int
    let lease: LeaseName
    /// Its generation is bumped to drop a scheduled try or restart.
    private(set) var process: ProcessState
    var running: Bool { process.running }
    var generation: Int { process.generation }
    /// Counts process starts; with the candidate it is the holder identity.
    private(set) var life = 0
    /// Believes it leads (between OnStartedLeading and the end of renew()).
    private(set) var leading = false
    /// The record version last observed, and the monotonic reading when it
    /// was first observed (client-go observedRawRecord, observedTime).
    private(set) var observedVersion = -1
    private(set) var observedTime: Int64 = 0
    /// Whether the record last observed names this process (client-go
    /// IsLeader: the observed record's holder is its identity).
    private(set) var observedSelfAsHolder = false
    /// The request of the current try in flight, if any.
    private(set) var call: LeaseCall?
    /// Calls issued so far: the next call's id.
    private(set) var callsIssued = 0
    /// The monotonic reading the current try started at: renew()'s poll
    /// ticks every RetryPeriod from its start, and a tick that passes while
    /// a call is in flight is taken as soon as the call ends.
    private(set) var tryStart: Int64 = 0
    /// Monotonic reading at the start of the current renew poll; nil when not
    /// in one (client-go renew: PollUntilContextTimeout with RenewDeadline).
    private(set) var renewPollStart: Int64?
    /// The monotonic reading the next try is due at, when one is pending.
    private(set) var wake: Int64?
    /// A try fell due while the host was frozen; it runs at the thaw.
    private(set) var dueWhileFrozen = false
    /// The call ended while the host was frozen; the process sees it at the thaw.
    private(set) var callEndedWhileFrozen = false
    /// Exited after losing the lease; waiting for the restart delay.
    private(set) var restartPending = false
    /// Gray-failure faults: the instance renews but does none of its work.
    private(set) var grayHolds = 0

    init(host: Int, lease: LeaseName, running: Bool) {
        self.host = host
        self.lease = lease
        process = ProcessState(running: running)
    }

    // MARK: Faults

    mutating func changeGrayHolds(by delta: Int) {
        grayHolds += delta
        precondition(grayHolds >= 0, "a gray-leader fault ended that never started")
    }

    mutating func changeCrashHolds(by delta: Int) { process.changeCrashHolds(by: delta) }

    // MARK: The loops

    /// OnStartedLeading (or the lease of an established cluster at time zero).
    mutating func startLeading() { leading = true }

    /// Notes the record's version as read at the monotonic `reading`; the
    /// observed time moves only when the version changed (client-go
    /// tryAcquireOrRenew compares the raw record).
    mutating func observe(version: Int, holderIsSelf: Bool, at reading: Int64) {
        guard version != observedVersion else { return }
        observedVersion = version
        observedTime = reading
        observedSelfAsHolder = holderIsSelf
    }

    /// Its own write succeeded: the record it wrote is what it has observed
    /// (client-go setObservedRecord after Update).
    mutating func observeOwnWrite(version: Int, at reading: Int64) {
        observedVersion = version
        observedTime = reading
        observedSelfAsHolder = true
    }

    /// A try (one tryAcquireOrRenew) starts at the monotonic `reading`.
    mutating func startTry(at reading: Int64) { tryStart = reading }

    /// Sends a request; returns the id its ending event carries.
    mutating func startCall(_ step: LeaseCall.Step, deadline: Int64, answered: Bool) -> Int {
        callsIssued += 1
        call = LeaseCall(step: step, id: callsIssued, deadline: deadline, answered: answered)
        return callsIssued
    }

    /// The hung call's deadline is timed anew (its host's clock rate
    /// changed): a new id, so the event timed earlier is dropped.
    mutating func retimeCall() -> Int? {
        guard let waiting = call, !waiting.answered else { return nil }
        callsIssued += 1
        call = LeaseCall(step: waiting.step, id: callsIssued, deadline: waiting.deadline, answered: false)
        return callsIssued
    }

    /// The apiserver ends the hung call early: answered (after its round
    /// trip) or failed (at once). A new id, so the event timed for the
    /// client's deadline is dropped.
    mutating func redirectCall(answered: Bool) -> Int {
        guard let waiting = call else { preconditionFailure("no call to redirect") }
        callsIssued += 1
        call = LeaseCall(step: waiting.step, id: callsIssued, deadline: waiting.deadline, answered: answered)
        return callsIssued
    }

    /// The call ends (answered, failed or given up); returns it.
    mutating func endCall() -> LeaseCall? {
        defer { call = nil }
        return call
    }

    mutating func markCallEndedWhileFrozen() { callEndedWhileFrozen = true }

    /// Whether the call ended while frozen; the mark is cleared.
    mutating func takeCallEndedWhileFrozen() -> Bool {
        defer { callEndedWhileFrozen = false }
        return callEndedWhileFrozen
    }

    /// renew()'s poll starts at `reading`, unless one is already running.
    mutating func startRenewPoll(at reading: Int64) {
        if renewPollStart == nil { renewPollStart = reading }
    }

    /// A renewal succeeded: the poll ends.
    mutating func endRenewPoll() { renewPollStart = nil }

    /// The next try is due at the monotonic `reading`; the generation moves
    /// so that a try scheduled earlier is dropped.
    mutating func setWake(_ reading: Int64) {
        wake = reading
        process.bumpGeneration()
    }

    /// The due try was taken (now or at the thaw).
    mutating func clearWake() { wake = nil }

    mutating func markDueWhileFrozen() { dueWhileFrozen = true }

    /// Whether a try fell due while frozen; the mark is cleared.
    mutating func takeDueWhileFrozen() -> Bool {
        defer { dueWhileFrozen = false }
        return dueWhileFrozen
    }

    // MARK: The process

    /// A new process: a new identity that has observed nothing.
    mutating func startProcess() {
        process.setRunning(true)
        life += 1
        observedVersion = -1
        observedSelfAsHolder = false
        renewPollStart = nil
    }

    /// The process stops (crash, host down, or exit after losing the lease):
    /// it stops leading and its pending try is dropped.
    mutating func stop() {
        process.setRunning(false)
        leading = false
        renewPollStart = nil
        wake = nil
        dueWhileFrozen = false
        call = nil
        callEndedWhileFrozen = false
        process.bumpGeneration()
    }

    /// OnStoppedLeading exits the process; kubelet restarts it later.
    mutating func awaitRestart() { restartPending = true }

    /// The restart came, or the host went down and took it with it.
    mutating func clearRestart() { restartPending = false }
}
