/// The Failures subsystem's events. Trace kinds 30 and 31 (see `WorldEvent`).
public enum FailureEvent: Hashable, Sendable {
    /// Failing target number `target` (in `World.failingTargets`) fails.
    case fails(target: Int)
    /// It is repaired: what its failure held down may come back.
    case repaired(target: Int)

    var traceCode: UInt64 {
        switch self {
        case .fails(let target): return 30 << 56 | UInt64(target)
        case .repaired(let target): return 31 << 56 | UInt64(target)
        }
    }
}
