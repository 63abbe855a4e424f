import SimKernel

/// A client request that an apiserver accepted: a write through the
/// apiserver's etcd path, pending until the apiserver's etcd member applies
/// it or the client gives up.
struct APIRequest {
    var inCluster: Bool
    /// The etcd member the apiserver wrote through (its local member when stacked).
    var member: Int
    var sent: SimInstant
    /// Whether a load balancer change was propagating when it was sent.
    var propagating: Bool
    var pending = true

    /// Raft entries carry the request id with this bit set, so that apply can
    /// tell them from the etcd write probe's entries.
    static let entryTag: UInt64 = 1 << 62
}
