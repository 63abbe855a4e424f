import Raft

/// Raft messages in flight, kept out of the event queue: a message is over a
/// hundred bytes, and the heap moves its elements on every push and pop. The
/// queue carries a slot number instead. Slots are reused in a fixed order, so
/// the pool is as deterministic as the queue.
struct MessagePool {
    private var slots: [RaftMessage?] = []
    private var free: [Int32] = []

    mutating func store(_ message: RaftMessage) -> Int32 {
        if let slot = free.popLast() {
            slots[Int(slot)] = message
            return slot
        }
        slots.append(message)
        return Int32(slots.count - 1)
    }

    mutating func take(_ slot: Int32) -> RaftMessage {
        let message = slots[Int(slot)]!
        slots[Int(slot)] = nil
        free.append(slot)
        return message
    }

    /// The message's identity for the trace digest: kind, ends, term and index.
    static func traceCode(_ message: RaftMessage) -> UInt64 {
        UInt64(message.type.rawValue) << 48 | UInt64(message.from) << 42 | UInt64(message.to) << 36
            | (message.term & 0xFFFF) << 20 | (message.index & 0xFFFFF)
    }
}
