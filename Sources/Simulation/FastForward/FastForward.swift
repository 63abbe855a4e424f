import SimKernel

/// The fast-forward's state: when the next check is due, what the last
/// quiet check saw, and the quiet time skipped so far.
///
/// Skipping does not move the clock: it brings the next disturbance (a
/// failure process's next failure or repair, a scheduled fault's start or
/// end, the run's end) earlier by whole windows, so that nothing the model
/// holds (lease times, kubelet schedules, Raft ticks) needs shifting. The
/// run's time is the model's plus `skipped`; the recorders add it to every
/// time they are given (docs/FAST-FORWARD.md).
struct FastForward: Sendable {
    /// The check period and the unit of a skip. A skip needs one whole
    /// window without a recorded change, and repeats that window's work for
    /// each window skipped, so the window is the longest period of the
    /// model's steady loops, the add-on manager's 60 s sync
    /// (kube-addons-main.sh ADDON_CHECK_INTERVAL_SEC): each loop's work over
    /// a window is a whole number of its iterations (Raft's 100 ms tick, the
    /// probes' 1 s, leader election's 2 s retry, the health check's 5 s, the
    /// node monitor's 5 s, the kubelet's 10 s).
    static let window = SimDuration.seconds(60)

    let enabled: Bool
    var nextCheck: SimInstant
    /// The last check's snapshots and recorded-change count, kept only while
    /// every subsystem was quiet at it.
    var lastQuiet: (snapshots: [QuietSnapshot], changes: Int)?
    /// Quiet time skipped so far: the run's clock is the model's plus this.
    private(set) var skipped = SimDuration.zero
    private(set) var skips = 0
    /// The control plane's snapshots and lane changes at the last check,
    /// kept only while the control plane was quiet at it.
    var lastControlPlaneQuiet: (snapshots: [QuietSnapshot], changes: Int)?
    /// The control plane while its clock stands still (the workers busy).
    var frozen: FrozenControlPlane?
    /// Model time the control plane stood still, and how often.
    private(set) var frozenSpan = SimDuration.zero
    private(set) var freezes = 0

    /// Requests a skip replayed at their dial rather than skipped
    /// (World+SteadyClientFailures): work the run's event limit counts with
    /// the events dispatched, up to which a skip may replay (`replayBudget`,
    /// the run's event limit), so that a steady failure over decades stops
    /// at the limit instead of replaying billions of requests.
    private(set) var replayedRequests = 0
    var replayBudget = Int.max

    init(enabled: Bool) {
        self.enabled = enabled
        nextCheck = SimInstant(FastForward.window)
    }

    mutating func recordSkip(_ span: SimDuration) {
        skipped += span
        skips += 1
    }

    mutating func countReplayed(_ requests: Int) { replayedRequests += requests }

    mutating func recordFreeze(_ span: SimDuration) {
        frozenSpan += span
        freezes += 1
    }
}
