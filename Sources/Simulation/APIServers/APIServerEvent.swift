/// The APIServers subsystem's events. Trace kinds 8 and 29 (`TraceKind`).
public enum APIServerEvent: Hashable, Sendable {
    /// The apiserver on `host` fails /readyz if its etcd path still fails.
    case readinessCheck(host: Int, generation: Int)
    /// etcd's request timeout ends hung call `call` (`HungCall`).
    case etcdRequestTimedOut(call: Int)

    var traceCode: UInt64 {
        switch self {
        case .readinessCheck(let host, let generation): return TraceKind.apiServerReadinessCheck.code(WorldEvent.pair(host, generation))
        case .etcdRequestTimedOut(let call): return TraceKind.apiServerEtcdRequestTimedOut.code(WorldEvent.pair(call, 0))
        }
    }
}
