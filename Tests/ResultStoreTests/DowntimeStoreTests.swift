import Foundation
import GRDB
import SimKernel
import Simulation
import Testing

@testable import ResultStore

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

    /// Each cause is a row of fields beside the interval's text: what SQL
    /// groups by, and what the report reads back.
    @Test func theCausesAreStoredAsFieldsAndAsTheirText() throws {
        let path = temporaryPath()
        let database = try ResultDatabase(path: path)
        let result = simulate(scenario)
        try database.write(result, provenance: provenance)
        let rows = try database.read { db in
            try Row.fetchAll(db, sql: "SELECT metric, start_ns, position, fault, target, origin, origin_index FROM downtime_cause ORDER BY rowid")
        }
        let expected = result.downtime.flatMap { interval in interval.causes.map { (interval, $0) } }
        #expect(rows.count == expected.count && !rows.isEmpty)
        for (row, (interval, cause)) in zip(rows, expected) {
            let metric: String = row["metric"], start: Int64 = row["start_ns"], position: Int = row["position"]
            #expect(metric == interval.metric && start == interval.start.nanosecondsSinceStart && position == 0)
            let fault: String = row["fault"], target: String = row["target"], origin: String = row["origin"], index: Int = row["origin_index"]
            #expect(fault == "zoneOutage" && target == "zone/a" && origin == "faults" && index == 0)
            #expect(cause == DowntimeCause(fault: "zoneOutage", target: "zone/a", origin: .fault(0)))
        }
        let texts = try database.read { db in try String.fetchAll(db, sql: "SELECT cause FROM downtime ORDER BY rowid") }
        #expect(texts == result.downtime.map(\.cause) && texts.allSatisfy { $0 == "zoneOutage zone/a" })
    }

    /// A master operation as a cause is stored with origin `operations` and
    /// its entry, and reads back as it was recorded.
    @Test func anOperationCauseIsStoredWithItsEntry() throws {
        var removal = Scenario(
            name: "remove-a-master", duration: .minutes(20),
            topology: Topology(zones: ["a", "b", "c"], mastersPerZone: [1, 1, 1], workersPerZone: [0, 0, 0]))
        removal.operations = [MasterOperation(at: .minutes(5), kind: .remove(host: 2), entry: .init(index: 0, kind: "removeMaster"))]
        let path = temporaryPath()
        let database = try ResultDatabase(path: path)
        // A seed whose run has a stretch while the removal is in force.
        let result = try #require((UInt64(1)...20).lazy.map { simulate(removal, seed: $0) }.first { !$0.downtime.isEmpty })
        try database.write(result, provenance: provenance)
        let origins = try database.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT origin FROM downtime_cause") }
        #expect(origins == ["operations"])
        let stored = try storedDowntime(path)
        #expect(stored[0].map(\.interval) == result.downtime)
        #expect(stored[0].first?.causes == [DowntimeCause(fault: "removeMaster remove", target: "master-c-1", origin: .operation(0))])
    }

    /// A database written before the cause fields: its rows have only their
    /// text, which reads back as the same causes (a scheduled fault's entry
    /// unknown) and prints the same, before and after a writer migrates it.
    @Test func rowsStoredBeforeTheCauseFieldsReadBackFromTheirText() throws {
        let path = temporaryPath()
        let result = simulate(scenario)
        try ResultDatabase(path: path).write(result, provenance: provenance)
        try ResultDatabase(path: path).writeRaw(
            "DROP TABLE downtime_cause; DROP TABLE traffic; DELETE FROM grdb_migrations WHERE identifier IN ('v5-downtime-causes', 'v6-traffic', 'v7-downtime-cause-operations', 'v8-downtime-cause-maintenance')"
        )
        let legacy = result.downtime.map { interval in
            var stored = StoredRun.Downtime(interval)
            stored.causes = interval.causes.map { DowntimeCause(fault: $0.fault, target: $0.target, origin: .fault(nil)) }
            return stored
        }
        #expect(try storedDowntime(path) == [legacy])
        #expect(try storedDowntime(path)[0].map(\.cause) == result.downtime.map(\.cause))
        _ = try ResultDatabase(path: path)
        #expect(try storedDowntime(path) == [legacy])
    }

    /// The text of every kind of cause parses back to its fields.
    @Test func aStoredCauseTextParsesToItsFields() {
        let text = "zoneOutage zone/a, componentCrash kube-apiserver kube-apiserver/master-a-1, crash master-b-1 (failures[12])"
        let causes = LegacyDowntimeCause.causes(text)
        #expect(
            causes == [
                DowntimeCause(fault: "zoneOutage", target: "zone/a", origin: .fault(nil)),
                DowntimeCause(fault: "componentCrash kube-apiserver", target: "kube-apiserver/master-a-1", origin: .fault(nil)),
                DowntimeCause(fault: "crash", target: "master-b-1", origin: .failureProcess(12)),
            ])
        #expect(DowntimeCause.text(of: causes) == text)
        #expect(LegacyDowntimeCause.causes("none") == [])
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
        try database.writeRaw(
            "DROP TABLE downtime_cause; DROP VIEW downtime_seconds; DROP TABLE downtime; DROP TABLE traffic; DELETE FROM grdb_migrations WHERE identifier IN ('v4-downtime', 'v5-downtime-causes', 'v6-traffic', 'v7-downtime-cause-operations', 'v8-downtime-cause-maintenance')"
        )
        let summary = try ResultMerge.merge(into: try ResultDatabase(path: output), from: [old])
        #expect(summary.runsCopied == 1)
        #expect(try storedDowntime(output) == [[]])
    }

    /// The sweep's samples carry each run's span and its downtime summarised
    /// (with the SLO windows asked for) as the in-memory table's are, so a
    /// resumed or merged sweep gives the same yearly and SLO figures.
    @Test func sweepSamplesCarryDurationAndDowntime() throws {
        let path = temporaryPath()
        let database = try ResultDatabase(path: path)
        try database.register(
            SweepRecord(
                hash: "h", name: "s", sweepPath: "s.yaml", scenarioPath: "b.yaml", scenarioSHA256: "0",
                axes: "[]", createdAt: "now", points: [.init(index: 0, label: "", parameters: "{}")]))
        let result = simulate(scenario, seed: 3)
        try database.writeSweepRun(result, provenance: provenance, hash: "h", key: SweepRunKey(point: 0, seed: 3))
        let objective = ServiceLevelObjective(condition: .etcdQuorum, availability: 0.999, window: .hours(1), downtimePeriod: .minutes(1))
        let samples = try database.sweepSamples(hash: "h", metrics: [], objectives: { _ in [objective] })
        #expect(samples.count == 1)
        #expect(samples.first?.durationNanoseconds == scenario.duration.nanoseconds)
        #expect(!result.downtime.isEmpty)
        #expect(samples.first?.downtime == YearlyDowntime.Run(duration: result.duration, downtime: result.downtime, objectives: [objective]))
        #expect(samples.first?.downtime.windows[objective]?.first?.met == false, "the 5-minute quorum loss counts against the hour")
    }
}
