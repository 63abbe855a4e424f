import SimKernel

/// The API server's Node and Lease objects, indexed by `NodeID`.
///
/// The controller reads it as its informer caches would, but without their
/// propagation delay (milliseconds in a real cluster, against 5 s passes): a
/// write is visible to the next reader at once. See docs/NODE-LIFECYCLE.md.
public struct NodeStore: Hashable, Sendable {
    public private(set) var nodes: [NodeObject] = []

    public init() {}

    public subscript(id: NodeID) -> NodeObject { nodes[id.index] }

    /// The node's Lease renew time, read without copying the node (the
    /// kubelets' sync reads it for every node before each monitor pass).
    public func leaseRenewTime(of id: NodeID) -> SimInstant? { nodes[id.index].leaseRenewTime }

    /// Whether the node carries any NoExecute taint, read without copying it.
    public func hasTaints(_ id: NodeID) -> Bool { !nodes[id.index].taints.isEmpty }

    /// The live (not deleted) nodes, in id order: kept as nodes register and
    /// are deleted, since every monitor pass (each 5 s) walks them.
    public private(set) var liveNodeIDs: [NodeID] = []

    // MARK: kubelet and administrator writes

    /// The kubelet registers its Node object: no conditions yet, so the controller
    /// gives it `nodeStartupGracePeriod` from `creationTimestamp`.
    public mutating func register(zone: ZoneID, at now: SimInstant) -> NodeID {
        nodes.append(NodeObject(zone: zone, creationTimestamp: now))
        let id = NodeID(nodes.count - 1)
        liveNodeIDs.append(id)
        return id
    }

    /// The kubelet renews its Lease; `renewTime` is the kubelet's clock, here
    /// the simulation's.
    public mutating func renewLease(_ id: NodeID, at now: SimInstant) {
        nodes[id.index].leaseRenewTime = now
    }

    /// The kubelet posts node status with Ready True (`ready`) or False. The
    /// heartbeat always moves; the transition time moves when the status changes
    /// (as the kubelet's Ready condition setter does).
    public mutating func postReadyStatus(_ id: NodeID, ready: Bool, at now: SimInstant) {
        let status: ReadyStatus = ready ? .ready : .notReady
        let transition = nodes[id.index].ready.flatMap { $0.status == status ? $0.lastTransition : nil } ?? now
        nodes[id.index].ready = ReadyCondition(status: status, lastHeartbeat: now, lastTransition: transition)
    }

    public mutating func delete(_ id: NodeID) {
        guard !nodes[id.index].isDeleted else { return }
        nodes[id.index].isDeleted = true
        if let position = liveNodeIDs.firstIndex(of: id) { liveNodeIDs.remove(at: position) }
    }

    // MARK: controller writes

    /// tryUpdateNodeHealth's UpdateStatus: Ready becomes Unknown, the heartbeat is
    /// kept (the creation time if the kubelet never posted one).
    mutating func markReadyUnknown(_ id: NodeID, at now: SimInstant) {
        let node = nodes[id.index]
        let heartbeat = node.ready?.lastHeartbeat ?? node.creationTimestamp
        nodes[id.index].ready = ReadyCondition(status: .unknown, lastHeartbeat: heartbeat, lastTransition: now)
    }

    /// taints.go `AddOrUpdateTaint`: a taint with the same key is replaced (its
    /// TimeAdded differs), otherwise appended.
    mutating func addOrUpdateTaint(_ taint: NoExecuteTaint, on id: NodeID) {
        if let i = nodes[id.index].taints.firstIndex(where: { $0.key == taint.key }) {
            nodes[id.index].taints[i] = taint
        } else {
            nodes[id.index].taints.append(taint)
        }
    }

    /// Returns whether the taint was there.
    mutating func removeTaint(_ key: NoExecuteTaintKey, from id: NodeID) -> Bool {
        guard let i = nodes[id.index].taints.firstIndex(where: { $0.key == key }) else { return false }
        nodes[id.index].taints.remove(at: i)
        return true
    }
}
