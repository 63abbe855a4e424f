import Foundation
import ResultStore
import ScenarioFile
import Simulation

/// Runs the report tests draw on, made once: simulating the library's
/// zone-outage scenario (2 h, 300 workers) takes a moment.
enum ReportFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let provenance = RunProvenance(
        scenarioPath: "Scenarios/three-zones-zone-outage.yaml", scenarioSHA256: String(repeating: "a", count: 64), parameters: "{}",
        toolVersion: "test", wallSeconds: 1.25, createdAt: "2026-01-01T00:00:00Z")

    /// The library's zone-outage scenario, run with its own seed, as the rows
    /// the database would store for run 1.
    static let zoneOutage: (run: StoredRun, result: RunResult, description: String) = {
        let loaded = try! ScenarioLoader.load(path: root.appendingPathComponent("Scenarios/three-zones-zone-outage.yaml").path)
        let result = simulate(loaded.scenario, seed: nil)
        return (StoredRun(result: result, provenance: provenance, runID: 1), result, loaded.scenario.description)
    }()

    /// A hand-made run: `intervals` and `events` as given, 10 minutes long.
    static func run(
        scenario: String = "hand-made", intervals: [StoredRun.Interval], events: [StoredRun.Event] = [],
        durationMinutes: Int64 = 10
    ) -> StoredRun {
        var run = StoredRun(
            runID: 7, scenario: scenario, scenarioPath: "hand-made.yaml", scenarioSHA256: String(repeating: "0", count: 64), seed: 3,
            parameters: "{}", durationNanoseconds: durationMinutes * minute, eventsDispatched: 10, digest: "0123456789abcdef",
            unseed: "fedcba9876543210", toolVersion: "test")
        run.intervals = intervals
        run.events = events
        return run
    }

    static let minute: Int64 = 60_000_000_000
}

extension String {
    /// How many times `needle` occurs, without overlaps.
    func occurrences(of needle: String) -> Int {
        components(separatedBy: needle).count - 1
    }
}
