import SimKernel

/// The links between every pair of endpoints: the hosts, by host id, and
/// `outside` (the clients beyond the cluster and the cloud load balancer in
/// front of it, in no zone). Every request and message of the model crosses
/// it: Raft messages, client requests and their replies, load balancer
/// health probes, apiservers' calls to a remote etcd.
///
/// Memory is linear in the endpoints: partitions are per-endpoint labels
/// (`LinkCut`), degradations per-endpoint sets, and the per-link state
/// (FIFO arrival times, random streams) exists only for links that carried
/// something, created on first use. Only its own methods change it.
///
/// Messages on one connection arrive in the order they were sent: etcd's
/// peers and API clients talk over long-lived TCP connections, and TCP
/// orders a connection's bytes, not a link's (`LinkConnection`). For the
/// same reason loss on a link is not a lost message but a retransmission:
/// see `arrival`.
struct Network {
    /// Zone of each endpoint: hosts by id, then `outside` with zone -1.
    let zoneOf: [Int]
    /// Name of each endpoint, as the link streams' labels give it: hosts by id, then "outside".
    private let names: [String]
    let settings: NetworkSettings
    /// Partitions in force, by fault id.
    private var cuts: [(id: Int, cut: LinkCut)] = []
    /// Degradations in force in start order; the latest covering a link wins.
    private var degradations: [(id: Int, between: [Bool], and: [Bool], degradation: LinkDegradation)] = []
    /// Latest arrival per connection that carried a message, keyed by
    /// connection and ordered pair (`orderKey`). Looked up, and shifted as
    /// a whole by `delayArrivals`, never iterated in order, so its order
    /// cannot reach the model.
    private var lastArrival: [Int: SimInstant] = [:]
    /// Link streams created so far, keyed `from * count + to`; looked up, never iterated.
    private(set) var linkStreams: [Int: RandomStreams.StreamID] = [:]
    /// What was sent between hosts in different zones so far (docs/COST.md).
    private(set) var traffic = CrossZoneTraffic()

    init(hosts: [Host], settings: NetworkSettings) {
        zoneOf = hosts.map(\.zone) + [-1]
        names = hosts.map(\.name) + ["outside"]
        self.settings = settings
    }

    var count: Int { zoneOf.count }
    /// The endpoint of clients outside the cluster and of the load balancer.
    var outside: Int { zoneOf.count - 1 }

    func canSend(_ from: Int, _ to: Int) -> Bool {
        from == to || !cuts.contains { $0.cut.blocks(from, to) }
    }

    /// The link's random stream, created on first use: at 5,000 hosts a
    /// stream per possible link would not fit, and most links carry nothing.
    /// The label names both ends, so the numbers do not depend on which link
    /// was used first.
    mutating func linkStream(_ from: Int, _ to: Int, random: inout RandomStreams) -> RandomStreams.StreamID {
        let key = from * count + to
        if let stream = linkStreams[key] { return stream }
        let stream = random.stream("net/\(names[from])->\(names[to])")
        linkStreams[key] = stream
        return stream
    }

    /// Counts a message sent from -> to when it crosses between two zones;
    /// `outside` is in no zone, so its traffic is never counted.
    mutating func count(_ size: MessageSize, from: Int, to: Int) {
        let (a, b) = (zoneOf[from], zoneOf[to])
        guard a >= 0, b >= 0, a != b else { return }
        traffic.add(size)
    }

    /// The fast-forward repeats the traffic sent since `earlier` over
    /// `times` more quiet windows.
    mutating func repeatTraffic(since earlier: CrossZoneTraffic, times: Int) {
        traffic.repeatWindow(traffic.since(earlier), times: times)
    }

    /// Both directions open: what a request and its reply need.
    func connected(_ a: Int, _ b: Int) -> Bool { canSend(a, b) && canSend(b, a) }

    mutating func addCut(id: Int, _ cut: LinkCut) { cuts.append((id, cut)) }
    mutating func removeCut(id: Int) { cuts.removeAll { $0.id == id } }

    /// Degrades every link between an endpoint of `between` and one of `and`, both ways.
    mutating func addDegradation(id: Int, _ degradation: LinkDegradation, between: [Bool], and: [Bool]) {
        degradations.append((id, between, and, degradation))
    }

    mutating func removeDegradation(id: Int) {
        degradations.removeAll { $0.id == id }
    }

    private func degradation(_ from: Int, _ to: Int) -> LinkDegradation? {
        degradations.last { ($0.between[from] && $0.and[to]) || ($0.and[from] && $0.between[to]) }?.degradation
    }

    /// Linux's minimum retransmission timeout, TCP_RTO_MIN = HZ/5 = 200 ms
    /// (include/net/tcp.h), which bounds RFC 6298's RTO at the sub-millisecond
    /// round trips inside a region.
    static let minimumRetransmissionTimeout = SimDuration.milliseconds(200)
    /// Linux gives up a connection after tcp_retries2 = 15 retransmissions
    /// (Documentation/networking/ip-sysctl.rst); the message is then lost.
    static let maximumRetransmissions = 15

