import SimKernel

/// Everything that can happen in the World: one case a subsystem, each
/// holding that subsystem's own event enum, dispatched at one point,
/// `World.handle(_:)`. A value type with no closures, so it can be printed
/// and folded into the trace digest.
///
/// Each subsystem's event builds its trace code from its `TraceKind` (the
/// digest's high byte, one list for all subsystems) and its parameters.
public enum WorldEvent: Hashable, Sendable, TraceableEvent {
    case faults(FaultEvent)
    case etcd(EtcdEvent)
    case apiServers(APIServerEvent)
    case leases(LeaseEvent)
    case addons(AddonEvent)
    case operations(OperationEvent)
    case access(AccessEvent)
    case workers(WorkersEvent)
    case failures(FailureEvent)

    /// Kind in the high byte, parameters below: stable across runs and builds.
    public var traceCode: UInt64 {
        switch self {
        case .faults(let event): return event.traceCode
        case .etcd(let event): return event.traceCode
        case .apiServers(let event): return event.traceCode
        case .leases(let event): return event.traceCode
        case .addons(let event): return event.traceCode
        case .operations(let event): return event.traceCode
        case .access(let event): return event.traceCode
        case .workers(let event): return event.traceCode
        case .failures(let event): return event.traceCode
        }
    }

    /// The subsystem that owns the event (`World.subsystems`).
    var subsystem: SubsystemID {
        switch self {
        case .faults: return .faults
        case .etcd: return .etcd
        case .apiServers: return .apiServers
        case .leases: return .leases
        case .addons: return .addons
        case .operations: return .operations
        case .access: return .access
        case .workers: return .workers
        case .failures: return .failures
        }
    }

    /// An index in bits 32..55 and a generation in the low 32 bits.
    static func pair(_ index: Int, _ generation: Int) -> UInt64 {
        (UInt64(index) & 0xFF_FFFF) << 32 | UInt64(UInt32(truncatingIfNeeded: generation))
    }
}
