import SimKernel

/// `drainNode` as the Workers subsystem runs it (World+Drains): the drain
/// under way (operations run one at a time, so there is at most one; a node
/// pool upgrade's batch drains its nodes together, as one), the generation
/// its pass events carry, and the counts the metrics read (a node each).
/// Its fields change only through its own methods.
struct WorkerDrains {
    /// One drain: the operation that asked for it, the nodes' slots (one,
    /// or an upgrade's batch), when it began and when kubectl's `--timeout`
    /// ends it, when the refused evictions are asked again, and the evicted
    /// pods still terminating.
    struct Drain {
        let operation: Int
        let slots: [Int]
        let spec: NodeDrain
        /// Part of a node pool upgrade (`upgradeWorkers`), which goes on when it ends.
        let forUpgrade: Bool
        let began: SimInstant
        let deadline: SimInstant
        fileprivate(set) var cordoned = false
        fileprivate(set) var nextEviction: SimInstant
        /// Evicted pods, by workload and node slot, and when each batch is gone.
        fileprivate(set) var terminating: [Terminating] = []
        fileprivate(set) var evicted = 0
        fileprivate(set) var refused = 0
    }

    struct Terminating {
        var workload: Int
        var slot: Int
        var count: Int
        var goneAt: SimInstant
    }

    private(set) var active: Drain?
    /// Bumped when a drain begins or ends, so a finished drain's pass is dropped.
    private(set) var generation = 0
    private(set) var started = 0
    private(set) var completed = 0
    private(set) var timedOut = 0
    /// Pods the drains evicted, and eviction requests a budget refused (429).
    private(set) var evictions = 0
    private(set) var refusals = 0
    /// From the cordon to the last evicted pod gone, of completed drains.
    private(set) var longest = SimDuration.zero
    private(set) var total = SimDuration.zero

    mutating func begin(operation: Int, slots: [Int], spec: NodeDrain, forUpgrade: Bool, at now: SimInstant) {
        generation += 1
        started += slots.count
        active = Drain(
            operation: operation, slots: slots, spec: spec, forUpgrade: forUpgrade, began: now, deadline: now + spec.timeout, nextEviction: now)
    }

    mutating func cordoned() { active?.cordoned = true }

    /// The pass's evictions are done: the refused ones are asked again at `next`.
    mutating func evictionsAsked(evicted: [Terminating], refused: Int, next: SimInstant) {
        guard var drain = active else { return }
        drain.terminating += evicted.filter { $0.count > 0 }
        let count = evicted.reduce(0) { $0 + $1.count }
        drain.evicted += count
        drain.refused += refused
        drain.nextEviction = next
        evictions += count
        refusals += refused
        active = drain
    }

    /// The evicted pods that are gone by `now`, taken off the list; none
    /// of a node whose kubelet cannot confirm them (`confirmed` false).
    mutating func takeGone(at now: SimInstant, confirmed: (Int) -> Bool) -> [Terminating] {
        guard var drain = active else { return [] }
        let isGone = { (batch: Terminating) in batch.goneAt <= now && confirmed(batch.slot) }
        let gone = drain.terminating.filter(isGone)
        drain.terminating.removeAll(where: isGone)
        active = drain
        return gone
    }

    /// The drain ends: every pod gone (`completed`), or its timeout reached.
    /// Returns it, for the record.
    mutating func end(at now: SimInstant, completed done: Bool) -> Drain? {
        guard let drain = active else { return nil }
        generation += 1
        active = nil
        if done {
            completed += drain.slots.count
            longest = max(longest, now - drain.began)
            total = total + (now - drain.began)
        } else {
            timedOut += drain.slots.count
        }
        return drain
    }

    /// Drains begun and not completed: timed out, or still running at the end.
    var incomplete: Int { started - completed }
}
