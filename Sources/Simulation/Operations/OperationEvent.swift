/// The Operations subsystem's events. Trace kind 12 (see `WorldEvent`).
public enum OperationEvent: Hashable, Sendable {
    /// A step of master operation `index`.
    case step(index: Int, step: MasterOperationStep)

    var traceCode: UInt64 {
        switch self {
        case .step(let index, let step): return 12 << 56 | UInt64(step.rawValue) << 32 | UInt64(index)
        }
    }
}
