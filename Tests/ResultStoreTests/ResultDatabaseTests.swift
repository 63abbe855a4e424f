import Foundation
import GRDB
import ResultStore
import SimKernel
import Simulation
import Testing

@Suite struct ResultDatabaseTests {
    let scenario = Scenario(
        name: "store-test", duration: .hours(1),
        topology: Topology(zones: ["a", "b", "c"], mastersPerZone: [1, 1, 1], workersPerZone: [1, 1, 1]),
        faults: [Fault(kind: .hostCrash(.host(0)), at: .uniform(low: .minutes(5), high: .minutes(10)), duration: .exponential(mean: .minutes(3)))],
        expectations: [.never(.noMasterUp), .metric(name: "zone.a.availability", atLeast: 1, atMost: nil)])

    let provenance = StoreTestFiles.provenance

    func temporaryPath() -> String { StoreTestFiles.temporaryPath() }

    func count(_ database: ResultDatabase, _ table: String) throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? -1 }
    }

    /// Every stored row of a run except its id, wall time and creation time.
    func deterministicRows(_ database: ResultDatabase, run: Int64) throws -> [String] {
        try database.read { db in
            var rows: [String] = []
            let queries = [
                "SELECT scenario, scenario_path, scenario_sha256, seed, parameters, duration_ns, events_dispatched, digest, unseed, status, tool_version FROM run WHERE id = ?",
                "SELECT name, value, unit FROM metric WHERE run_id = ? ORDER BY rowid",
                "SELECT entity, state, start_ns, end_ns FROM interval WHERE run_id = ? ORDER BY rowid",
                "SELECT time_ns, entity, kind, detail FROM event WHERE run_id = ? ORDER BY rowid",
                "SELECT name, passed, observed, bound FROM expectation WHERE run_id = ? ORDER BY rowid",
            ]
            for sql in queries {
                for row in try Row.fetchAll(db, sql: sql, arguments: [run]) { rows.append(row.description) }
            }
            return rows
        }
    }

    @Test func aRunIsStoredWithAllItsRows() throws {
        let database = try ResultDatabase(path: temporaryPath())
        let result = simulate(scenario)
        let id = try database.write(result, provenance: provenance)
        #expect(try count(database, "run") == 1)
        #expect(try count(database, "metric") == result.metrics.count)
        #expect(try count(database, "interval") == result.intervals.count)
        #expect(try count(database, "event") == result.events.count)
        #expect(try count(database, "expectation") == 2)
        let stored = try database.read { db in try Row.fetchOne(db, sql: "SELECT digest, unseed, seed FROM run WHERE id = ?", arguments: [id])! }
        #expect(stored["digest"] as String == hex16(result.digest))
        #expect(stored["unseed"] as String == hex16(result.unseed))
        #expect(stored["seed"] as Int64 == 1)
        let lengths = try database.read { db in
            try Double.fetchAll(db, sql: "SELECT length_s FROM interval_seconds WHERE entity = 'zone/a'")
        }
        #expect(lengths == [3600])
    }

    @Test func theSameScenarioAndSeedStoreTheSameRows() throws {
        let database = try ResultDatabase(path: temporaryPath())
        let first = try database.write(simulate(scenario, seed: 11), provenance: provenance)
        let second = try database.write(simulate(scenario, seed: 11), provenance: provenance)
        let third = try database.write(simulate(scenario, seed: 12), provenance: provenance)
        #expect(first != second)
        #expect(try deterministicRows(database, run: first) == deterministicRows(database, run: second))
        #expect(try deterministicRows(database, run: first) != deterministicRows(database, run: third))
    }

    @Test func aRunThatFailsWhileWritingLeavesNothing() throws {
        let database = try ResultDatabase(path: temporaryPath())
        // The last table written fails, after run, metric, interval and event rows went in.
        try database.writeRaw("CREATE TRIGGER injected_failure BEFORE INSERT ON expectation BEGIN SELECT RAISE(ABORT, 'injected failure'); END;")
        #expect(throws: (any Error).self) { try database.write(simulate(scenario), provenance: provenance) }
        for table in ["run", "metric", "interval", "event", "expectation"] {
            #expect(try count(database, table) == 0, "\(table) kept rows of a failed run")
        }
    }

    @Test func reopeningKeepsRunsAndDoesNotMigrateTwice() throws {
        let path = temporaryPath()
        try ResultDatabase(path: path).write(simulate(scenario), provenance: provenance)
        let reopened = try ResultDatabase(path: path)
        #expect(try count(reopened, "run") == 1)
        let migrations = try reopened.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(
            migrations == ["v1-runs-metrics-intervals-events-expectations", "v2-summary-views", "v3-sweeps", "v4-downtime", "v5-downtime-causes", "v6-traffic", "v7-downtime-cause-operations", "v8-downtime-cause-maintenance"])
    }

    @Test func theSummaryViewsAggregateRunsPerScenario() throws {
        let database = try ResultDatabase(path: temporaryPath())
        let results = [simulate(scenario, seed: 1), simulate(scenario, seed: 2)]
        for result in results { try database.write(result, provenance: provenance) }
        let rows = try database.read { db in try Row.fetchAll(db, sql: "SELECT * FROM scenario_availability") }
        #expect(rows.count == 1)
        #expect(rows[0]["runs"] as Int == 2)
        let worst = results.map { $0.metric(.externalAvailability)! }.min()!
        #expect(rows[0]["api_external_worst"] as Double == worst)
        #expect(rows[0]["runs_failing_expectations"] as Int == results.filter { !$0.allExpectationsPassed }.count)
        let perRun = try database.read { db in try Double.fetchAll(db, sql: "SELECT etcd_quorum_availability FROM run_summary ORDER BY run_id") }
        #expect(perRun == results.map { $0.metric(.etcdQuorumAvailability)! })
    }
}
