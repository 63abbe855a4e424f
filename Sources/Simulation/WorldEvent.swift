import SimKernel

/// Everything that can happen in the World; dispatched at one point,
/// `World.handle(_:)`. A value type with no closures, so it can be printed and
/// folded into the trace digest.
public enum WorldEvent: Hashable, Sendable, TraceableEvent {
    /// Fault number `index` of the scenario starts.
    case faultStarts(index: Int)
    /// Fault number `index` ends; hosts it held down may come back.
    case faultEnds(index: Int)

    /// Kind in the high byte, parameters below: stable across runs and builds.
    public var traceCode: UInt64 {
        switch self {
        case .faultStarts(let index): return 1 << 56 | UInt64(index)
        case .faultEnds(let index): return 2 << 56 | UInt64(index)
        }
    }
}
