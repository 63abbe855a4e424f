import SimKernel

/// `upgradeWorkers`: a node pool's surge upgrade as GKE runs it (its
/// `NodePool.UpgradeSettings`: maxSurge nodes added beyond the pool's size
/// for the upgrade, at most maxUnavailable nodes unavailable at once, and
/// "disruption stays within the limits of PodDisruptionBudget"), one node
/// at a time: with maxSurge 1 a new node is created and waited for until it
/// is Ready, then the old one is cordoned and drained as `drainNode` drains
/// (`drain`: its timeout, retry and poll) and deleted; with maxUnavailable
/// 1 the old node is drained and deleted first, then its replacement
/// created. World+WorkerUpgrade runs it.
public struct WorkerUpgrade: Hashable, Sendable {
    /// The worker hosts upgraded, in order, and the new host of each.
    public var old: [Int]
    public var new: [Int]
    public var maxSurge = 1
    public var maxUnavailable = 0
    /// How each old node is drained (its `host` is set per node).
    public var drain = NodeDrain(host: 0)
    /// GKE's wait for a new node to be Ready, polled (an assumption).
    public var poll: SimDuration = .seconds(1)

    public init(old: [Int], new: [Int]) {
        self.old = old
        self.new = new
    }
}
