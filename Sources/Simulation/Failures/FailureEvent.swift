/// The Failures subsystem's events. Trace kinds 30 and 31 (`TraceKind`).
public enum FailureEvent: Hashable, Sendable {
    /// Failing target number `target` (in `World.failingTargets`) fails.
    case fails(target: Int)
    /// It is repaired: what its failure held down may come back.
    case repaired(target: Int)

    var traceCode: UInt64 {
        switch self {
        case .fails(let target): return TraceKind.failureFails.code(UInt64(target))
        case .repaired(let target): return TraceKind.failureRepaired.code(UInt64(target))
        }
    }
}
