/// An event in the queue, ordered by (time, insertion sequence).
///
/// `seq` is a global counter, so the order is total: two events at the same
/// instant are dispatched in the order they were scheduled, whatever the
/// heap's internal layout (DESIGN.md §2).
public struct ScheduledEvent<Event>: Comparable {
    public var time: SimInstant
    public var seq: UInt64
    public var event: Event

    @inlinable public init(time: SimInstant, seq: UInt64, event: Event) {
        self.time = time
        self.seq = seq
        self.event = event
    }

    @inlinable public static func < (a: Self, b: Self) -> Bool {
        a.time != b.time ? a.time < b.time : a.seq < b.seq
    }

    /// Equal only as positions in the order; `seq` is unique per queue.
    @inlinable public static func == (a: Self, b: Self) -> Bool {
        a.time == b.time && a.seq == b.seq
    }
}

extension ScheduledEvent: Sendable where Event: Sendable {}
