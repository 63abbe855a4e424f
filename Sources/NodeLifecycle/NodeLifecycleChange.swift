import SimKernel

/// What a controller pass did, in the order it did it. The World applies none
/// of these (the controller already wrote the `NodeStore`); they tell it what
/// to react to (pods of a node marked not ready, taint-based eviction) and what
/// to record.
public enum NodeLifecycleChange: Hashable, Sendable {
    /// tryUpdateNodeHealth wrote Ready=Unknown (`from` nil: the kubelet never
    /// posted a Ready condition).
    case readyBecameUnknown(NodeID, from: ReadyStatus?)
    /// monitorNodeHealth: Ready left True this pass, so `MarkPodsNotReady` sets
    /// the pods' Ready condition to False (endpoints drop them).
    case podsMarkedNotReady(NodeID)
    /// A NoExecute taint written, with the `timeAdded` it carries.
    case taintAdded(NodeID, NoExecuteTaint)
    case taintRemoved(NodeID, NoExecuteTaintKey)
    /// handleDisruption moved a zone to a new state; `evictionRate` is the zone
    /// queue's rate afterwards (0 when tainting is stopped).
    case zoneStateChanged(ZoneID, from: ZoneState, to: ZoneState, evictionRate: Double)
    /// Every zone is in FullDisruption: taints removed, tainting stopped.
    case allZonesFullyDisruptedEntered
    /// Some zone has a ready node again: every node's probe timestamp is now.
    case allZonesFullyDisruptedExited
}
