import RealModule

/// A distribution of durations, as written in scenario files:
/// `20m`, `{uniform: [15m, 25m]}`, `{exponential: {mean: 30d}}`,
/// `{normal: {mean: 10s, stddev: 2s}}`, `{lognormal: {median: 5m, sigma: 0.5}}`,
/// `{weibull: {shape: 1.5, scale: 30d}}`.
///
/// Samples are whole nanoseconds and never negative: the normal distribution is
/// truncated at zero (a negative delay has no meaning), which raises its mean
/// slightly when the standard deviation is large against the mean.
public enum Distribution: Hashable, Sendable {
    case fixed(SimDuration)
    /// Uniform over whole nanoseconds in [low, high].
    case uniform(low: SimDuration, high: SimDuration)
    case exponential(mean: SimDuration)
    case normal(mean: SimDuration, standardDeviation: SimDuration)
    /// exp(N(ln median, sigma²)): right-skewed, as repair and provisioning times are.
    case lognormal(median: SimDuration, sigma: Double)
    /// Weibull with shape k and scale λ: k < 1 infant mortality, k = 1 exponential,
    /// k > 1 wear-out; the usual model of time to failure.
    case weibull(shape: Double, scale: SimDuration)

    public func sample(_ stream: inout RandomStream) -> SimDuration {
        switch self {
        case .fixed(let value):
            return value
        case .uniform(let low, let high):
            return SimDuration(nanoseconds: stream.nextInt(in: low.nanoseconds...high.nanoseconds))
        case .exponential(let mean):
            return SimDuration(seconds: -mean.seconds * Double.log(stream.nextOpenUnitInterval()))
        case .normal(let mean, let sd):
            let value = mean.seconds + sd.seconds * Self.standardNormal(&stream)
            return SimDuration(seconds: Swift.max(0, value))
        case .lognormal(let median, let sigma):
            return SimDuration(seconds: median.seconds * Double.exp(sigma * Self.standardNormal(&stream)))
        case .weibull(let shape, let scale):
            let u = stream.nextOpenUnitInterval()
            return SimDuration(seconds: scale.seconds * Double.pow(-Double.log(u), 1 / shape))
        }
    }

    /// A standard normal draw by the Box-Muller transform; uses two uniforms
    /// and discards the second normal so every sample consumes the same draws.
    static func standardNormal(_ stream: inout RandomStream) -> Double {
        let u1 = stream.nextOpenUnitInterval()
        let u2 = stream.nextUnitInterval()
        return (-2 * Double.log(u1)).squareRoot() * Double.cos(2 * Double.pi * u2)
    }

    /// The smallest value a sample can take.
    public var minimum: SimDuration {
        switch self {
        case .fixed(let value): return value
        case .uniform(let low, _): return low
        default: return .zero
        }
    }

    /// Whether every sample is the same value (no random draw is needed).
    public var isFixed: Bool {
        if case .fixed = self { return true }
        return false
    }

    /// The theoretical mean in seconds (for the untruncated normal).
    public var meanSeconds: Double {
        switch self {
        case .fixed(let value): return value.seconds
        case .uniform(let low, let high): return (low.seconds + high.seconds) / 2
        case .exponential(let mean): return mean.seconds
        case .normal(let mean, _): return mean.seconds
        case .lognormal(let median, let sigma): return median.seconds * Double.exp(sigma * sigma / 2)
        case .weibull(let shape, let scale): return scale.seconds * Double.gamma(1 + 1 / shape)
        }
    }

    /// The theoretical standard deviation in seconds (for the untruncated normal).
    public var standardDeviationSeconds: Double {
        switch self {
        case .fixed: return 0
        case .uniform(let low, let high): return (high.seconds - low.seconds) / 12.0.squareRoot()
        case .exponential(let mean): return mean.seconds
        case .normal(_, let sd): return sd.seconds
        case .lognormal(let median, let sigma):
            let s2 = sigma * sigma
            return median.seconds * ((Double.exp(s2) - 1) * Double.exp(s2)).squareRoot()
        case .weibull(let shape, let scale):
            let g1 = Double.gamma(1 + 1 / shape)
            let g2 = Double.gamma(1 + 2 / shape)
            return scale.seconds * (g2 - g1 * g1).squareRoot()
        }
    }
}

extension Distribution: CustomStringConvertible {
    /// The scenario-file spelling of the distribution.
    public var description: String {
        switch self {
        case .fixed(let value): return "\(value)"
        case .uniform(let low, let high): return "{uniform: [\(low), \(high)]}"
        case .exponential(let mean): return "{exponential: {mean: \(mean)}}"
        case .normal(let mean, let sd): return "{normal: {mean: \(mean), stddev: \(sd)}}"
        case .lognormal(let median, let sigma): return "{lognormal: {median: \(median), sigma: \(sigma)}}"
        case .weibull(let shape, let scale): return "{weibull: {shape: \(shape), scale: \(scale)}}"
        }
    }
}
