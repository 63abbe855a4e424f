import HeapModule

/// The kernel's clock and agenda: a binary heap of value-type events ordered by
/// (time, seq), the current virtual time, and the running trace digest.
///
/// There is no cancellation: a handler that no longer wants an event drops it
/// when it arrives, recognising it by a stale generation token (see
/// `TimerGenerations`). That keeps scheduling and dispatch O(log n).
public struct EventQueue<Event: TraceableEvent> {
    @usableFromInline var heap = Heap<ScheduledEvent<Event>>()
    @usableFromInline var nextSeq: UInt64 = 0
    @usableFromInline var currentTime: SimInstant = .start
    @usableFromInline var runningDigest: UInt64 = FNV1a.offsetBasis
    @usableFromInline var dispatched: Int = 0

    /// The current virtual time: the time of the event being dispatched.
    @inlinable public var now: SimInstant { currentTime }
    /// A running FNV-1a hash over each dispatched event's time, seq and trace code.
    @inlinable public var digest: UInt64 { runningDigest }
    /// How many events have been dispatched.
    @inlinable public var dispatchedCount: Int { dispatched }

    public init() {}

    public var pendingCount: Int { heap.count }
    public var isEmpty: Bool { heap.isEmpty }

    /// Schedules `event` at `time`; scheduling in the past is a model bug.
    @inlinable public mutating func schedule(_ event: Event, at time: SimInstant) {
        precondition(time >= now, "event scheduled in the past: \(time) < \(now)")
        heap.insert(ScheduledEvent(time: time, seq: nextSeq, event: event))
        nextSeq &+= 1
    }

    @inlinable public mutating func schedule(_ event: Event, after delay: SimDuration) {
        schedule(event, at: now + delay)
    }

    /// The earliest pending time of an event that `matches`, by a scan of the
    /// agenda: for the fast-forward's look-ahead, which runs once a window,
    /// not per event.
    public func earliestTime(where matches: (Event) -> Bool) -> SimInstant? {
        var earliest: SimInstant?
        for item in heap.unordered where matches(item.event) {
            if earliest.map({ item.time < $0 }) ?? true { earliest = item.time }
        }
        return earliest
    }

    /// Moves every pending event that `matches` `span` earlier, keeping its
    /// seq, and folds the move into the digest: the fast-forward through
    /// quiet time brings the next disturbance closer instead of moving the
    /// clock (docs/FAST-FORWARD.md). No moved event may land in the past.
    public mutating func pullEarlier(by span: SimDuration, where matches: (Event) -> Bool) {
        var items = Array(heap.unordered)
        for index in items.indices where matches(items[index].event) {
            items[index].time = items[index].time - span
            precondition(items[index].time >= now, "fast-forward pulled an event into the past")
        }
        heap = Heap(items)
        FNV1a.combine(&runningDigest, UInt64(bitPattern: span.nanoseconds))
    }

    /// Removes the earliest event if it is due no later than `limit`, advances
    /// the clock to it and folds it into the digest. Returns nil, leaving the
    /// clock at `limit`, when no such event exists.
    @inlinable public mutating func next(until limit: SimInstant) -> ScheduledEvent<Event>? {
        guard let first = heap.min, first.time <= limit else {
            if limit > currentTime { currentTime = limit }
            return nil
        }
        let item = heap.removeMin()
        currentTime = item.time
        dispatched &+= 1
        FNV1a.combine(&runningDigest, UInt64(bitPattern: item.time.nanosecondsSinceStart))
        FNV1a.combine(&runningDigest, item.seq)
        FNV1a.combine(&runningDigest, item.event.traceCode)
        return item
    }
}
