import SimKernel

/// How long a boolean condition held in total, its longest single stretch,
/// and its longest stretch not holding (for `always ..., longerThan`).
struct ConditionTracker {
    private(set) var holds = false
    private var since: SimInstant = .start
    private(set) var total: SimDuration = .zero
    private(set) var longest: SimDuration = .zero
    private(set) var longestAbsent: SimDuration = .zero

    mutating func set(_ newValue: Bool, at time: SimInstant) {
        guard newValue != holds else { return }
        closeStretch(at: time)
        holds = newValue
        since = time
    }

    mutating func finish(at end: SimInstant) {
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
