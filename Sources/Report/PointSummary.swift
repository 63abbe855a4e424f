/// One sweep point's values of one metric over its seeds: mean with a 95 %
/// confidence interval, and the quartiles a box or a list of dots needs.
///
/// The interval is the normal approximation, mean ± 1.96 s/√n, the same as
/// the database's `sweep_summary` view computes, so the chart and a query
/// agree, except that it is clipped to the values the metric can take. Sums run in seed order, so the same rows give the same bits.
struct PointSummary: Equatable {
    var n: Int
    var mean: Double
    var ciLow: Double
    var ciHigh: Double
    var min: Double
    var median: Double
    var max: Double
    /// The values in seed order, for the distribution's dots.
    var values: [Double]

    /// The values a metric of `unit` can take: an interval that passes them
    /// (a ratio above 1, seconds below 0) says nothing and is clipped.
    /// Every metric of the catalogue is a ratio, a count or a time (s,
    /// node-s); a unit not known here is left unclipped.
    static func range(unit: String) -> ClosedRange<Double> {
        switch unit {
        case "ratio": 0...1
        case "s", "count", "node-s": 0...Double.infinity
        default: -Double.infinity...Double.infinity
        }
    }

    init?(_ values: [Double], within range: ClosedRange<Double> = -Double.infinity...Double.infinity) {
        guard !values.isEmpty else { return nil }
        let count = values.count
        let mean = values.reduce(0, +) / Double(count)
        let variance = count > 1 ? values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(count - 1) : 0
        let half = 1.96 * variance.squareRoot() / Double(count).squareRoot()
        n = count
        self.mean = mean
        ciLow = Swift.max(mean - half, range.lowerBound)
        ciHigh = Swift.min(mean + half, range.upperBound)
        let sorted = values.sorted()
        min = sorted[0]
        max = sorted[n - 1]
        median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
        self.values = values
    }
}
