import SimKernel

/// Records one availability condition's failing intervals with their cause
/// and mechanism. Every time it knows is one it was handed as `at modelTime:`
/// (the model's `now`) plus the quiet time the fast-forward skipped so far
/// (`skip`, docs/FAST-FORWARD.md): all its time arithmetic is here, and its
/// intervals are on the run's clock.
///
/// A failing stretch is attributed when it starts: to the causes active
/// then, and to the mechanism the World's state shows. When the mechanism
/// changes within the stretch (a zone comes back and etcd elects a leader:
/// quorum loss, then election) the interval is split; the parts keep the
/// stretch's cause (asked again only when it was "none"). At most `limit`
/// intervals are kept, as `StateTimeline` does; the rest are counted.
struct DowntimeRecorder {
    static let defaultLimit = 100_000

    let condition: DowntimeCondition
    let limit: Int
    private(set) var intervals: [DowntimeInterval] = []
    private(set) var dropped = 0
    private var open: (start: SimInstant, causes: [DowntimeCause], mechanism: DowntimeMechanism)?
    /// Quiet time the fast-forward skipped so far: the run's clock is the
    /// model's plus this.
    private(set) var skipped = SimDuration.zero

    init(_ condition: DowntimeCondition, limit: Int = DowntimeRecorder.defaultLimit) {
        self.condition = condition
        self.limit = limit
    }

    var isFailing: Bool { open != nil }

    /// The open stretch's mechanism; nil while the condition holds.
    var mechanism: DowntimeMechanism? { open?.mechanism }

    /// Whether `failing` would use a cause given now: a stretch starts, or
    /// the open one has none yet.
    var wantsCause: Bool { open.map { $0.causes.isEmpty } ?? true }

    /// The fast-forward skipped `span` of quiet time at the current instant:
    /// what holds now held through it.
    mutating func skip(_ span: SimDuration) { skipped += span }

    /// The condition fails at `modelTime` by `mechanism`. Opens a stretch
    /// attributed to `causes`, or splits the open one if its mechanism changed.
    mutating func failing(_ mechanism: DowntimeMechanism, causes: [DowntimeCause], at modelTime: SimInstant) {
        let time = modelTime + skipped
        guard let current = open else {
            open = (time, causes, mechanism)
            return
        }
        guard current.mechanism != mechanism else { return }
        let kept = current.causes.isEmpty ? causes : current.causes
        if time > current.start {
            close(current, at: time)
            open = (time, kept, mechanism)
        } else {
            // Changed at the instant it opened: the later state decides.
            open = (current.start, kept, mechanism)
        }
    }

    /// The condition holds again at `modelTime`: the open stretch ends.
    mutating func recovered(at modelTime: SimInstant) {
        guard let current = open else { return }
        open = nil
        let end = modelTime + skipped
        close(current, at: end)
    }

    /// The run ends at `modelEnd`: an open stretch closes there.
    mutating func finish(at modelEnd: SimInstant) { recovered(at: modelEnd) }

    private mutating func close(_ stretch: (start: SimInstant, causes: [DowntimeCause], mechanism: DowntimeMechanism), at time: SimInstant) {
        guard time > stretch.start else { return }
        guard intervals.count < limit else {
            dropped += 1
            return
        }
        intervals.append(DowntimeInterval(metric: condition.rawValue, start: stretch.start, end: time,
                                          causes: stretch.causes, mechanism: stretch.mechanism.rawValue))
    }
}
