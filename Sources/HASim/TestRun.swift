/// One finished run, with one-line checks for tests. Every check throws an
/// `ExpectationFailure` that names the seed, the digest and what failed, so
/// that a failing test can be replayed exactly:
///
/// ```swift
/// try run.requireExpectationsPassed()                     // Swift Testing or XCTest
/// try run.require(.etcdQuorumAvailability, atLeast: 0.999)
/// #expect(try run.value(.etcdElections) <= 3)
/// ```
public struct TestRun: Sendable {
    /// The scenario file (or string name) the run came from.
    public var source: String
    public var result: RunResult

    public var seed: UInt64 { result.seed }
    /// The trace digest as printed and stored: 16 hex digits.
    public var digest: String { hex16(result.digest) }
    public var expectations: [ExpectationOutcome] { result.expectations }
    public var failedExpectations: [ExpectationOutcome] { result.expectations.filter { !$0.passed } }
    public var passed: Bool { result.allExpectationsPassed }

    /// The metric's value (NaN when undefined in this run, e.g. an
    /// availability with no requests). Throws when this topology does not
    /// record it (a zone metric of a zone it does not have).
    public func value(_ metric: Metric) throws(ExpectationFailure) -> Double {
        guard let value = result.metric(metric.name) else {
            let known = result.metrics.map(\.name)
            var problem = "metric \(metric.name) is not recorded by this scenario's topology"
            if let near = NearestName.suggestion(for: metric.name, among: known) { problem += " (did you mean \(near)?)" }
            throw ExpectationFailure(run: self, problems: [problem])
        }
        return value
    }

    /// Throws unless every expectation of the scenario held.
    public func requireExpectationsPassed() throws(ExpectationFailure) {
        let failed = failedExpectations
        guard !failed.isEmpty else { return }
        throw ExpectationFailure(run: self, problems: failed.map {
            "\($0.name): observed \(ExpectationFailure.format($0.observed)), expected \($0.bound)" + ($0.detail.map { "; \($0)" } ?? "")
        })
    }

    /// Throws unless the metric is defined and within the bounds.
    public func require(_ metric: Metric, atLeast low: Double? = nil, atMost high: Double? = nil) throws(ExpectationFailure) {
        let observed = try value(metric)
        guard observed >= (low ?? -.infinity), observed <= (high ?? .infinity) else {
            let bound = [low.map { ">= \(ExpectationFailure.format($0))" }, high.map { "<= \(ExpectationFailure.format($0))" }]
                .compactMap { $0 }.joined(separator: " and ")
            throw ExpectationFailure(run: self, problems: ["\(metric.name): observed \(ExpectationFailure.format(observed)), expected \(bound.isEmpty ? "a defined value" : bound)"])
        }
    }
}