    /// When a message sent now on from -> to arrives, or nil if it never does.
    /// Draws from `stream` (the link's own) so links do not share numbers.
    ///
    /// Each transmission is lost with the link's loss probability; a lost one
    /// is sent again after the retransmission timeout, which doubles each time
    /// (RFC 6298 §5.5), so loss shows as delay, as on a TCP stream.
    /// It arrives no earlier than the message sent before it on the same
    /// connection from `from` to `to`.
    mutating func arrival(
        from: Int, to: Int, now: SimInstant, on connection: LinkConnection,
        stream: inout RandomStream
    ) -> SimInstant? {
        guard let unordered = unorderedArrival(from: from, to: to, now: now, stream: &stream) else { return nil }
        let key = orderKey(from, to, connection)
        let arrival = max(unordered, lastArrival[key] ?? .start)
        lastArrival[key] = arrival
        return arrival
    }

    /// The key of one connection's direction from -> to in `lastArrival`.
    private func orderKey(_ from: Int, _ to: Int, _ connection: LinkConnection) -> Int {
        (from * count + to) * LinkConnection.allCases.count + Int(connection.rawValue)
    }

    /// When a message sent at `now` on a connection of its own arrives: the
    /// same retransmissions and latency as `arrival`, but not held behind
    /// the link's earlier messages, since TCP orders a connection's bytes,
    /// not a link's. Client classes that came after the two probes send
    /// this way, drawing from their own stream, so that they move no other
    /// message's timing.
    func unorderedArrival(from: Int, to: Int, now: SimInstant, stream: inout RandomStream) -> SimInstant? {
        let degraded = degradation(from, to)
        let loss = max(settings.loss, degraded?.loss ?? 0)
        var delay = SimDuration.zero
        if loss > 0 {
            var timeout = Self.minimumRetransmissionTimeout
            var retransmissions = 0
            while stream.nextUnitInterval() < loss {
                retransmissions += 1
                if retransmissions > Self.maximumRetransmissions { return nil }
                delay = delay + timeout
                timeout = timeout + timeout
            }
        }
        let latency = (degraded?.latency ?? (zoneOf[from] == zoneOf[to] ? settings.sameZone : settings.crossZone)).sample(&stream)
        return now + delay + latency
    }

    /// Moves every connection's latest arrival `span` later (a frozen control
    /// plane), so that a message sent after it still arrives after the
    /// messages it followed.
    mutating func delayArrivals(by span: SimDuration) {
        lastArrival = lastArrival.mapValues { $0 + span }
    }
}

/// The long-lived connections between two endpoints that order their own
/// messages. Each direction of each is a FIFO of its own: a message waits
/// only behind earlier messages of its connection, not behind the other
/// traffic between the same hosts.
enum LinkConnection: UInt8, CaseIterable {
    /// Client requests and their replies, load balancer probes: the
    /// clients' and the probes' connections to the apiservers.
    case clients
    /// etcd's peer stream for MsgApp (rafthttp `streamTypeMsgAppV2`): one
    /// long-lived stream a peer and direction (etcd
    /// server/etcdserver/api/rafthttp/stream.go, `streamWriter`), which
    /// peer.go `pick` chooses for append messages.
    case raftAppends
    /// etcd's peer stream for every other Raft message (rafthttp
    /// `streamTypeMessage`): heartbeats, votes, responses; peer.go `pick`.
    case raftMessages
    /// etcd's pipeline for snapshots (rafthttp pipeline.go): peer.go `pick`
    /// keeps a MsgSnap off the streams so it does not block them.
    case raftPipeline
    /// An apiserver's etcd client connection (gRPC over one HTTP/2
    /// connection, go.etcd.io/etcd/client/v3): its calls to the etcd
    /// leader and their replies, kept apart from the peer streams.
    case etcdClient
}

/// One partition, as labels on the endpoints: O(endpoints) memory, O(1) per
/// link asked about.
struct LinkCut {
    enum Kind {
        /// Endpoints with different non-negative sides cannot talk; -1 talks to all.
        case sides([Int])
        /// Messages from a sender to a receiver are dropped; replies pass.
        case oneWay(senders: [Bool], receivers: [Bool])
        /// Endpoints at ring positions farther apart than `reach` cannot talk;
        /// position -1 (not on the ring) talks to all.
        case ring(position: [Int], size: Int, reach: Int)
    }

    let kind: Kind

    func blocks(_ from: Int, _ to: Int) -> Bool {
        switch kind {
        case .sides(let side):
            return side[from] >= 0 && side[to] >= 0 && side[from] != side[to]
        case .oneWay(let senders, let receivers):
            return senders[from] && receivers[to]
        case .ring(let position, let size, let reach):
            guard position[from] >= 0, position[to] >= 0 else { return false }
            let distance = abs(position[from] - position[to])
            return min(distance, size - distance) > reach
        }
    }
}
