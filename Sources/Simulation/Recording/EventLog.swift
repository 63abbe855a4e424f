import SimKernel

/// The notable events of a run (faults, elections, lease changes,
/// connections), kept up to `limit` so that a long or stormy run cannot
/// grow them without bound; how many were left out is counted and said in
/// the last record.
struct EventLog {
    /// About 15 MB of records: more than any library scenario makes by a
    /// factor of a thousand, and still a readable timeline.
    static let defaultLimit = 100_000

    let limit: Int
    private(set) var records: [EventRecord] = []
    private(set) var dropped = 0
    /// Quiet time the fast-forward skipped so far: the run's clock is the
    /// model's plus this (docs/FAST-FORWARD.md), so every time given is moved by it.
    private(set) var skipped = SimDuration.zero

    /// The fast-forward skipped `span` of quiet time at the current instant:
    /// what holds now held through it.
    mutating func skip(_ span: SimDuration) { skipped += span }

    /// Records kept or dropped so far: the fast-forward's sign that something happened.
    var recorded: Int { records.count + dropped }

    init(limit: Int = EventLog.defaultLimit) { self.limit = limit }

    mutating func record(_ modelEvent: EventRecord) {
        var event = modelEvent
        event.time += skipped
        if records.count < limit { records.append(event) } else { dropped += 1 }
    }

    /// The records, closed by a `recordsTruncated` record at `end` when
    /// events or intervals (`droppedIntervals`, from the timeline) were left out.
    func finished(at modelEnd: SimInstant, droppedIntervals: Int) -> [EventRecord] {
        let end = modelEnd + skipped
        guard dropped > 0 || droppedIntervals > 0 else { return records }
        let detail = "\(dropped) events beyond the first \(limit) and \(droppedIntervals) intervals beyond the timeline's limit were not kept"
        return records + [EventRecord(time: end, entity: "hasim", kind: .recordsTruncated, detail: detail)]
    }
}
