import SimKernel
import Testing

/// The latency histogram's promises: exact below 2,048, within 0.05 %
/// above, bounded memory whatever is recorded.
@Suite struct LogLinearHistogramTests {
    /// Nearest-rank quantile of the samples themselves, the reference.
    func exactQuantile(_ values: [Int64], _ q: Double) -> Int64 {
        let sorted = values.sorted()
        let rank = min(max(Int((q * Double(sorted.count)).rounded(.up)), 1), sorted.count)
        return sorted[rank - 1]
    }

    @Test func smallValuesAreExact() {
        var histogram = LogLinearHistogram()
        for value in [5, 1, 2047, 3, 3, 900] as [Int64] { histogram.record(value) }
        #expect(histogram.quantile(0) == 1)
        #expect(histogram.quantile(0.5) == 3)
        #expect(histogram.quantile(0.8) == 900)
        #expect(histogram.quantile(1) == 2047)
        #expect(histogram.count == 6)
    }

    @Test func anEmptyHistogramHasNoQuantile() {
        #expect(LogLinearHistogram().quantile(0.5) == nil)
    }

    /// Lognormal-like latencies from 0.1 ms to seconds, drawn from a fixed
    /// stream: every quantile within 1/2,048 of the exact one.
    @Test(arguments: [0.0, 0.01, 0.5, 0.9, 0.99, 0.999, 1.0])
    func quantilesAreWithinTheStatedError(q: Double) {
        var stream = RandomStream(seed: 42)
        var histogram = LogLinearHistogram()
        var values: [Int64] = []
        for _ in 0..<20_000 {
            let value = Int64(Double(100_000) * (1 + Double(stream.next() % 1_000_000)).squareRoot() * Double(1 + stream.next() % 7))
            values.append(value)
            histogram.record(value)
        }
        let exact = exactQuantile(values, q)
        let estimate = histogram.quantile(q)!
        #expect(abs(Double(estimate - exact)) <= Double(exact) / 2_048)
    }

    @Test func memoryIsBoundedWhateverIsRecorded() {
        var histogram = LogLinearHistogram()
        for _ in 0..<1_000 { histogram.record(.max) }
        histogram.record(-5)
        #expect(histogram.bucketsAllocated <= 2_048 + 52 * 1_024)
        #expect(histogram.quantile(0) == 0)
        #expect(histogram.quantile(1) == .max)
        // Ten-second latencies in nanoseconds need about 25,000 buckets.
        var latencies = LogLinearHistogram()
        latencies.record(10_000_000_000)
        #expect(latencies.bucketsAllocated < 25_000)
    }

    /// Each value's bucket contains it: with a zero recorded too, the
    /// quantile is the bucket's midpoint, within 1/2,048 of the value.
    @Test func everyValueLandsInABucketThatContainsIt() {
        for shift in 0..<62 {
            for offset: Int64 in [0, 1, 7, 1_000_003] {
                let value = (Int64(1) << shift) + offset
                var histogram = LogLinearHistogram()
                histogram.record(0)
                for _ in 0..<98 { histogram.record(value) }
                histogram.record(.max)
                let middle = histogram.quantile(0.5)!
                #expect(abs(Double(middle - value)) <= Double(value) / 2_048, "\(value)")
            }
        }
    }
}
