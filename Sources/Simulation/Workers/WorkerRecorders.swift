import SimKernel

/// The Workers subsystem's recorders over the whole cluster: peaks of
/// not-ready, tainted and pending, the time-weighted not-ready nodes and
/// availability, the stretches below a workload's minAvailable, and each
/// zone's timeline entity (its state in the node lifecycle controller).
/// Each workload's own recorders are in its `WorkloadPods`.
struct WorkerRecorders {
    private(set) var notReadyPeak = 0
    private(set) var notReadyNodeSeconds = TimeWeightedAverage(initial: 0)
    /// The same over the masters' nodes only (`WorkerSettings.controlPlaneNodes`).
    private(set) var controlPlaneNotReadyNodeSeconds = TimeWeightedAverage(initial: 0)
    /// Kubelets cut off from the API (`WorkerNodes.kubeletsCutOff`), time-weighted.
    private(set) var kubeletsCutOff = TimeWeightedAverage(initial: 0)
    private(set) var taintedPeak = 0
    private(set) var pendingPeak = 0
    /// The timeline entity `node-zone/<zone>` of each zone.
    private(set) var zoneEntity: [Int] = []
    private(set) var workloadAvailability = TimeWeightedAverage(initial: 1)
    /// Some workload has fewer ready pods than its minAvailable.
    private(set) var belowMinAvailable = ConditionTracker()

    mutating func setZoneEntities(_ entities: [Int]) { zoneEntity = entities }

    /// The nodes counted after a change.
    mutating func countNodes(notReady: Int, controlPlaneNotReady: Int, tainted: Int, at now: SimInstant) {
        notReadyPeak = max(notReadyPeak, notReady)
        notReadyNodeSeconds.set(Double(notReady), at: now)
        controlPlaneNotReadyNodeSeconds.set(Double(controlPlaneNotReady), at: now)
        taintedPeak = max(taintedPeak, tainted)
    }

    mutating func countKubeletsCutOff(_ count: Int, at now: SimInstant) { kubeletsCutOff.set(Double(count), at: now) }

    mutating func countPending(_ pending: Int) { pendingPeak = max(pendingPeak, pending) }

    /// The mean of the workloads' ready fractions, and whether any is below its minAvailable.
    mutating func recordWorkloads(availability: Double, below: Bool, at now: SimInstant) {
        workloadAvailability.set(availability, at: now)
        belowMinAvailable.set(below, at: now)
    }

    /// The fast-forward skipped `span` of quiet time: the stretches go on through it.
    mutating func skip(_ span: SimDuration) {
        notReadyNodeSeconds.skip(span)
        kubeletsCutOff.skip(span)
        controlPlaneNotReadyNodeSeconds.skip(span)
        workloadAvailability.skip(span)
        belowMinAvailable.skip(span)
    }

    /// Closes the open stretch at the run's end.
    mutating func finish(at end: SimInstant) { belowMinAvailable.finish(at: end) }
}
