import SimKernel

/// `upgradeWorkers` as the Workers subsystem runs it (World+WorkerUpgrade):
/// the operation under way, which of its nodes is being replaced, what it
/// waits for, the generation its polls carry, and the nodes replaced. Its
/// fields change only through its own methods.
struct WorkerUpgrades {
    enum Phase: Equatable {
        /// The new node was asked for at `since`; the upgrade waits until it is Ready.
        case waitingForNewNode(since: SimInstant)
        /// The old node is being drained (`WorkerDrains`).
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

    /// The node at `position` is replaced: on to the next.
    mutating func nodeReplaced() {
        nodesReplaced += 1
        position += 1
        enter(nil)
    }

    mutating func end() {
        operation = nil
        enter(nil)
    }
}
