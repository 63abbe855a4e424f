import HeapModule

/// Parking: taking a subsystem's events out of the agenda while its clock
/// stands still, and putting them back later (the fast-forward's frozen
/// control plane, docs/FAST-FORWARD.md).
extension EventQueue {
    /// Takes every pending event that `matches` out of the agenda, in
    /// dispatch order. Nothing is folded into the digest: `resume` folds
    /// the span they were held for.
    public mutating func park(where matches: (Event) -> Bool) -> [ScheduledEvent<Event>] {
        var parked: [ScheduledEvent<Event>] = []
        var kept: [ScheduledEvent<Event>] = []
        for item in heap.unordered {
            if matches(item.event) { parked.append(item) } else { kept.append(item) }
        }
        guard !parked.isEmpty else { return [] }
        heap = Heap(kept)
        return parked.sorted()
    }

    /// Puts `parked` back `span` later than they were due, each keeping its
    /// seq (so their order among themselves and against events scheduled
    /// meanwhile is fixed), and folds the span into the digest.
    public mutating func resume(_ parked: [ScheduledEvent<Event>], laterBy span: SimDuration) {
        for var item in parked {
            item.time = item.time + span
            precondition(item.time >= now, "a parked event resumed in the past")
            heap.insert(item)
        }
        FNV1a.combine(&runningDigest, UInt64(bitPattern: span.nanoseconds))
    }
}
