import SimKernel

/// `upgradeWorkers`: a node pool's surge upgrade as GKE runs it (its
/// `NodePool.UpgradeSettings`: maxSurge nodes added beyond the pool's size
/// for the upgrade, at most maxUnavailable nodes unavailable at once, and
/// "disruption stays within the limits of PodDisruptionBudget"), `batch`
/// nodes at a time: with maxSurge n, n new nodes are created and waited for
/// until they are Ready, then n old ones are cordoned and drained together
/// as `drainNode` drains (`drain`: its timeout, retry and poll) and deleted;
/// with maxUnavailable n the n old nodes are drained and deleted first,
/// then their replacements created. AKS drains "as many nodes at the same
/// time as the number of buffer nodes" (learn.microsoft.com
/// azure/aks/upgrade-aks-node-pools-rolling); EKS updates maxUnavailable
/// nodes "in parallel" (its `UpdateConfig`). World+WorkerUpgrade runs it.
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

    /// Nodes replaced at once: maxSurge, or maxUnavailable without surge.
    public var batch: Int { max(1, maxSurge > 0 ? maxSurge : maxUnavailable) }

    public init(old: [Int], new: [Int]) {
        self.old = old
        self.new = new
    }
}
