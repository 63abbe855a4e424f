import SimKernel

/// Latencies of successful requests, summarised by nearest-rank quantiles.
struct LatencyRecord {
    private(set) var latencies: [SimDuration] = []

    mutating func add(_ latency: SimDuration) { latencies.append(latency) }

    var count: Int { latencies.count }

    /// The nearest-rank quantile in seconds; NaN when nothing succeeded.
    func quantile(_ q: Double) -> Double {
        guard !latencies.isEmpty else { return .nan }
        let sorted = latencies.sorted()
        let rank = Int((q * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1].seconds
    }
}
