/// The APIServers subsystem's events. Trace kinds 8, 29, 36 and 37 (`TraceKind`).
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

    var traceCode: UInt64 {
        switch self {
        case .readinessCheck(let host, let generation): return TraceKind.apiServerReadinessCheck.code(WorldEvent.pair(host, generation))
        case .etcdRequestTimedOut(let call): return TraceKind.apiServerEtcdRequestTimedOut.code(WorldEvent.pair(call, 0))
        case .shutdownDelayEnds(let host, let generation): return TraceKind.apiServerShutdownDelayEnds.code(WorldEvent.pair(host, generation))
        case .drainTimedOut(let host, let generation): return TraceKind.apiServerDrainTimedOut.code(WorldEvent.pair(host, generation))
        }
    }
}
