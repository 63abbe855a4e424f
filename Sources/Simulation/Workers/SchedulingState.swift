import SimKernel

/// kube-scheduler as the Workers subsystem runs it: whose leader's loop is
/// running, the generation its timer carries, whether a binding is due,
/// and which nodes may take pods. The pods it binds are `WorkerPods`'s; the
/// World (World+Scheduling) chooses the node and schedules the loop.
struct SchedulingState {
    private(set) var owner: Workers.LeaseOwner?
    private(set) var generation = 0
    /// A binding is scheduled (the loop runs at the scheduler's throughput).
    private(set) var busy = false
    /// Moves whenever room may have appeared (a node became schedulable, a
    /// pod left a node), so that pods found unschedulable are tried again.
    private(set) var capacityEpoch = 0
    /// By slot: Ready, untainted, registered: the scheduler may bind here.
    private(set) var schedulable: [Bool] = []

    /// The bootstrap's worker slots, none schedulable until counted.
    mutating func addSlots(_ count: Int) { schedulable = Array(repeating: false, count: count) }

    /// The lease's leader now: a new one is a new process, whose loop starts
    /// afresh and drops the old one's timer.
    mutating func follow(_ owner: Workers.LeaseOwner?) {
        guard owner != self.owner else { return }
        self.owner = owner
        generation += 1
        busy = false
    }

    /// A binding is scheduled.
    mutating func markBusy() { busy = true }

    /// The binding scheduled with `generation` falls due: whether it is this
    /// loop's (then none is scheduled any more).
    mutating func bindingDue(_ generation: Int) -> Bool {
        guard generation == self.generation else { return false }
        busy = false
        return true
    }

    /// Room may have appeared: pods found unschedulable are tried again.
    mutating func roomAppeared() { capacityEpoch += 1 }

    /// Whether the scheduler may bind to `slot` now; returns whether that
    /// made room (the caller moves the epoch once for a whole recount).
    mutating func setSchedulable(_ slot: Int, _ value: Bool) -> Bool {
        let roomAppeared = value && !schedulable[slot]
        schedulable[slot] = value
        return roomAppeared
    }
}
