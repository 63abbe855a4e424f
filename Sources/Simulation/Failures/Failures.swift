import SimKernel

/// The Failures subsystem's state: every target of every failure process,
/// in a fixed order (`World.failingTargets(_:random:)`), each with its
/// failures and repairs so far. Only its own methods change it.
struct Failures {
    private(set) var targets: [FailingTarget]

    init(targets: [FailingTarget]) { self.targets = targets }

    mutating func fail(_ index: Int, at now: SimInstant) { targets[index].fail(at: now) }

    /// Target `index` is repaired; whether it had failed.
    mutating func repair(_ index: Int, at now: SimInstant) -> Bool { targets[index].repair(at: now) }

    /// The fast-forward skipped `span` of quiet time.
    mutating func skip(_ span: SimDuration) {
        for index in targets.indices { targets[index].skip(span) }
    }
}
