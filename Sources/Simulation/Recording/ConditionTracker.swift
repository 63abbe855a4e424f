import SimKernel

/// How long a boolean condition held in total, its longest single stretch,
/// and its longest stretch not holding (for `always ..., longerThan`).
struct ConditionTracker {
    private(set) var holds = false
    private var since: SimInstant = .start
    private(set) var total: SimDuration = .zero
    private(set) var longest: SimDuration = .zero
    private(set) var longestAbsent: SimDuration = .zero
    /// Quiet time the fast-forward skipped so far: the run's clock is the
    /// model's plus this (docs/FAST-FORWARD.md), so every time given is moved by it.
    private(set) var skipped = SimDuration.zero

    /// The fast-forward skipped `span` of quiet time at the current instant:
    /// what holds now held through it.
    mutating func skip(_ span: SimDuration) { skipped += span }

    mutating func set(_ newValue: Bool, at modelTime: SimInstant) {
        guard newValue != holds else { return }
        let time = modelTime + skipped
        closeStretch(at: time)
        holds = newValue
        since = time
    }

    mutating func finish(at modelEnd: SimInstant) {
        let end = modelEnd + skipped
        closeStretch(at: end)
        holds = false
        since = end
    }

    private mutating func closeStretch(at time: SimInstant) {
        let stretch = time - since
        if holds {
            total += stretch
            longest = max(longest, stretch)
        } else {
            longestAbsent = max(longestAbsent, stretch)
        }
    }
}
