/// The Operations subsystem's events. Trace kind 12 (`TraceKind`).
public enum OperationEvent: Hashable, Sendable {
    /// A step of master operation `index`.
    case step(index: Int, step: MasterOperationStep)

    var traceCode: UInt64 {
        switch self {
        case .step(let index, let step): return TraceKind.operationStep.code(UInt64(step.rawValue) << 32 | UInt64(index))
        }
    }
}
