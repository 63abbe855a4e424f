/// The ticks of a simulated-time axis: a round step (1 s, 5 s, 1 m, 10 m,
/// 1 h, ...) chosen so that a window shows between about 5 and 10 labels,
/// whatever its length, from milliseconds to days.
struct TimeAxis {
    let from: Int64
    let to: Int64
    let step: Int64

    static let steps: [Int64] = {
        let ms: Int64 = 1_000_000, s = 1_000 * ms, m = 60 * s, h = 60 * m
        return [1, 2, 5, 10, 20, 50, 100, 200, 500].map { $0 * ms }
            + [1, 2, 5, 10, 15, 30].map { $0 * s }
            + [1, 2, 5, 10, 15, 30].map { $0 * m }
            + [1, 2, 3, 6, 12, 24, 48, 168].map { $0 * h }
    }()

    init(from: Int64, to: Int64, maximumTicks: Int64 = 10) {
        self.from = from
        self.to = to
        let span = max(to - from, 1)
        step = Self.steps.first { span / $0 < maximumTicks } ?? Self.steps.last!
    }

    /// Tick instants: the multiples of the step inside the window.
    var ticks: [Int64] {
        let first = (from + step - 1) / step * step
        return Array(stride(from: first, through: to, by: Int(step)))
    }

    /// A tick's label: exact, since ticks fall on round instants.
    func label(_ tick: Int64) -> String {
        TimeText.format(tick)
    }
}
