import SimKernel

/// A 95 % confidence interval for a mean by the percentile bootstrap.
///
/// Why not mean ± 1.96 s/√n: a sweep's metrics are mostly availabilities,
/// bounded by 1 and heavily skewed (most seeds see no outage at all, a few
/// see a long one), where the normal interval is too narrow and can cross 1.
/// Wilson's interval is for a count of successes out of n trials; a
/// time-fraction per run is not one. The percentile bootstrap assumes no
/// shape and stays inside the observed range. Its resampling draws from a
/// stream seeded by the caller, so the same samples give the same interval.
enum BootstrapInterval {
    static let resamples = 2_000
    static let description = "percentile bootstrap, 2000 resamples"

    static func mean95(_ samples: [Double], seed: UInt64) -> (low: Double, high: Double) {
        guard samples.count > 1 else { return (samples.first ?? .nan, samples.first ?? .nan) }
        var random = RandomStream(seed: seed)
        let n = UInt64(samples.count)
        var means: [Double] = []
        means.reserveCapacity(resamples)
        for _ in 0..<resamples {
            var sum = 0.0
            for _ in 0..<samples.count { sum += samples[Int(random.nextInt(below: n))] }
            means.append(sum / Double(samples.count))
        }
        means.sort()
        return (Quantile.nearestRank(means, 0.025), Quantile.nearestRank(means, 0.975))
    }
}

/// Nearest-rank quantiles, as `hasim seeds` prints them.
enum Quantile {
    static func nearestRank(_ sorted: [Double], _ q: Double) -> Double {
        sorted[max(0, Int((q * Double(sorted.count)).rounded(.up)) - 1)]
    }
}
