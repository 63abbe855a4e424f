import SimKernel

/// Latencies of successful requests, summarised by nearest-rank quantiles
/// from a histogram: memory stays bounded however many requests a long run
/// makes, at a relative error of at most 0.05 % (`LogLinearHistogram`).
struct LatencyRecord {
    private(set) var histogram = LogLinearHistogram()

    mutating func add(_ latency: SimDuration) { histogram.record(latency.nanoseconds) }

    var count: Int { histogram.count }

    /// Adds `times` more of the samples recorded since `earlier` (the fast-forward's skipped windows).
    mutating func repeatSamples(since earlier: LogLinearHistogram, times: Int) {
        histogram.repeatSamples(since: earlier, times: times)
    }

    /// The nearest-rank quantile in seconds; NaN when nothing succeeded.
    func quantile(_ q: Double) -> Double {
        histogram.quantile(q).map { SimDuration(nanoseconds: $0).seconds } ?? .nan
    }
}
