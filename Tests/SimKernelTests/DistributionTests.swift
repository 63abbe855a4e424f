import SimKernel
import Testing

@Suite struct DistributionTests {
    /// Sample mean and standard deviation in seconds over `count` draws.
    func moments(_ distribution: Distribution, count: Int = 200_000, seed: UInt64 = 1) -> (mean: Double, sd: Double, min: SimDuration) {
        var stream = RandomStream(seed: seed)
        var sum = 0.0, sumSquares = 0.0
        var minimum = SimDuration(nanoseconds: .max)
        for _ in 0..<count {
            let value = distribution.sample(&stream)
            sum += value.seconds
            sumSquares += value.seconds * value.seconds
            minimum = min(minimum, value)
        }
        let mean = sum / Double(count)
        return (mean, (sumSquares / Double(count) - mean * mean).squareRoot(), minimum)
    }

    @Test(arguments: [
        Distribution.uniform(low: .minutes(15), high: .minutes(25)),
        .exponential(mean: .days(30)),
        .normal(mean: .seconds(10), standardDeviation: .seconds(2)),
        .lognormal(median: .minutes(5), sigma: 0.5),
        .weibull(shape: 1.5, scale: .days(30)),
        .weibull(shape: 0.7, scale: .hours(2)),
    ])
    func sampleMeanAndSpreadMatchTheory(distribution: Distribution) {
        let observed = moments(distribution)
        // 200,000 draws: the mean's standard error is sd/447; allow 2% of the mean or 5 errors.
        let meanTolerance = max(0.02 * distribution.meanSeconds, 5 * distribution.standardDeviationSeconds / 447)
        #expect(abs(observed.mean - distribution.meanSeconds) < meanTolerance)
        #expect(abs(observed.sd - distribution.standardDeviationSeconds) < 0.05 * distribution.standardDeviationSeconds)
        #expect(observed.min >= distribution.minimum)
    }

    @Test func fixedAlwaysGivesItsValueAndDrawsNothing() {
        var stream = RandomStream(seed: 1)
        let untouched = stream
        #expect(Distribution.fixed(.minutes(20)).sample(&stream) == .minutes(20))
        var a = stream, b = untouched
        #expect(a.next() == b.next())
    }

    @Test func normalIsTruncatedAtZero() {
        let observed = moments(.normal(mean: .seconds(1), standardDeviation: .seconds(5)), count: 20_000)
        #expect(observed.min == .zero)
    }

    @Test func uniformCoversBothBounds() {
        var stream = RandomStream(seed: 2)
        let distribution = Distribution.uniform(low: .nanoseconds(3), high: .nanoseconds(5))
        let seen = Set((0..<1_000).map { _ in distribution.sample(&stream).nanoseconds })
        #expect(seen == [3, 4, 5])
    }

    @Test func printsInScenarioSpelling() {
        #expect(Distribution.uniform(low: .minutes(15), high: .minutes(25)).description == "{uniform: [15m, 25m]}")
        #expect(Distribution.exponential(mean: .days(30)).description == "{exponential: {mean: 30d}}")
        #expect(Distribution.fixed(.minutes(20)).description == "20m")
    }
}
