import SimKernel
import Yams

extension YAMLReader {
    static let distributionKinds = ["fixed", "uniform", "exponential", "normal", "lognormal", "weibull"]
    static let exponentialKeys = ["mean"]
    static let normalKeys = ["mean", "stddev"]
    static let lognormalKeys = ["median", "sigma"]
    static let weibullKeys = ["shape", "scale"]

    /// A duration distribution: `20m`, `{uniform: [15m, 25m]}`,
    /// `{exponential: {mean: 30d}}`, `{normal: {mean: 10s, stddev: 2s}}`,
    /// `{lognormal: {median: 5m, sigma: 0.5}}`, `{weibull: {shape: 1.5, scale: 30d}}`.
    func distribution(_ node: Node, _ path: String) throws(ScenarioError) -> Distribution {
        if node.scalar != nil { return .fixed(try duration(node, path)) }
        let what = "a duration or a distribution such as {uniform: [15m, 25m]}"
        let fields = try mapping(node, path, allowed: Self.distributionKinds, what: what)
        guard fields.entries.count == 1, let (kind, _, value) = fields.entries.first else {
            throw error(at: node, path, "expected exactly one distribution kind, one of \(Self.distributionKinds.joined(separator: ", "))")
        }
        let kindPath = fields.path(kind)
        switch kind {
        case "fixed":
            return .fixed(try duration(value, kindPath))
        case "uniform":
            let bounds = try sequence(value, kindPath, what: "a list of two durations [low, high]")
            guard bounds.count == 2 else {
                throw error(at: value, kindPath, "expected a list of two durations [low, high], found a list of \(bounds.count)")
            }
            let low = try duration(bounds[0], kindPath + "[0]")
            let high = try duration(bounds[1], kindPath + "[1]")
            guard low <= high else { throw error(at: value, kindPath, "low bound \(low) is above high bound \(high)") }
            return .uniform(low: low, high: high)
        case "exponential":
            let fields = try mapping(value, kindPath, allowed: Self.exponentialKeys)
            return .exponential(mean: try positiveDuration(fields, "mean"))
        case "normal":
            let fields = try mapping(value, kindPath, allowed: Self.normalKeys)
            return .normal(mean: try requiredDuration(fields, "mean"), standardDeviation: try requiredDuration(fields, "stddev"))
        case "lognormal":
            let fields = try mapping(value, kindPath, allowed: Self.lognormalKeys)
            return .lognormal(median: try positiveDuration(fields, "median"), sigma: try positiveNumber(fields, "sigma"))
        default:  // weibull
            let fields = try mapping(value, kindPath, allowed: Self.weibullKeys)
            return .weibull(shape: try positiveNumber(fields, "shape"), scale: try positiveDuration(fields, "scale"))
        }
    }

    func required(_ fields: Fields, _ key: String) throws(ScenarioError) -> Node {
        guard let node = fields[key] else {
            throw error(at: fields.node, fields.path(key), "missing required key")
        }
        return node
    }

    func requiredDuration(_ fields: Fields, _ key: String) throws(ScenarioError) -> SimDuration {
        try duration(try required(fields, key), fields.path(key))
    }

    func positiveDuration(_ fields: Fields, _ key: String) throws(ScenarioError) -> SimDuration {
        let node = try required(fields, key)
        let value = try duration(node, fields.path(key))
        guard value > .zero else { throw error(at: node, fields.path(key), "expected a duration above zero, found \(value)") }
        return value
    }

    func positiveNumber(_ fields: Fields, _ key: String) throws(ScenarioError) -> Double {
        let node = try required(fields, key)
        let value = try number(node, fields.path(key))
        guard value > 0 else { throw error(at: node, fields.path(key), "expected a number above zero, found \(value)") }
        return value
    }
}
