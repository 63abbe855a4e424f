import SimKernel

/// A client request on its way: sent to an apiserver, written through its
/// etcd path, and answered; it exists until the answer reaches the client
/// or the client gives up.
struct APIRequest {
    /// The client class (`Access.clients`) and which of its clients sent it.
    var clientClass: Int
    var member: Int
    /// The network endpoint the client sends from.
    var client: Int
    /// The host of the apiserver the request was routed to.
    var apiServer: Int
    /// The etcd member the apiserver wrote through (its local member when stacked).
    var etcdMember: Int
    var sent: SimInstant
    /// Whether a load balancer change was propagating when it was sent.
    var propagating: Bool
    /// With external etcd: the member whose silent connection the
    /// apiserver sent it on (`EtcdClient`); it waits there.
    var silentEtcdMember: Int? = nil

    /// Raft entries carry the request id with this bit set, so that apply can
    /// tell them from the etcd write probe's entries.
    static let entryTag: UInt64 = 1 << 62
}
