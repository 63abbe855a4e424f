import GRDB
import SimKernel
import Simulation

/// A sweep as the database records it: its hash and its points.
public struct SweepRecord: Sendable {
    public struct Point: Sendable, Equatable {
        public var index: Int
        public var label: String
        /// JSON object of the point's key paths and values.
        public var parameters: String

        public init(index: Int, label: String, parameters: String) {
            self.index = index
            self.label = label
            self.parameters = parameters
        }
    }

    public var hash: String
    public var name: String
    public var sweepPath: String
    public var scenarioPath: String
    public var scenarioSHA256: String
    /// JSON array of the axes' key paths.
    public var axes: String
    public var createdAt: String
    public var points: [Point]

    public init(hash: String, name: String, sweepPath: String, scenarioPath: String, scenarioSHA256: String, axes: String, createdAt: String, points: [Point]) {
        self.hash = hash
        self.name = name
        self.sweepPath = sweepPath
        self.scenarioPath = scenarioPath
        self.scenarioSHA256 = scenarioSHA256
        self.axes = axes
        self.createdAt = createdAt
        self.points = points
    }
}

/// Which run of a sweep: a point and a seed.
public struct SweepRunKey: Hashable, Sendable {
    public var point: Int
    public var seed: UInt64

    public init(point: Int, seed: UInt64) {
        self.point = point
        self.seed = seed
    }
}

/// What a comparison table needs of one run: the chosen metrics (nil when
/// undefined) and every expectation's outcome.
public struct SweepRunSample: Sendable, Equatable {
    public var key: SweepRunKey
    public var metrics: [Double?]
    public var expectations: [Expectation]
    /// The run's simulated span, and its downtime summarised for the
    /// yearly and SLO figures (`YearlyDowntime.Run`: the intervals of
    /// thousands of runs do not fit in memory).
    public var durationNanoseconds: Int64
    public var downtime: YearlyDowntime.Run
    /// Bytes sent between zones (the `traffic` table); nil for a run
    /// stored before the table.
    public var crossZoneBytes: Int64?

    public struct Expectation: Sendable, Equatable {
        public var name: String
        public var passed: Bool

        public init(name: String, passed: Bool) {
            self.name = name
            self.passed = passed
        }
    }

    public init(
        key: SweepRunKey, metrics: [Double?], expectations: [Expectation], durationNanoseconds: Int64 = 0, downtime: YearlyDowntime.Run? = nil,
        crossZoneBytes: Int64? = nil
    ) {
        self.crossZoneBytes = crossZoneBytes
        self.key = key
        self.metrics = metrics
        self.expectations = expectations
        self.durationNanoseconds = durationNanoseconds
        self.downtime = downtime ?? YearlyDowntime.Run(duration: SimDuration(nanoseconds: durationNanoseconds), downtime: [], objectives: [])
    }
}

/// A sweep's rows disagree with what the file describes under the same hash.
public struct SweepMismatch: Error, CustomStringConvertible {
    public var description: String
}

extension ResultDatabase {
    /// Records the sweep and its points, or checks that the ones already
    /// stored under its hash are the same.
    public func register(_ sweep: SweepRecord) throws {
        try writeTransaction { db in
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO sweep (hash, name, sweep_path, scenario_path, scenario_sha256, axes, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [sweep.hash, sweep.name, sweep.sweepPath, sweep.scenarioPath, sweep.scenarioSHA256, sweep.axes, sweep.createdAt])
            let stored = try Self.points(of: sweep.hash, in: db)
            for point in sweep.points {
                if let existing = stored[point.index] {
                    guard existing == point else {
                        throw SweepMismatch(
                            description: "sweep \(sweep.hash) point \(point.index) is stored as \(existing.parameters), not \(point.parameters)")
                    }
                } else {
                    try db.execute(
                        sql: "INSERT INTO sweep_point (sweep_hash, point, label, parameters) VALUES (?, ?, ?, ?)",
                        arguments: [sweep.hash, point.index, point.label, point.parameters])
                }
            }
        }
    }

