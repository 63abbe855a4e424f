/// The Addons subsystem's events. Trace kinds 11 and 33 (see `WorldEvent`).
public enum AddonEvent: Hashable, Sendable {
    /// An add-on manager's periodic sync.
    case sync(manager: Int, generation: Int)
    /// A manager's kubectl call ends: answered, or answered 504 by the
    /// apiserver's request timeout.
    case callEnds(manager: Int, call: Int)

    var traceCode: UInt64 {
        switch self {
        case .sync(let manager, let generation): return 11 << 56 | WorldEvent.pair(manager, generation)
        case .callEnds(let manager, let call): return 33 << 56 | WorldEvent.pair(manager, call)
        }
    }
}
