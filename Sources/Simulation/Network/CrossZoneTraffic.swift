/// What crossed between zones during a run, by what carried it: the
/// messages the model sends between hosts in different zones and an
/// estimate of their bytes on the wire (`MessageSize`). Traffic to or from
/// `outside` (the clients beyond the cluster, the load balancer) is not
/// counted: it crosses no zone boundary a provider bills as inter-zone.
/// Counted by `Network.count` as messages are sent; the fast-forward adds
/// the quiet window's traffic for every skipped window (the Etcd
/// subsystem's `repeatWindow`, which also shifts the network's arrivals).
public struct CrossZoneTraffic: Hashable, Sendable {
    /// What a message belongs to, as the `traffic` table names it.
    public enum Kind: String, CaseIterable, Sendable {
        /// Raft messages between etcd members (rafthttp's peer streams).
        case etcdPeer = "etcd-peer"
        /// An apiserver's gRPC calls to an etcd member and their replies.
        case etcdClient = "etcd-client"
        /// Clients' API requests to an apiserver and their replies.
        case apiRequest = "api-request"
    }

    /// By `Kind`, in `allCases` order.
    public private(set) var messages = Array(repeating: 0, count: Kind.allCases.count)
    public private(set) var bytes = Array(repeating: 0, count: Kind.allCases.count)

    public init() {}

    public init(messages: [Int], bytes: [Int]) {
        precondition(messages.count == Kind.allCases.count && bytes.count == Kind.allCases.count)
        self.messages = messages
        self.bytes = bytes
    }

    mutating func add(_ size: MessageSize) {
        let index = Kind.allCases.firstIndex(of: size.kind)!
        messages[index] += 1
        bytes[index] += size.bytes
    }

    /// Adds `times` more of what `window` (a difference of two counts) carried.
    mutating func repeatWindow(_ window: CrossZoneTraffic, times: Int) {
        for index in messages.indices {
            messages[index] += window.messages[index] * times
            bytes[index] += window.bytes[index] * times
        }
    }

    /// This count minus an earlier one: what was carried between them.
    func since(_ earlier: CrossZoneTraffic) -> CrossZoneTraffic {
        CrossZoneTraffic(messages: zip(messages, earlier.messages).map { $0 - $1 }, bytes: zip(bytes, earlier.bytes).map { $0 - $1 })
    }

    public var totalBytes: Int { bytes.reduce(0, +) }
}
