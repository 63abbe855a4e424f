/// The APIServers subsystem's events. Trace kind 8 (see `WorldEvent`).
public enum APIServerEvent: Hashable, Sendable {
    /// The apiserver on `host` fails /readyz if its etcd path still fails.
    case readinessCheck(host: Int, generation: Int)

    var traceCode: UInt64 {
        switch self {
        case .readinessCheck(let host, let generation): return 8 << 56 | WorldEvent.pair(host, generation)
        }
    }
}
