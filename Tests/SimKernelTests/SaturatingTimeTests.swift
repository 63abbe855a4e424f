import SimKernel
import Testing

/// Virtual time saturates instead of trapping (docs/RELIABILITY.md,
/// "Arithmetic"): issue 21 found traps on values the reader accepted.
@Suite struct SaturatingTimeTests {
    @Test func sumsWithinRangeAreExact() {
        #expect(SimDuration.seconds(3) + .milliseconds(250) == .nanoseconds(3_250_000_000))
        #expect(SimDuration.seconds(3) - .seconds(5) == .seconds(-2))
        #expect(SimDuration.milliseconds(100) * 10 == .seconds(1))
        #expect(SimInstant(.seconds(10)) - SimInstant(.seconds(4)) == .seconds(6))
    }

    @Test func overflowSaturatesAtTheRepresentableEnds() {
        let huge = SimDuration(nanoseconds: .max - 5)
        #expect((huge + .seconds(1)).nanoseconds == .max)
        #expect((SimDuration(nanoseconds: .min + 5) - .seconds(1)).nanoseconds == .min)
        // A heartbeat interval of 60 years times ten, as the etcd reader computes.
        #expect((SimDuration.days(21_900) * 10).nanoseconds == .max)
        #expect((SimDuration.days(21_900) * -10).nanoseconds == .min)
        var instant = SimInstant(.days(36_500))
        instant += SimDuration.longestDelay
        instant += SimDuration.longestDelay
        #expect(instant.nanosecondsSinceStart == .max)
    }

    @Test func floatingPointConversionsSaturateAndNeverTrap() {
        #expect(SimDuration(seconds: 1e300) == .longestDelay)
        #expect(SimDuration(seconds: .infinity) == .longestDelay)
        #expect(SimDuration(seconds: -.infinity).nanoseconds == Int64.min / 2)
        // 0 x infinity in a tail draw is not a number: "never" within a run.
        #expect(SimDuration(seconds: .nan) == .longestDelay)
        #expect(SimDuration(seconds: 1.5e-9) == .nanoseconds(2))
    }

    @Test func aRatesPeriodIsExactAndBounded() {
        #expect(SimDuration.period(perSecond: 0.1) == .seconds(10))
        #expect(SimDuration.period(perSecond: 3) == .nanoseconds(333_333_333))
        #expect(SimDuration.period(perSecond: 1e12) == .nanoseconds(1))
        #expect(SimDuration.period(perSecond: 1e-300) == .longestDelay)
    }

    /// A lognormal with a huge sigma, a Weibull with a tiny shape and an
    /// exponential with a mean of a century draw past virtual time; each
    /// sample saturates.
    @Test(arguments: [
        Distribution.lognormal(median: .milliseconds(1), sigma: 1_000),
        .weibull(shape: 1e-4, scale: .seconds(1)),
        .exponential(mean: .days(36_500)),
        .normal(mean: .days(36_500), standardDeviation: .days(36_500)),
    ])
    func tailDrawsStayWithinTheLongestDelay(distribution: Distribution) {
        var stream = RandomStream(seed: 7)
        for _ in 0..<10_000 {
            let sample = distribution.sample(&stream)
            #expect(sample >= .zero && sample <= .longestDelay)
        }
    }
}
