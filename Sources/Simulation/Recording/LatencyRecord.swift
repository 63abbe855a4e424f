import SimKernel

/// Latencies of successful requests, summarised by nearest-rank quantiles
/// from a histogram: memory stays bounded however many requests a long run
/// makes, at a relative error of at most 0.05 % (`LogLinearHistogram`).
struct LatencyRecord {
    private(set) var histogram = LogLinearHistogram()

    mutating func add(_ latency: SimDuration) { histogram.record(latency.nanoseconds) }

    var count: Int { histogram.count }

    /// The nearest-rank quantile in seconds; NaN when nothing succeeded.
    func quantile(_ q: Double) -> Double {
        histogram.quantile(q).map { SimDuration(nanoseconds: $0).seconds } ?? .nan
    }
}
