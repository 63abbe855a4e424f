import Foundation
import Simulation

/// What `run` and `check` print about one run: a human summary, or one JSON object.
struct RunReport {
    var run: ScenarioRun
    var runID: Int64?
    var database: String?
    /// The case `check --each` generated this run for, if any.
    var caseName: String? = nil

    var result: RunResult { run.result }

    func text() -> String {
        var lines: [String] = []
        lines.append(
            "\(result.scenarioName): seed \(result.seed), simulated \(result.duration), \(result.eventsDispatched) events, \(String(format: "%.3f", run.wallSeconds)) s wall"
        )
        lines.append("digest \(hex16(result.digest))  unseed \(hex16(result.unseed))")
        if result.quietSkips > 0 {
            lines.append("fast-forward: \(result.quietTimeSkipped) of quiet time skipped in \(result.quietSkips) skips (docs/FAST-FORWARD.md)")
        }
        if result.controlPlaneFreezes > 0 {
            lines.append(
                "fast-forward: control plane stood still for \(result.controlPlaneFrozen) in \(result.controlPlaneFreezes) freezes while only workers were busy"
            )
        }
        lines.append("metrics:")
        let width = result.metrics.map(\.name.count).max() ?? 0
        for metric in result.metrics {
            lines.append("  \(metric.name.padding(toLength: width, withPad: " ", startingAt: 0))  \(Self.format(metric.value)) \(metric.unit)")
        }
        lines += DowntimeText.runLines(result.downtime)
        if let cost = CostText.yearly(run.loaded.scenario, crossZoneBytes: Double(result.traffic.totalBytes)) {
            lines.append(CostText.line(cost))
        }
        lines += milestoneLines()
        lines += expectationLines()
        if let runID, let database { lines.append("stored as run \(runID) in \(database)") }
        return lines.joined(separator: "\n")
    }

    /// Event kinds worth a line in the summary: changes of the masters, of
    /// etcd's membership and of the external IP.
    static let milestoneKinds: Set<EventKind> = [
        .memberAdded, .memberRemoved, .loadBalancerCreationStarted, .loadBalancerLive,
        .loadBalancerRemovalStarted, .loadBalancerRemoved,
    ]

    func milestoneLines() -> [String] {
        let milestones = result.events.filter { Self.milestoneKinds.contains($0.kind) }
        guard !milestones.isEmpty else { return [] }
        return ["milestones:"] + milestones.prefix(20).map { "  \($0.time)  \($0.entity) \($0.kind.rawValue): \($0.detail)" }
            + (milestones.count > 20 ? ["  ... \(milestones.count - 20) more in the event table"] : [])
    }

    func expectationLines() -> [String] {
        guard !result.expectations.isEmpty else { return ["expectations: none"] }
        let failed = result.expectations.filter { !$0.passed }.count
        var lines = ["expectations: \(result.expectations.count - failed) passed, \(failed) failed"]
        for outcome in result.expectations {
            lines.append(
                "  \(outcome.passed ? "PASS" : "FAIL")  \(outcome.name): observed \(Self.format(outcome.observed)), expected \(outcome.bound)"
                    + (outcome.detail.map { "; \($0)" } ?? ""))
        }
        return lines
    }

    /// Six significant digits: enough to compare runs by eye.
    static func format(_ value: Double) -> String {
        if value.isNaN { return "n/a" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%.6g", value)
    }

    struct JSONShape: Encodable {
        struct Outcome: Encodable {
            var name: String
            var passed: Bool
            var observed: Double?
            var bound: String
            /// For an SLO: the worst window and how many met it.
            var detail: String?
        }
        var runId: Int64?
        var database: String?
        var scenario: String
        var scenarioPath: String
        var `case`: String?
        var seed: UInt64
        var duration: String
        var eventsDispatched: Int
        /// Quiet time the fast-forward skipped, in seconds, and in how many skips.
        var quietSecondsSkipped: Double
        var quietSkips: Int
        /// Seconds the control plane stood still while only workers were busy, and how often.
        var controlPlaneFrozenSeconds: Double
        var controlPlaneFreezes: Int
        var digest: String
        var unseed: String
        var metrics: [String: Double?]
        var expectations: [Outcome]
        var passed: Bool
        var downtime: [DowntimeJSON]
    }

    func json() throws -> String {
        var metrics: [String: Double?] = [:]
        for metric in result.metrics { metrics[metric.name] = metric.value.isNaN ? nil : metric.value }
        let shape = JSONShape(
            runId: runID, database: database, scenario: result.scenarioName, scenarioPath: run.loaded.path, case: caseName,
            seed: result.seed, duration: "\(result.duration)", eventsDispatched: result.eventsDispatched,
            quietSecondsSkipped: result.quietTimeSkipped.seconds, quietSkips: result.quietSkips,
            controlPlaneFrozenSeconds: result.controlPlaneFrozen.seconds, controlPlaneFreezes: result.controlPlaneFreezes,
            digest: hex16(result.digest), unseed: hex16(result.unseed), metrics: metrics,
            expectations: result.expectations.map {
                JSONShape.Outcome(
                    name: $0.name, passed: $0.passed, observed: $0.observed.isNaN ? nil : $0.observed, bound: $0.bound,
                    detail: $0.detail)
            },
            passed: result.allExpectationsPassed, downtime: DowntimeJSON.of(result.downtime))
        return try JSONText.encode(shape)
    }
}
