import SimKernel

/// The status of a node's Ready condition (core/v1 `ConditionStatus` of `NodeReady`).
public enum ReadyStatus: String, Hashable, Sendable {
    /// `True`: the kubelet reports the node ready.
    case ready = "True"
    /// `False`: the kubelet reports the node not ready.
    case notReady = "False"
    /// `Unknown`: written by the node lifecycle controller when it has not heard
    /// from the node for the grace period.
    case unknown = "Unknown"
}

/// A node's Ready condition as stored in the API server.
public struct ReadyCondition: Hashable, Sendable {
    public var status: ReadyStatus
    /// Set by the kubelet each time it posts status; the controller never changes it.
    public var lastHeartbeat: SimInstant
    /// When `status` last changed.
    public var lastTransition: SimInstant
}

/// The two NoExecute taints the node lifecycle controller manages
/// (node_lifecycle_controller.go `UnreachableTaintTemplate`, `NotReadyTaintTemplate`).
public enum NoExecuteTaintKey: String, Hashable, Sendable, CaseIterable {
    /// Ready=Unknown.
    case unreachable = "node.kubernetes.io/unreachable"
    /// Ready=False.
    case notReady = "node.kubernetes.io/not-ready"

    /// The taint that the other Ready status maps to: the controller keeps the two
    /// mutually exclusive (`doNoExecuteTaintingPass`, "oppositeTaint").
    public var opposite: NoExecuteTaintKey { self == .unreachable ? .notReady : .unreachable }
}

/// A NoExecute taint on a node. `timeAdded` is stamped by the controller when it
/// writes the taint (pkg/controller/util/node/controller_utils.go
/// `SwapNodeControllerTaint`).
public struct NoExecuteTaint: Hashable, Sendable {
    public var key: NoExecuteTaintKey
    public var timeAdded: SimInstant
    public init(key: NoExecuteTaintKey, timeAdded: SimInstant) {
        self.key = key
        self.timeAdded = timeAdded
    }
}

/// A Node object and its Lease, as the API server stores them. This is the
/// shared state: kubelets write the lease and the Ready condition, the
/// controller writes Ready=Unknown and the taints, and it outlives any one
/// controller instance (a new leader reads what the old one wrote).
public struct NodeObject: Hashable, Sendable {
    public let zone: ZoneID
    /// `metadata.creationTimestamp`.
    public let creationTimestamp: SimInstant
    /// nil until the kubelet first posts status.
    public internal(set) var ready: ReadyCondition?
    /// The controller's NoExecute taints, in the order they were added.
    public internal(set) var taints: [NoExecuteTaint] = []
    /// `spec.renewTime` of the node's Lease in kube-node-lease; nil before the first renewal.
    public internal(set) var leaseRenewTime: SimInstant?
    /// Deleted from the API server; the id is never reused.
    public internal(set) var isDeleted = false

    public func hasTaint(_ key: NoExecuteTaintKey) -> Bool { taints.contains { $0.key == key } }
    public func taint(_ key: NoExecuteTaintKey) -> NoExecuteTaint? { taints.first { $0.key == key } }
}
