import SimKernel

/// The time-weighted average of a piecewise-constant value, e.g. the number of
/// master hosts up, integrated exactly at each change.
struct TimeWeightedAverage {
    private(set) var value: Double
    private var since: SimInstant = .start
    private var area: Double = 0
    /// Quiet time the fast-forward skipped so far: the run's clock is the
    /// model's plus this (docs/FAST-FORWARD.md), so every time given is moved by it.
    private(set) var skipped = SimDuration.zero

    /// The fast-forward skipped `span` of quiet time at the current instant:
    /// what holds now held through it.
    mutating func skip(_ span: SimDuration) { skipped += span }

    init(initial: Double) { value = initial }

    mutating func set(_ newValue: Double, at modelTime: SimInstant) {
        let time = modelTime + skipped
        // Only changes are integrated: repeating a value adds rounding, not area.
        guard newValue != value else { return }
        area += value * Double(time.nanosecondsSinceStart - since.nanosecondsSinceStart)
        value = newValue
        since = time
    }

    func average(until modelEnd: SimInstant) -> Double {
        let end = modelEnd + skipped
        let span = Double(end.nanosecondsSinceStart)
        guard span > 0 else { return value }
        return (area + value * Double(end.nanosecondsSinceStart - since.nanosecondsSinceStart)) / span
    }
}
