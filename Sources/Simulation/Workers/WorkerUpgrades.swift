import SimKernel

/// `upgradeWorkers` as the Workers subsystem runs it (World+WorkerUpgrade):
/// the operation under way, the first of its nodes being replaced (the
/// batch runs from there), what it
/// waits for, the generation its polls carry, and the nodes replaced. Its
/// fields change only through its own methods.
struct WorkerUpgrades {
    enum Phase: Equatable {
        /// The batch's new nodes were asked for at `since`; the upgrade waits until they are Ready.
        case waitingForNewNode(since: SimInstant)
        /// The batch's old nodes are being drained (`WorkerDrains`).
        case draining
    }

    private(set) var operation: Int?
    private(set) var position = 0
    private(set) var phase: Phase?
    /// Bumped at each phase, so that a stale poll is dropped.
    private(set) var generation = 0
    private(set) var nodesReplaced = 0

    mutating func begin(operation: Int) {
        self.operation = operation
        position = 0
        enter(nil)
    }

    mutating func enter(_ phase: Phase?) {
        self.phase = phase
        generation += 1
    }

    /// The `count` nodes from `position` are replaced: on to the next batch.
    mutating func nodesReplaced(_ count: Int) {
        nodesReplaced += count
        position += count
        enter(nil)
    }

    mutating func end() {
        operation = nil
        enter(nil)
    }
}
