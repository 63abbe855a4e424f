/// The Addons subsystem's events. Trace kind 11 (see `WorldEvent`).
public enum AddonEvent: Hashable, Sendable {
    /// An add-on manager's periodic sync.
    case sync(manager: Int, generation: Int)

    var traceCode: UInt64 {
        switch self {
        case .sync(let manager, let generation): return 11 << 56 | WorldEvent.pair(manager, generation)
        }
    }
}
