import SimKernel

/// cluster-autoscaler as the Workers subsystem runs it: whose leader's scan
/// loop runs and the generation its timer carries, each zone's node group
/// back-off, whether scale-up is halted, and its counts. The nodes it asks
/// for are `WorkerNodes`'s (`requestedAt`); the World (World+Autoscaler)
/// runs the scans.
struct AutoscalingState {
    private(set) var owner: Workers.LeaseOwner?
    private(set) var generation = 0
    /// By zone: its node group takes no scale-up before this.
    private(set) var nodeGroupBackoffUntil: [SimInstant] = []
    /// Nodes it added that registered, and nodes given up.
    private(set) var nodesAdded = 0
    private(set) var scaleUpsFailed = 0
    /// Too many nodes are unready: scale-up waits (`IsClusterHealthy`).
    private(set) var halted = false

    /// One node group a zone, none backed off.
    mutating func addZones(_ count: Int) { nodeGroupBackoffUntil = Array(repeating: .start, count: count) }

    /// The lease's leader now; returns the new loop's generation when a new
    /// leader's scan is to start (none for a leader that did not change, or
    /// for no leader).
    mutating func follow(_ owner: Workers.LeaseOwner?) -> Int? {
        guard owner != self.owner else { return nil }
        self.owner = owner
        generation += 1
        return owner == nil ? nil : generation
    }

    /// Whether `zone`'s node group is backed off at `now`.
    func backedOff(_ zone: Int, at now: SimInstant) -> Bool { nodeGroupBackoffUntil[zone] > now }

    /// A node of `zone` did not register in time: the group is backed off until `until`.
    mutating func gaveUp(zone: Int, until: SimInstant) {
        nodeGroupBackoffUntil[zone] = until
        scaleUpsFailed += 1
    }

    /// The cluster's health at a scan; returns whether that halted or
    /// resumed scale-up.
    mutating func follow(healthy: Bool) -> Bool {
        guard healthy == halted else { return false }
        halted = !healthy
        return true
    }

    /// A node it asked for registered.
    mutating func nodeRegistered() { nodesAdded += 1 }
}
