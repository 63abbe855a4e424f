/// The Faults subsystem's events. Trace kinds 1 and 2 (`TraceKind`).
public enum FaultEvent: Hashable, Sendable {
    /// Fault number `index` of the scenario starts.
    case starts(index: Int)
    /// Fault number `index` ends; what it held down may come back.
    case ends(index: Int)

    var traceCode: UInt64 {
        switch self {
        case .starts(let index): return TraceKind.faultStarts.code(UInt64(index))
        case .ends(let index): return TraceKind.faultEnds.code(UInt64(index))
        }
    }
}
