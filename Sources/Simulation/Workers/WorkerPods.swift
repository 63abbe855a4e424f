import NodeLifecycle
import SimKernel

/// The workloads' pods in aggregate (`WorkloadPods`, one a workload, in the
/// scenario's order) and the batches of containers starting on the nodes.
/// Read as a collection of workloads; a workload changes through
/// `subscript(workload:)`, the batches through `startBatch` and `finishBatch`.
struct WorkerPods: SlotArray {
    typealias Element = WorkloadPods

    private(set) var elements: [WorkloadPods] = []
    /// Batches in flight are reused from `freeBatches`, so that the event
    /// carries a small index and the array stays as long as the most in
    /// flight at once.
    private var startingBatches: [StartingBatch] = []
    private var freeBatches: [Int] = []

    struct StartingBatch {
        var workload: Int
        var slot: Int
        var count: Int
        /// The kubelet life the containers start in.
        var generation: Int
    }

    subscript(workload w: Int) -> WorkloadPods {
        _read { yield elements[w] }
        _modify { yield &elements[w] }
    }

    mutating func append(_ pods: WorkloadPods) { elements.append(pods) }

    /// Pods waiting to be bound, over all workloads.
    var pendingCount: Int { elements.reduce(0) { $0 + $1.pendingCount } }

    /// Whether some workload's Service callers fail now: read after every
    /// event, so by index (iterating would copy each workload's arrays).
    var anyServiceFails: Bool { elements.indices.contains { elements[$0].serviceFails } }

    /// No batch of containers is starting.
    var noneStarting: Bool { startingBatches.count == freeBatches.count }

    /// A batch starts; returns its index, for its `podsStarted` event.
    mutating func startBatch(_ batch: StartingBatch) -> Int {
        if let free = freeBatches.popLast() {
            startingBatches[free] = batch
            return free
        }
        startingBatches.append(batch)
        return startingBatches.count - 1
    }

    /// The batch's containers are up (or died with an earlier kubelet life): its index is free again.
    mutating func finishBatch(_ index: Int) -> StartingBatch {
        freeBatches.append(index)
        return startingBatches[index]
    }

    /// A new taint eviction controller knows none of the pods yet.
    mutating func forgetGroups(slots: Int) {
        for w in elements.indices { elements[w].forgetGroups(slots: slots) }
    }

    /// The fast-forward skipped `span` of quiet time: the recorders' stretches go on through it.
    mutating func skip(_ span: SimDuration) {
        for w in elements.indices { elements[w].skip(span) }
    }

    /// Closes the recorders' open stretches at the run's end.
    mutating func finish(at end: SimInstant) {
        for w in elements.indices { elements[w].finish(at: end) }
    }
}
