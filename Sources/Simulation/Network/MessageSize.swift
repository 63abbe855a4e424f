import Raft

/// The bytes one message of the model puts on the wire, estimated: the
/// model carries no payloads, so each kind of message has a fixed,
/// deterministic size (docs/COST.md, "Cross-zone traffic", gives each
/// figure and what it rests on). Only the cross-zone count uses it.
struct MessageSize: Hashable, Sendable {
    var kind: CrossZoneTraffic.Kind
    var bytes: Int

    /// Per message: TCP and IPv4 headers with Linux's default timestamps
    /// option (20 + 20 + 12 bytes; net.ipv4.tcp_timestamps = 1,
    /// Documentation/networking/ip-sysctl.rst) and a TLS 1.3 record's
    /// overhead (5-byte header, content type byte, 16-byte AEAD tag;
    /// RFC 8446 §5.2). etcd's peer and client links and the API are TLS.
    static let framing = 52 + 22
    /// rafthttp's message encoder writes each raftpb.Message as an 8-byte
    /// length and the marshalled message (server/etcdserver/api/rafthttp/
    /// msg_codec.go). The fixed fields (type, to, from, term, logTerm,
    /// index, commit, reject, rejectHint), member ids taking the varint's
    /// ten bytes, come to about 60 bytes: an assumption, not a measurement.
    static let raftHeader = 8 + 60
    /// An entry's own fields (term, index, type) and the data's length.
    static let entryHeader = 16
    /// The data of an entry that carries an API write: a small Kubernetes
    /// object in protobuf with etcd's request header. Assumed 1 KiB (a
    /// Lease is a few hundred bytes, a Pod a few KiB).
    static let writeData = 1024
    /// A conf change's data: a member id and its peer URL.
    static let confChangeData = 64
    /// A client's API request: HTTP/2 HEADERS with HPACK-compressed
    /// headers for a GET or a small PUT. Assumed 256 bytes.
    static let apiRequestBytes = 256
    /// An API reply: headers and one object in JSON. Assumed 1 KiB.
    static let apiReplyBytes = 1024
    /// An apiserver's gRPC call to etcd (a Range or Txn on one key). Assumed 192 bytes.
    static let etcdCallBytes = 192
    /// etcd's reply: the key's value, one object. Assumed 1 KiB.
    static let etcdReplyBytes = 1024

    static func raft(_ message: RaftMessage) -> MessageSize {
        var bytes = framing + raftHeader
        for entry in message.entries {
            bytes += entryHeader
            switch entry.payload {
            case .empty: break
            case .normal: bytes += writeData
            case .confChange: bytes += confChangeData
            }
        }
        return MessageSize(kind: .etcdPeer, bytes: bytes)
    }

    /// A heartbeat or its response, as a ReadIndex confirmation sends them.
    static let heartbeat = MessageSize(kind: .etcdPeer, bytes: framing + raftHeader)
    static let apiRequest = MessageSize(kind: .apiRequest, bytes: framing + apiRequestBytes)
    static let apiReply = MessageSize(kind: .apiRequest, bytes: framing + apiReplyBytes)
    static let etcdCall = MessageSize(kind: .etcdClient, bytes: framing + etcdCallBytes)
    static let etcdReply = MessageSize(kind: .etcdClient, bytes: framing + etcdReplyBytes)
}
