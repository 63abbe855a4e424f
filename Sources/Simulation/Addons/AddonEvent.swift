/// The Addons subsystem's events. Trace kinds 11 and 33 (`TraceKind`).
public enum AddonEvent: Hashable, Sendable {
    /// An add-on manager's periodic sync.
    case sync(manager: Int, generation: Int)
    /// A manager's kubectl call ends: answered, or answered 504 by the
    /// apiserver's request timeout.
    case callEnds(manager: Int, call: Int)

    var traceCode: UInt64 {
        switch self {
        case .sync(let manager, let generation): return TraceKind.addonSync.code(WorldEvent.pair(manager, generation))
        case .callEnds(let manager, let call): return TraceKind.addonCallEnds.code(WorldEvent.pair(manager, call))
        }
    }
}
