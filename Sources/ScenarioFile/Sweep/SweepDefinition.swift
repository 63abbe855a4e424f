import Foundation
import Simulation

/// A validated sweep file: every point of the grid with its scenario already
/// parsed, the seeds each point runs, and the metrics its table compares.
public struct SweepDefinition: Sendable {
    public var name: String
    public var file: String
    /// The base scenario's file, or the sweep file itself when it is inline.
    public var scenarioPath: String
    /// The base scenario's bytes, hashed into `identity`.
    public var scenarioContents: Data
    public var seedsFrom: UInt64
    public var seedCount: Int
    public var metrics: [String]
    /// The axes' key paths, in the order the points vary them.
    public var axes: [String]
    public var points: [SweepPoint]
    /// `advise:` (or its defaults), for `hasim advise`.
    public var advice: AdviceSettings
    /// Where advise's errors about the points are located: the `advise:`
    /// key, or else the `scenario:` key.
    var adviceAnchor: ScenarioError

    func adviceError(_ message: String) -> ScenarioError {
        var error = adviceAnchor
        error.message = message
        return error
    }

    /// The metrics compared when the file names none: the questions
    /// `run_summary` answers for one run.
    public static let defaultMetrics = ["etcd.quorum.availability", "api.external.availability", "etcd.leaderless.longest.seconds"]

    /// What makes two sweeps the same sweep: the base scenario's text and the
    /// points. Seeds and metrics are left out on purpose, so a sweep extended
    /// to more seeds, or reported on other metrics, resumes the runs it has.
    public var identity: String {
        "scenario:\n" + String(decoding: scenarioContents, as: UTF8.self) + "\npoints:\n"
            + points.map { $0.parametersJSON }.joined(separator: "\n")
    }

    public var seeds: [UInt64] { (0..<seedCount).map { seedsFrom + UInt64($0) } }

    /// The SLOs of the point numbered `index`: the windows its runs' summaries keep.
    public func serviceLevelObjectives(point index: Int) -> [ServiceLevelObjective] {
        points.first { $0.index == index }?.scenario.serviceLevelObjectives ?? []
    }
}

/// One point of the grid: an assignment of a value to every axis.
public struct SweepPoint: Sendable {
    public struct Assignment: Sendable, Equatable {
        public var path: String
        /// Flow-style YAML, for tables: `{a: 2, b: 2, c: 1}`.
        public var text: String
        /// JSON, for the database.
        public var json: String
    }

    /// Position in the grid, from 0, in crossing order with exclusions removed.
    public var index: Int
    public var assignments: [Assignment]
    public var scenario: Scenario

    /// `topology.masters={a: 1}, access.healthCheck=gcp`
    public var label: String {
        assignments.map { "\($0.path)=\($0.text)" }.joined(separator: ", ")
    }

    /// `{"topology.masters":{"a":1},"access.healthCheck":"gcp"}`
    public var parametersJSON: String {
        ScenarioOverride.parametersJSON(seed: nil, overrides: assignments.map { ($0.path, $0.json) })
    }

    /// The run's `parameters`: the point's assignments and the seed.
    public func runParametersJSON(seed: UInt64) -> String {
        ScenarioOverride.parametersJSON(seed: seed, overrides: assignments.map { ($0.path, $0.json) })
    }
}

/// Every mistake of a sweep file, each located; the sweep runs only without any.
public struct SweepErrors: Error, CustomStringConvertible {
    public var errors: [ScenarioError]
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
