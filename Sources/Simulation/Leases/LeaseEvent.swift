/// The Leases subsystem's events. Trace kinds 9, 10 and 32 (`TraceKind`).
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
        case .tryLease(let candidate, let generation): return TraceKind.leaseTry.code(WorldEvent.pair(candidate, generation))
        case .restart(let candidate, let generation): return TraceKind.leaseRestart.code(WorldEvent.pair(candidate, generation))
        case .callEnds(let candidate, let call): return TraceKind.leaseCallEnds.code(WorldEvent.pair(candidate, call))
        }
    }
}
