import Foundation
import Simulation

/// `check --seeds`: one scenario (or generated case) judged over many seeds.
/// Every run judges the same expectations in the same order, so each
/// expectation collects the seeds where it failed; the gate's rule
/// (`FailRule`) then decides whether that expectation fails. Built from runs
/// delivered in any order, and sorted by seed, so the report does not depend
/// on the thread count.
struct CheckOverSeeds {
    struct Expectation {
        var name: String
        var bound: String
        /// (seed, observed value, digest) of every failing run, by seed.
        var failures: [(seed: UInt64, observed: Double, digest: UInt64)] = []
    }

    var path: String
    var scenarioName: String
    var caseName: String?
    var seeds: SeedRanges
    var rule: FailRule
    var reproduce: ReproduceLine
    /// `--strict`: no expectations is a failure.
    var strict: Bool
    private(set) var runs = 0
    private(set) var expectations: [Expectation] = []
    private(set) var wallSeconds = 0.0

    init(path: String, scenario: Scenario, caseName: String?, seeds: SeedRanges, rule: FailRule, reproduce: ReproduceLine, strict: Bool) {
        self.path = path
        scenarioName = scenario.name
        self.caseName = caseName
        self.seeds = seeds
        self.rule = rule
        self.reproduce = reproduce
        self.strict = strict
    }

    mutating func add(seed: UInt64, result: RunResult, wallSeconds: Double) {
        if expectations.isEmpty {
            expectations = result.expectations.map { Expectation(name: $0.name, bound: $0.bound) }
        }
        for (index, outcome) in result.expectations.enumerated() where !outcome.passed {
            expectations[index].failures.append((seed, outcome.observed, result.digest))
        }
        runs += 1
        self.wallSeconds += wallSeconds
    }

    /// Sorts each expectation's failures by seed (runs finish in any order).
    mutating func finish() {
        for index in expectations.indices { expectations[index].failures.sort { $0.seed < $1.seed } }
    }

    func failsGate(_ expectation: Expectation) -> Bool { rule.fails(failed: expectation.failures.count, of: runs) }

    var failed: Bool { expectations.contains(where: failsGate) || (strict && expectations.isEmpty) }

    /// Seeds with any failing expectation (a run counts once).
    var failingRuns: Int { Set(expectations.flatMap { $0.failures.map(\.seed) }).count }

    /// "3 of 100 seeds: 4, 17, 52" with at most ten seeds named.
    static func seedList(_ failures: [(seed: UInt64, observed: Double, digest: UInt64)]) -> String {
        let shown = failures.prefix(10).map { String($0.seed) }.joined(separator: ", ")
        return shown + (failures.count > 10 ? ", ... (\(failures.count) in all)" : "")
    }

    /// The failing seeds' observed values, as far as they differ: the worst
    /// is what a reader wants, and "worst" depends on the bound's direction,
    /// so the range is shown.
    static func observedRange(_ failures: [(seed: UInt64, observed: Double, digest: UInt64)]) -> String {
        let values = failures.map(\.observed).filter { !$0.isNaN }
        guard let low = values.min(), let high = values.max() else { return "n/a" }
        return low == high ? RunReport.format(low) : "\(RunReport.format(low)) to \(RunReport.format(high))"
    }

    /// What `check` prints: a header, a line per expectation.
    func lines() -> [String] {
        let label = caseName.map { " [\($0)]" } ?? ""
        var lines = [
            "\(failed ? "FAIL" : "PASS") \(path)\(label) (\(scenarioName), \(runs) seeds \(seeds), fail if \(rule); expectations failed in \(failingRuns) runs)"
        ]
        for expectation in expectations {
            let count = expectation.failures.count
            var line =
                "  \(failsGate(expectation) ? "FAIL" : "PASS")  \(expectation.name): failed in \(count) of \(runs) seeds (\(FailRule.percent(Double(count) / Double(max(1, runs)))))"
            if let first = expectation.failures.first {
                line += ": seeds \(Self.seedList(expectation.failures)); observed \(Self.observedRange(expectation.failures)), expected \(expectation.bound)"
                line += "\n        reproduce: \(reproduce.line(seed: first.seed))"
            }
            lines.append(line)
        }
        return lines
    }

    /// `check --seeds --json`: one object per scenario or case.
    struct JSONShape: Encodable {
        struct Outcome: Encodable {
            var name: String
            var bound: String
            var passed: Bool
            var failedSeeds: [UInt64]
            var reproduce: String?
        }
        var scenario: String
        var scenarioPath: String
        var `case`: String?
        var seeds: String
        var runs: Int
        var failIf: String
        var failedRuns: Int
        var passed: Bool
        var expectations: [Outcome]
    }

    func json() throws -> String {
        try JSONText.encode(
            JSONShape(
                scenario: scenarioName, scenarioPath: path, case: caseName, seeds: seeds.description, runs: runs,
                failIf: rule.description, failedRuns: failingRuns, passed: !failed,
                expectations: expectations.map {
                    JSONShape.Outcome(
                        name: $0.name, bound: $0.bound, passed: !failsGate($0), failedSeeds: $0.failures.map(\.seed),
                        reproduce: $0.failures.first.map { reproduce.line(seed: $0.seed) })
                }))
    }
}
