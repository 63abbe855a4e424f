/// The Leases subsystem's events. Trace kinds 9, 10 and 32 (see `WorldEvent`).
public enum LeaseEvent: Hashable, Sendable {
    /// A leader-election candidate's next try (acquire or renew).
    case tryLease(candidate: Int, generation: Int)
    /// A candidate that exited after losing its lease is restarted.
    case restart(candidate: Int, generation: Int)
    /// A candidate's request to its apiserver ends: answered, or given up
    /// at its deadline (`LeaseCall`).
    case callEnds(candidate: Int, call: Int)

    var traceCode: UInt64 {
        switch self {
        case .tryLease(let candidate, let generation): return 9 << 56 | WorldEvent.pair(candidate, generation)
        case .restart(let candidate, let generation): return 10 << 56 | WorldEvent.pair(candidate, generation)
        case .callEnds(let candidate, let call): return 32 << 56 | WorldEvent.pair(candidate, call)
        }
    }
}
