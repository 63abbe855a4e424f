import GRDB
import SimKernel
import Simulation

/// What `seeds --resume` needs of a stored run to summarise it with the runs
/// it makes: the chosen metrics, whether its expectations held, its span and
/// its downtime. The same numbers the run had in memory (values are stored
/// as REAL, 64-bit, so they come back bit for bit).
public struct StoredSeedRun: Sendable, Equatable {
    public var seed: UInt64
    /// The chosen metrics in order; nil for a metric not defined in the run.
    public var metrics: [Double?]
    public var allExpectationsPassed: Bool
    public var durationNanoseconds: Int64
    /// Its downtime summarised for the figures and the SLOs asked for.
    public var downtime: YearlyDowntime.Run
    /// Bytes sent between zones; nil for a run stored before the `traffic` table.
    public var crossZoneBytes: Int64? = nil
}

extension ResultDatabase {
    /// The stored runs of the scenario file with this SHA-256, made by this
    /// tool version, with a seed in `seeds` and the parameters `parameters`
    /// gives for that seed (a run made with other `--set` values is another
    /// experiment). One run a seed, the first stored, in seed order.
    public func storedSeedRuns(
        scenarioSHA256: String, toolVersion: String, seeds: ClosedRange<UInt64>,
        parameters: (UInt64) -> String, metrics: [String], objectives: [ServiceLevelObjective]
    ) throws -> [StoredSeedRun] {
        try queue.read { db in
            var chosen: [(id: Int64, seed: UInt64, duration: Int64)] = []
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT id, seed, parameters, duration_ns FROM run
                    WHERE scenario_sha256 = ? AND tool_version = ? AND seed BETWEEN ? AND ? ORDER BY seed, id
                    """, arguments: [scenarioSHA256, toolVersion, Int64(seeds.lowerBound), Int64(seeds.upperBound)])
            while let row = try rows.next() {
                let seed = UInt64(row["seed"] as Int64)
                guard chosen.last?.seed != seed, row["parameters"] == parameters(seed) else { continue }
                chosen.append((row["id"], seed, row["duration_ns"]))
            }
            let metricIndex = Dictionary(uniqueKeysWithValues: metrics.enumerated().map { ($1, $0) })
            let values = try db.makeStatement(sql: "SELECT name, value FROM metric WHERE run_id = ?")
            let failed = try db.makeStatement(sql: "SELECT EXISTS (SELECT 1 FROM expectation WHERE run_id = ? AND passed = 0)")
            let hasDowntime = try db.tableExists("downtime")
            return try chosen.map { run in
                // One run's intervals at a time, summarised as they are read.
                let intervals = hasDowntime ? try ResultReader.downtime(of: run.id, in: db).map(\.interval) : []
                var sample = StoredSeedRun(
                    seed: run.seed, metrics: Array(repeating: nil, count: metrics.count),
                    allExpectationsPassed: true, durationNanoseconds: run.duration,
                    downtime: YearlyDowntime.Run(duration: SimDuration(nanoseconds: run.duration), downtime: intervals, objectives: objectives))
                for row in try Row.fetchAll(values, arguments: [run.id]) {
                    if let index = metricIndex[row["name"]] { sample.metrics[index] = row["value"] }
                }
                sample.allExpectationsPassed = try !(Bool.fetchOne(failed, arguments: [run.id]) ?? false)
                sample.crossZoneBytes = try TrafficSchema.bytes(in: db, where: "t.run_id = ?", arguments: [run.id])[run.id]
                return sample
            }
        }
    }
}
