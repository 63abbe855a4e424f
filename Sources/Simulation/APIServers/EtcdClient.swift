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
///   on it hangs until the connection closes, or until its caller's
///   timeout. gRPC closes it at the first of two deadlines, both set by
///   kube-apiserver's keepalive (etcd3.go `keepaliveTime` 30 s,
///   `keepaliveTimeout` 10 s, passed as clientv3 `DialKeepAliveTime` and
///   `DialKeepAliveTimeout`): on a connection that sends nothing, the ping
///   after `keepaliveTime` without a frame goes unanswered for
///   `keepaliveTimeout` (grpc-go internal/transport/http2_client.go
///   `keepalive`); on one that sends, the first request unacknowledged for
///   `keepaliveTimeout` makes the kernel abort it, since grpc-go sets
///   TCP_USER_TIMEOUT to the keepalive timeout when keepalive is on
///   (`newHTTP2Client`, `SetTCPUserTimeout(conn, kp.Timeout)`). A busy
///   apiserver's connection therefore closes about `keepaliveTimeout`
///   after the first request it sends into the silence, an idle one
///   `keepaliveTime` + `keepaliveTimeout` after its last frame;
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
        /// incarnation `incarnation`; gRPC closes the connection at
        /// `closes`, earlier once a request went out on it (`sent`).
        case silent(since: SimInstant, incarnation: Int, closes: SimInstant, sent: Bool)
        /// Reset or closed by the keepalive, not yet dialled again.
        case closed
    }

    /// One a member, in member order.
    private(set) var links: [Link]
    /// Bumped when a link goes silent or its close moves earlier, so a
    /// close queued before is dropped.
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

    /// The member the next request goes to, whether its link is silent,
    /// and, for the first request into a silence, when the connection now
    /// closes with the generation its close carries: the request
    /// unacknowledged for `userTimeout` (TCP_USER_TIMEOUT) if that comes
    /// before the keepalive's close. nil when no link is ready. Moves the
    /// balancer on.
    mutating func pick(at now: SimInstant, userTimeout: SimDuration) -> Pick? {
        guard !links.isEmpty else { return nil }
        for step in 0..<links.count {
            let member = (next + step) % links.count
            guard links[member] != .closed else { continue }
            next = (member + 1) % links.count
            guard case .silent(let since, let incarnation, let closes, let sent) = links[member] else {
                return Pick(member: member, silent: false, closes: nil)
            }
            silentRequests += 1
            guard !sent else { return Pick(member: member, silent: true, closes: nil) }
            let abort = min(closes, now + userTimeout)
            links[member] = .silent(since: since, incarnation: incarnation, closes: abort, sent: true)
            guard abort < closes else { return Pick(member: member, silent: true, closes: nil) }
            generations[member] += 1
            return Pick(member: member, silent: true, closes: (abort, generations[member]))
        }
        return nil
    }

    struct Pick {
        let member: Int
        let silent: Bool
        /// The connection's new close and its generation, when it moved.
        let closes: (at: SimInstant, generation: Int)?
    }

    /// The member stopped answering now; the keepalive closes its idle
    /// connection after `idleClose`. Returns the close's generation, nil
    /// if it was silent already.
    mutating func goSilent(_ member: Int, incarnation: Int, at now: SimInstant, idleClose: SimDuration) -> Int? {
        guard links[member] == .connected else { return nil }
        links[member] = .silent(since: now, incarnation: incarnation, closes: now + idleClose, sent: false)
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
            if case .silent(let since, let incarnation, let closes, let sent) = links[member] {
                links[member] = .silent(since: since + span, incarnation: incarnation, closes: closes + span, sent: sent)
            }
        }
    }
}
