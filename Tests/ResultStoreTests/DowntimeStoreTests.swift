import Foundation
import GRDB
import ResultStore
import SimKernel
import Simulation
import Testing

/// The `downtime` table (docs/FAILURES.md, "Downtime attribution"): stored
/// with its run in the same transaction, read back as written, carried by
/// `hasim merge`.
@Suite struct DowntimeStoreTests {
    /// Two masters of three in zone a: its outage takes etcd's quorum (etcd
    /// Raft, floor(3/2)+1 = 2 members), so the run has downtime to store.
    let scenario = Scenario(
        name: "downtime-store", duration: .hours(1),
        topology: Topology(zones: ["a", "b"], mastersPerZone: [2, 1], workersPerZone: [0, 0]),
        faults: [Fault(kind: .zoneOutage(.zone(0)), at: .fixed(.minutes(10)), duration: .fixed(.minutes(5)))])

    let provenance = StoreTestFiles.provenance

    func temporaryPath() -> String { StoreTestFiles.temporaryPath() }

    func storedDowntime(_ path: String) throws -> [[StoredRun.Downtime]] {
        let reader = try ResultReader(path: path)
        let ids = try reader.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM run ORDER BY id") }
        return try ids.map { try reader.run(id: $0)!.downtime }
    }

    @Test func aRunsDowntimeIsStoredAndReadBackAsRecorded() throws {
        let path = temporaryPath()
        let database = try ResultDatabase(path: path)
        let result = simulate(scenario)
        #expect(result.downtime.contains { $0.metric == "etcd.quorum" && $0.mechanism == "quorum loss" })
        try database.write(result, provenance: provenance)
        let stored = try storedDowntime(path)
        #expect(stored == [result.downtime.map(StoredRun.Downtime.init)])
        #expect(stored[0].map(\.interval) == result.downtime)
        // The view gives seconds.
        let seconds = try database.read { db in
            try Double.fetchAll(db, sql: "SELECT length_s FROM downtime_seconds ORDER BY rowid")
        }
        #expect(seconds == result.downtime.map(\.seconds))
    }

    @Test func mergeCarriesTheDowntimeRowsToTheNewRunIDs() throws {
        let first = temporaryPath(), second = temporaryPath(), output = temporaryPath()
        let a = simulate(scenario, seed: 1), b = simulate(scenario, seed: 2)
        try ResultDatabase(path: first).write(a, provenance: provenance)
        try ResultDatabase(path: second).write(b, provenance: provenance)
        let summary = try ResultMerge.merge(into: try ResultDatabase(path: output), from: [first, second])
        #expect(summary.runsCopied == 2)
        #expect(try storedDowntime(output) == [a.downtime, b.downtime].map { $0.map(StoredRun.Downtime.init) })
    }

    /// A database last written by a hasim without the table has no rows to
    /// give; its runs merge without downtime.
    @Test func anInputWithoutTheDowntimeTableMergesItsRunsWithout() throws {
        let old = temporaryPath(), output = temporaryPath()
        let database = try ResultDatabase(path: old)
        try database.write(simulate(scenario), provenance: provenance)
        // As an earlier hasim left it: neither the table nor its migration.
        try database.writeRaw("DROP VIEW downtime_seconds; DROP TABLE downtime; DELETE FROM grdb_migrations WHERE identifier = 'v4-downtime'")
        let summary = try ResultMerge.merge(into: try ResultDatabase(path: output), from: [old])
        #expect(summary.runsCopied == 1)
        #expect(try storedDowntime(output) == [[]])
    }

    /// The sweep's samples carry each run's span and downtime, as the
    /// in-memory table's do, so a resumed or merged sweep gives the same
    /// yearly figures.
    @Test func sweepSamplesCarryDurationAndDowntime() throws {
        let path = temporaryPath()
        let database = try ResultDatabase(path: path)
        try database.register(SweepRecord(hash: "h", name: "s", sweepPath: "s.yaml", scenarioPath: "b.yaml", scenarioSHA256: "0",
                                          axes: "[]", createdAt: "now", points: [.init(index: 0, label: "", parameters: "{}")]))
        let result = simulate(scenario, seed: 3)
        try database.writeSweepRun(result, provenance: provenance, hash: "h", key: SweepRunKey(point: 0, seed: 3))
        let samples = try database.sweepSamples(hash: "h", metrics: [])
        #expect(samples.count == 1)
        #expect(samples.first?.durationNanoseconds == scenario.duration.nanoseconds)
        #expect(samples.first?.downtime == result.downtime.map(StoredRun.Downtime.init))
    }
}
