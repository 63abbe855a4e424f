import SimKernel

/// An apiserver's etcd client with external etcd: one gRPC connection to
/// every member of `--etcd-servers`, and each request on the next ready one
/// in turn. kube-apiserver builds its clients with every configured
/// endpoint (kubernetes staging/src/k8s.io/apiserver/pkg/storage/
/// storagebackend/factory/etcd3.go `newETCD3Client`, `Endpoints:
/// c.ServerList`), and clientv3 balances over them with gRPC's
/// `round_robin` policy (etcd-io/etcd client/v3/internal/resolver/
/// resolver.go). A member that a request reaches forwards a write to the
/// leader (etcd's Raft forwards proposals), so the client follows no leader
/// change; which member it is on matters only when that member dies:
///
/// - its process stops or crashes on a live host: the host's kernel resets
///   the connection and the balancer leaves it out at once (`closed`);
/// - its host dies, freezes or is cut off: nothing comes back, the
///   connection stays ready to the balancer (`silent`), and a request sent
///   on it hangs until gRPC's keepalive closes it, `keepaliveTime` without a
///   frame and then `keepaliveTimeout` for the ping's answer (etcd3.go
///   `keepaliveTime` 30 s, `keepaliveTimeout` 10 s: clientv3
///   `DialKeepAliveTime`, `DialKeepAliveTimeout`), or until its caller's
///   timeout;
/// - a silent member that answers again (the partition healed, the host
///   thawed) is ready again on the same connection; one whose host
///   rebooted resets it.
///
/// A closed connection is dialled again as soon as its member answers;
/// gRPC's reconnect back-off is not modelled.
struct EtcdClient {
    enum Link: Equatable {
        case connected
        /// Nothing has come back since `since`, the member's host then in
        /// incarnation `incarnation`.
        case silent(since: SimInstant, incarnation: Int)
        /// Reset or closed by the keepalive, not yet dialled again.
        case closed
    }

    /// One a member, in member order.
    private(set) var links: [Link]
    /// Bumped when a link goes silent, so a keepalive queued for an earlier
    /// silence is dropped.
    private(set) var generations: [Int]
    /// The balancer's place: the next request goes to the first ready link
    /// from here.
    private(set) var next: Int
    /// Requests sent on a silent link.
    private(set) var silentRequests = 0

    /// Connected to `members` members; the first request goes to member
    /// `start` (round_robin starts at a random place: here the apiserver's
    /// own index, so that apiservers do not all start on one member).
    init(members: Int, start: Int) {
        links = Array(repeating: .connected, count: members)
        generations = Array(repeating: 0, count: members)
        next = members == 0 ? 0 : start % members
    }

    /// Whether some link is silent.
    var anySilent: Bool { links.contains { if case .silent = $0 { true } else { false } } }

    func isSilent(_ member: Int) -> Bool {
        if case .silent = links[member] { return true }
        return false
    }

    /// The member the next request goes to, and whether its link is silent;
    /// nil when no link is ready. Moves the balancer on.
    mutating func pick() -> (member: Int, silent: Bool)? {
        guard !links.isEmpty else { return nil }
        for step in 0..<links.count {
            let member = (next + step) % links.count
            guard links[member] != .closed else { continue }
            next = (member + 1) % links.count
            let silent = isSilent(member)
            if silent { silentRequests += 1 }
            return (member, silent)
        }
        return nil
    }

    /// The member stopped answering now; returns the generation its
    /// keepalive must carry, nil if it was silent already.
    mutating func goSilent(_ member: Int, incarnation: Int, at now: SimInstant) -> Int? {
        guard links[member] == .connected else { return nil }
        links[member] = .silent(since: now, incarnation: incarnation)
        generations[member] += 1
        return generations[member]
    }

    mutating func connect(_ member: Int) { links[member] = .connected }

    mutating func close(_ member: Int) { links[member] = .closed }

    /// Every link is gone (the apiserver stopped).
    mutating func closeAll() {
        for member in links.indices { links[member] = .closed }
    }

    /// Moves the start of each silence `span` later (a frozen control plane).
    mutating func delayHeldTimes(by span: SimDuration) {
        for member in links.indices {
            if case .silent(let since, let incarnation) = links[member] { links[member] = .silent(since: since + span, incarnation: incarnation) }
        }
    }
}
