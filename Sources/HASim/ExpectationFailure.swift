import Foundation

/// A failed check of a run. Its description is what a test framework prints:
/// the scenario, the seed and digest that replay it, and each failed check.
public struct ExpectationFailure: Error, CustomStringConvertible, Sendable {
    public var source: String
    public var scenarioName: String
    public var seed: UInt64
    public var digest: String
    /// One line per failed check: `name: observed X, expected BOUND`.
    public var problems: [String]

    init(run: TestRun, problems: [String]) {
        source = run.source
        scenarioName = run.result.scenarioName
        seed = run.seed
        digest = run.digest
        self.problems = problems
    }

    public var description: String {
        let header = "\(scenarioName) (\(source)), seed \(seed), digest \(digest): \(problems.count == 1 ? "1 check" : "\(problems.count) checks") failed"
        let replay = "replay: hasim check \(source) --seed \(seed)"
        return ([header] + problems.map { "  \($0)" } + [replay]).joined(separator: "\n")
    }

    /// Six significant digits, "n/a" for undefined: as the command line prints.
    static func format(_ value: Double) -> String {
        if value.isNaN { return "n/a" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%.6g", value)
    }
}
