/// One sweep point's values of one metric over its seeds: mean with a 95 %
/// confidence interval, and the quartiles a box or a list of dots needs.
///
/// The interval is the normal approximation, mean ± 1.96 s/√n, the same as
/// the database's `sweep_summary` view computes, so the chart and a query
/// agree. Sums run in seed order, so the same rows give the same bits.
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

    init?(_ values: [Double]) {
        guard !values.isEmpty else { return nil }
        let count = values.count
        let mean = values.reduce(0, +) / Double(count)
        let variance = count > 1 ? values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(count - 1) : 0
        let half = 1.96 * variance.squareRoot() / Double(count).squareRoot()
        n = count
        self.mean = mean
        ciLow = mean - half
        ciHigh = mean + half
        let sorted = values.sorted()
        min = sorted[0]
        max = sorted[n - 1]
        median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
        self.values = values
    }
}
