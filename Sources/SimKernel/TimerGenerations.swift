/// Generation tokens for timers that can be re-armed or cancelled.
///
/// Each timer slot has a generation number. Arming or cancelling a slot bumps
/// it; the event that was queued for an earlier arming carries the old number
/// and is dropped on arrival. This replaces O(n) removal from the heap.
public struct TimerGenerations: Sendable {
    @usableFromInline var generations: [UInt32]

    public init(slots: Int) { generations = Array(repeating: 0, count: slots) }

    /// Starts a new arming of `slot` and returns the token its event must carry.
    @inlinable public mutating func arm(_ slot: Int) -> UInt32 {
        generations[slot] &+= 1
        return generations[slot]
    }

    /// Invalidates whatever is queued for `slot`.
    @inlinable public mutating func cancel(_ slot: Int) {
        generations[slot] &+= 1
    }

    /// Whether an event carrying `token` is the latest arming of `slot`.
    @inlinable public func isCurrent(_ slot: Int, _ token: UInt32) -> Bool {
        generations[slot] == token
    }
}
