import SimKernel

/// How long a boolean condition held in total, and its longest single stretch.
struct ConditionTracker {
    private(set) var holds = false
    private var since: SimInstant = .start
    private(set) var total: SimDuration = .zero
    private(set) var longest: SimDuration = .zero

    mutating func set(_ newValue: Bool, at time: SimInstant) {
        guard newValue != holds else { return }
        if holds { closeStretch(at: time) }
        holds = newValue
        since = time
    }

    mutating func finish(at end: SimInstant) {
        if holds { closeStretch(at: end) }
        holds = false
    }

    private mutating func closeStretch(at time: SimInstant) {
        let stretch = time - since
        total += stretch
        longest = max(longest, stretch)
    }
}
