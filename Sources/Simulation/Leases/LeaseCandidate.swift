import SimKernel

/// One instance of an elected component (kube-controller-manager,
/// kube-scheduler or cluster-autoscaler) on one master, running client-go's
/// leader election against its local apiserver.
struct LeaseCandidate {
    let host: Int
    let lease: LeaseName
    /// Its generation is bumped to drop a scheduled try or restart.
    var process = ProcessState(running: true)
    var running: Bool { process.running }
    var generation: Int { process.generation }
    /// Counts process starts; with the candidate it is the holder identity.
    var life = 0
    /// Believes it leads (between OnStartedLeading and the end of renew()).
    var leading = false
    /// The record version last observed, and the monotonic reading when it
    /// was first observed (client-go observedRawRecord, observedTime).
    var observedVersion = -1
    var observedTime: Int64 = 0
    /// Monotonic reading at the start of the current renew poll; nil when not
    /// in one (client-go renew: PollUntilContextTimeout with RenewDeadline).
    var renewPollStart: Int64?
    /// The monotonic reading the next try is due at, when one is pending.
    var wake: Int64?
    /// A try fell due while the host was frozen; it runs at the thaw.
    var dueWhileFrozen = false
    /// Exited after losing the lease; waiting for the restart delay.
    var restartPending = false
    /// Gray-failure faults: the instance renews but does none of its work.
    private(set) var grayHolds = 0

    mutating func changeGrayHolds(by delta: Int) {
        grayHolds += delta
        precondition(grayHolds >= 0, "a gray-leader fault ended that never started")
    }
}
