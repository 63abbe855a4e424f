import SimKernel

/// A request that reached an apiserver whose etcd path had no leader with a
/// quorum (or was cut off from it): it waits inside the apiserver. It ends
/// at the first of (World+HungCalls.swift):
/// - the path working again: the apiserver's etcd client retries and the
///   request is answered after the round trip;
/// - with external etcd, a request the client sent on its silent
///   connection to a dead member (`EtcdClient`) waits for that connection
///   alone: it fails when gRPC closes it, and goes on as above
///   if the member answers again;
/// - etcd's own request timeout, when the request reached a running etcd
///   member: 5 s + 2 x the election timeout, 7 s with etcd's defaults
///   (etcd server/config/config.go `ReqTimeout`), answered as an error;
/// - the apiserver stopping: the connection is reset;
/// - the caller's own timeout, which the caller keeps; the caller then
///   releases the entry (`releaseHungCall`).
struct HungCall {
    /// Each caller has at most one request in flight, so it names the entry.
    enum Caller: Equatable {
        /// A leader-election candidate's request.
        case lease(candidate: Int)
        /// An add-on manager's kubectl call.
        case addon(manager: Int)
        /// An apiserver's endpoint reconcile (its etcd call has no deadline of its own).
        case reconcile(host: Int)
    }

    /// Tags etcd's timeout event.
    let id: Int
    let caller: Caller
    /// The host whose apiserver holds the request (the caller's own).
    let host: Int
    /// The member whose silent connection the request went out on, if it did.
    var silentMember: Int? = nil
}

/// How a hung call ended, told to its caller.
enum HungCallOutcome {
    /// Answered after `after`: the apiserver's round trip to the etcd leader.
    case answered(after: SimDuration)
    /// An error now: etcd's request timeout, or the apiserver stopped.
    case failed
}
