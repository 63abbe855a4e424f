import SimKernel

/// One target of one failure process (one master of `every: master`), with
/// its own random streams and what its failures added up to.
///
/// Two streams, `failures/<index>/<target>/up` for the times to failure and
/// `.../down` for the times to repair: adding an entry or a target moves no
/// other target's draws, and changing an entry's repair distribution keeps
/// its sequence of up times (common random numbers across sweep points).
struct FailingTarget {
    /// Index of the process in `Scenario.failures`.
    let process: Int
    /// The fault each failure is, as a scheduled fault would say it.
    let kind: FaultKind
    /// What a failure holds down: the same resolution scheduled faults use.
    let resolved: ResolvedFault
    /// The host whose absence (not yet added, or removed, by an operation)
    /// makes a failure pass unnoticed; nil for zones and the load balancer.
    let host: Int?
    let upStream: RandomStreams.StreamID
    let downStream: RandomStreams.StreamID
    /// When the failure in progress started; nil while up, and while down
    /// after a failure that found its host absent and so held nothing.
    private(set) var failedAt: SimInstant?
    private(set) var failures = 0
    /// Down time of the failures that ended.
    private(set) var downTime = SimDuration.zero
    /// Quiet time the fast-forward skipped so far: the run's clock is the
    /// model's plus this (docs/FAST-FORWARD.md), so every time given is moved by it.
    private(set) var skipped = SimDuration.zero

    /// The fast-forward skipped `span` of quiet time at the current instant:
    /// a failure in progress lasted through it.
    mutating func skip(_ span: SimDuration) { skipped += span }

    init(process: Int, kind: FaultKind, resolved: ResolvedFault, host: Int?, upStream: RandomStreams.StreamID, downStream: RandomStreams.StreamID) {
        self.process = process
        self.kind = kind
        self.resolved = resolved
        self.host = host
        self.upStream = upStream
        self.downStream = downStream
    }

    mutating func fail(at time: SimInstant) {
        precondition(failedAt == nil, "a target failed twice without a repair")
        failedAt = time + skipped
        failures += 1
    }

    /// Ends the failure in progress; returns whether there was one to end.
    mutating func repair(at time: SimInstant) -> Bool {
        guard let start = failedAt else { return false }
        downTime = downTime + (time + skipped - start)
        failedAt = nil
        return true
    }

    /// Down time up to `end`, the failure in progress included.
    func downTime(until end: SimInstant) -> SimDuration {
        failedAt.map { downTime + (end + skipped - $0) } ?? downTime
    }
}