    static func points(of hash: String, in db: Database, schema: String = "main") throws -> [Int: SweepRecord.Point] {
        var points: [Int: SweepRecord.Point] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT point, label, parameters FROM \(schema).sweep_point WHERE sweep_hash = ?", arguments: [hash]) {
            let point = SweepRecord.Point(index: row["point"], label: row["label"], parameters: row["parameters"])
            points[point.index] = point
        }
        return points
    }

    /// The (point, seed) pairs of the sweep already stored: the runs a resumed sweep skips.
    public func storedSweepRuns(hash: String) throws -> Set<SweepRunKey> {
        try queue.read { db in
            var keys = Set<SweepRunKey>()
            let rows = try Row.fetchCursor(db, sql: "SELECT point, seed FROM sweep_run WHERE sweep_hash = ?", arguments: [hash])
            while let row = try rows.next() {
                keys.insert(SweepRunKey(point: row["point"], seed: UInt64(row["seed"] as Int64)))
            }
            return keys
        }
    }

    /// The tool versions that made the sweep's stored runs: a resumed sweep
    /// must not mix its runs with another version's.
    public func sweepToolVersions(hash: String) throws -> [String] {
        try queue.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT run.tool_version FROM sweep_run r JOIN run ON run.id = r.run_id
                    WHERE r.sweep_hash = ? ORDER BY 1
                    """, arguments: [hash])
        }
    }

    /// Stores one run of a sweep in one transaction, with its place in the
    /// sweep; does nothing and returns false if that place is taken already.
    @discardableResult
    public func writeSweepRun(_ result: RunResult, provenance: RunProvenance, hash: String, key: SweepRunKey) throws -> Bool {
        try writeTransaction { db in
            let taken =
                try Bool.fetchOne(
                    db, sql: "SELECT 1 FROM sweep_run WHERE sweep_hash = ? AND point = ? AND seed = ?",
                    arguments: [hash, key.point, Int64(key.seed)]) ?? false
            if taken { return false }
            let runID = try Self.insert(result, provenance: provenance, in: db)
            try db.execute(
                sql: "INSERT INTO sweep_run (sweep_hash, point, seed, run_id) VALUES (?, ?, ?, ?)",
                arguments: [hash, key.point, Int64(key.seed), runID])
            return true
        }
    }

    /// The stored runs of a sweep with the chosen metrics, in (point, seed) order.
    public func sweepSamples(
        hash: String, metrics: [String], objectives: (_ point: Int) -> [ServiceLevelObjective]
    ) throws -> [SweepRunSample] {
        try queue.read { db in try Self.sweepSamples(hash: hash, metrics: metrics, objectives: objectives, in: db) }
    }

    /// What `sweepSamples` reads, for the writer and the read-only reader
    /// alike. Each run's downtime is read and summarised on its own, for
    /// the SLOs `objectives` gives its point, so that the memory held is one
    /// run's intervals, not the sweep's.
    static func sweepSamples(
        hash: String, metrics: [String], objectives: (_ point: Int) -> [ServiceLevelObjective], in db: Database
    ) throws -> [SweepRunSample] {
        var samples: [SweepRunSample] = []
        var runIDs: [Int64] = []
        var byRun: [Int64: Int] = [:]
        let runs = try Row.fetchAll(
            db,
            sql: """
                SELECT r.point, r.seed, r.run_id, run.duration_ns FROM sweep_run r JOIN run ON run.id = r.run_id
                WHERE r.sweep_hash = ? ORDER BY r.point, r.seed
                """, arguments: [hash])
        for row in runs {
            byRun[row["run_id"]] = samples.count
            runIDs.append(row["run_id"])
            samples.append(
                SweepRunSample(
                    key: SweepRunKey(point: row["point"], seed: UInt64(row["seed"] as Int64)),
                    metrics: Array(repeating: nil, count: metrics.count), expectations: [],
                    durationNanoseconds: row["duration_ns"]))
        }
        let metricIndex = Dictionary(uniqueKeysWithValues: metrics.enumerated().map { ($1, $0) })
        let values = try Row.fetchCursor(
            db,
            sql: """
                SELECT m.run_id, m.name, m.value FROM metric m JOIN sweep_run r ON r.run_id = m.run_id
                WHERE r.sweep_hash = ?
                """, arguments: [hash])
        while let row = try values.next() {
            guard let index = metricIndex[row["name"]], let sample = byRun[row["run_id"]] else { continue }
            samples[sample].metrics[index] = row["value"]
        }
        // rowid order is insertion order: the expectations' order in the scenario.
        let outcomes = try Row.fetchCursor(
            db,
            sql: """
                SELECT e.run_id, e.name, e.passed FROM expectation e JOIN sweep_run r ON r.run_id = e.run_id
                WHERE r.sweep_hash = ? ORDER BY e.run_id, e.rowid
                """, arguments: [hash])
        while let row = try outcomes.next() {
            guard let sample = byRun[row["run_id"]] else { continue }
            samples[sample].expectations.append(.init(name: row["name"], passed: row["passed"]))
        }
        let hasDowntime = try db.tableExists("downtime")
        for (index, run) in runIDs.enumerated() {
            let sample = samples[index]
            samples[index].downtime = YearlyDowntime.Run(
                duration: SimDuration(nanoseconds: sample.durationNanoseconds),
                downtime: hasDowntime ? try ResultReader.downtime(of: run, in: db).map(\.interval) : [], objectives: objectives(sample.key.point))
        }
        let traffic = try TrafficSchema.bytes(in: db, where: "t.run_id IN (SELECT run_id FROM sweep_run WHERE sweep_hash = ?)", arguments: [hash])
        for (run, index) in byRun { samples[index].crossZoneBytes = traffic[run] }
        return samples
    }
}

/// A sweep's workers store runs from several threads: the database's only
/// state is a GRDB `DatabaseQueue`, which serialises every access itself.
extension ResultDatabase: @unchecked Sendable {}
