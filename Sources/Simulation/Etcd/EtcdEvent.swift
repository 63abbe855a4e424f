/// The Etcd subsystem's events: its members' ticks, disk writes and
/// messages, and the write probe. Trace kinds 3 to 7 and 38 (`TraceKind`).
public enum EtcdEvent: Hashable, Sendable {
    /// A Raft tick of an etcd member, for the member's life `incarnation`.
    case tick(member: Int, incarnation: Int)
    /// An etcd member's pending disk write became durable.
    case persisted(member: Int, incarnation: Int)
    /// The Raft message in pool slot `slot` arrives at its member, sent to the
    /// member's life `incarnation`; `code` identifies it in the digest.
    case deliver(slot: Int32, incarnation: Int32, code: UInt64)
    /// The write probe sends its next write.
    case probeWrite
    /// Probe write `probe` is given up if still unanswered.
    case probeTimeout(probe: Int)
    /// A member stopping gracefully checks whether its leadership has moved
    /// (etcd server.go MoveLeader polls every tick; World+EtcdStop).
    case transferPoll(member: Int)

    var traceCode: UInt64 {
        switch self {
        case .tick(let member, let incarnation): return TraceKind.etcdTick.code(UInt64(member) << 32 | UInt64(incarnation))
        case .persisted(let member, let incarnation): return TraceKind.etcdPersisted.code(UInt64(member) << 32 | UInt64(incarnation))
        case .deliver(_, _, let code): return TraceKind.etcdDeliver.code(code)
        case .probeWrite: return TraceKind.etcdProbeWrite.code()
        case .probeTimeout(let probe): return TraceKind.etcdProbeTimeout.code(UInt64(probe))
        case .transferPoll(let member): return TraceKind.etcdTransferPoll.code(UInt64(member))
        }
    }
}
