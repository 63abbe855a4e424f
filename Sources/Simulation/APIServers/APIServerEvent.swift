/// The APIServers subsystem's events. Trace kinds 8, 29, 36, 37 and 41 (`TraceKind`).
public enum APIServerEvent: Hashable, Sendable {
    /// The apiserver on `host` fails /readyz if its etcd path still fails.
    case readinessCheck(host: Int, generation: Int)
    /// etcd's request timeout ends hung call `call` (`HungCall`).
    case etcdRequestTimedOut(call: Int)
    /// The apiserver on `host` ends its shutdown delay: it stops accepting
    /// and sends GOAWAY (World+GracefulStop).
    case shutdownDelayEnds(host: Int, generation: Int)
    /// The apiserver's drain reaches the request timeout: it exits.
    case drainTimedOut(host: Int, generation: Int)
    /// The etcd client on `host` closes its silent connection to `member`:
    /// its keepalive ping went unanswered, or a request on it stayed
    /// unacknowledged for TCP_USER_TIMEOUT (`EtcdClient`).
    case etcdKeepaliveExpires(host: Int, member: Int, generation: Int)

    var traceCode: UInt64 {
        switch self {
        case .readinessCheck(let host, let generation): return TraceKind.apiServerReadinessCheck.code(WorldEvent.pair(host, generation))
        case .etcdRequestTimedOut(let call): return TraceKind.apiServerEtcdRequestTimedOut.code(WorldEvent.pair(call, 0))
        case .shutdownDelayEnds(let host, let generation): return TraceKind.apiServerShutdownDelayEnds.code(WorldEvent.pair(host, generation))
        case .drainTimedOut(let host, let generation): return TraceKind.apiServerDrainTimedOut.code(WorldEvent.pair(host, generation))
        case .etcdKeepaliveExpires(let host, let member, let generation):
            return TraceKind.apiServerEtcdKeepaliveExpires.code(WorldEvent.pair((host & 0xFFF) << 12 | (member & 0xFFF), generation))
        }
    }
}
