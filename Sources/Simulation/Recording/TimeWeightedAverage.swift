import SimKernel

/// The time-weighted average of a piecewise-constant value, e.g. the number of
/// master hosts up, integrated exactly at each change.
struct TimeWeightedAverage {
    private(set) var value: Double
    private var since: SimInstant = .start
    private var area: Double = 0

    init(initial: Double) { value = initial }

    mutating func set(_ newValue: Double, at time: SimInstant) {
        // Only changes are integrated: repeating a value adds rounding, not area.
        guard newValue != value else { return }
        area += value * Double(time.nanosecondsSinceStart - since.nanosecondsSinceStart)
        value = newValue
        since = time
    }

    func average(until end: SimInstant) -> Double {
        let span = Double(end.nanosecondsSinceStart)
        guard span > 0 else { return value }
        return (area + value * Double(end.nanosecondsSinceStart - since.nanosecondsSinceStart)) / span
    }
}
