import GRDB
import Simulation

extension ResultReader {
    /// Why a sweep cannot be read: told in one line by the command line.
    public enum SweepLookup: Error, Equatable, CustomStringConvertible {
        case notFound(String)
        case ambiguous(String, hashes: [String])

        public var description: String {
            switch self {
            case .notFound(let name): "no sweep named or hashed '\(name)'"
            case .ambiguous(let name, let hashes):
                "'\(name)' names \(hashes.count) sweeps; give one's hash: \(hashes.map { String($0.prefix(12)) }.joined(separator: ", "))"
            }
        }
    }

    /// The sweep whose name is `name`, or whose hash is or starts with it
    /// (at least 6 hex digits), with all its stored runs' metrics.
    public func sweep(_ name: String) throws -> StoredSweep {
        try read { db in
            // A database written before sweeps existed has no sweep tables: no sweep of that name either.
            guard try db.tableExists("sweep") else { throw SweepLookup.notFound(name) }
            var rows = try Row.fetchAll(db, sql: "SELECT * FROM sweep WHERE name = ? ORDER BY hash", arguments: [name])
            if rows.isEmpty, name.count >= 6, name.allSatisfy(\.isHexDigit) {
                rows = try Row.fetchAll(db, sql: "SELECT * FROM sweep WHERE hash LIKE ? ORDER BY hash", arguments: [name.lowercased() + "%"])
            }
            guard let row = rows.first else { throw SweepLookup.notFound(name) }
            guard rows.count == 1 else { throw SweepLookup.ambiguous(name, hashes: rows.map { $0["hash"] }) }
            return try Self.sweep(row, in: db)
        }
    }

    /// A stored sweep's runs with the chosen metrics, their expectations and
    /// their downtime, in (point, seed) order: what `hasim sweep` builds its
    /// table from, so the sweep page can print the same figures.
    public func sweepSamples(
        hash: String, metrics: [String], objectives: (_ point: Int) -> [ServiceLevelObjective]
    ) throws -> [SweepRunSample] {
        try read { db in try ResultDatabase.sweepSamples(hash: hash, metrics: metrics, objectives: objectives, in: db) }
    }

    private static func sweep(_ row: Row, in db: Database) throws -> StoredSweep {
        let hash: String = row["hash"]
        var metricNames: [String] = []
        var units: [String: String] = [:]
        var runsByPoint: [Int: [StoredSweep.Run]] = [:]
        var failedByRun: [Int64: Int] = [:]
        for failed in try Row.fetchAll(db, sql: """
            SELECT e.run_id, COUNT(*) AS failed FROM expectation e JOIN sweep_run r ON r.run_id = e.run_id
            WHERE r.sweep_hash = ? AND e.passed = 0 GROUP BY e.run_id
            """, arguments: [hash]) {
            failedByRun[failed["run_id"]] = failed["failed"]
        }
        // One pass over every metric row of the sweep, in (point, seed) order
        // and each run's rows in the order they were written (every run
        // stores the whole metric catalogue, so every run is met).
        let rows = try Row.fetchCursor(db, sql: """
            SELECT r.point, r.seed, r.run_id, m.name, m.value, m.unit FROM sweep_run r
            JOIN metric m ON m.run_id = r.run_id WHERE r.sweep_hash = ? ORDER BY r.point, r.seed, m.rowid
            """, arguments: [hash])
        var current: (point: Int, run: StoredSweep.Run)?
        func finish() {
            if let current { runsByPoint[current.point, default: []].append(current.run) }
        }
        while let metric = try rows.next() {
            let runID: Int64 = metric["run_id"]
            if current?.run.runID != runID {
                finish()
                current = (metric["point"], StoredSweep.Run(seed: metric["seed"], runID: runID, metrics: [:], expectationsFailed: failedByRun[runID] ?? 0))
            }
            let name: String = metric["name"]
            if units[name] == nil {
                metricNames.append(name)
                units[name] = metric["unit"]
            }
            current?.run.metrics[name] = .some(metric["value"])
        }
        finish()
        let points = try Row.fetchAll(db, sql: "SELECT point, label, parameters FROM sweep_point WHERE sweep_hash = ? ORDER BY point", arguments: [hash]).map {
            StoredSweep.Point(index: $0["point"], label: $0["label"], parameters: $0["parameters"], runs: runsByPoint[$0["point"]] ?? [])
        }
        let versions = try String.fetchAll(
            db, sql: "SELECT DISTINCT tool_version FROM run WHERE id IN (SELECT run_id FROM sweep_run WHERE sweep_hash = ?) ORDER BY tool_version",
            arguments: [hash])
        return StoredSweep(
            hash: hash, name: row["name"], sweepPath: row["sweep_path"], scenarioPath: row["scenario_path"], axes: row["axes"],
            metricNames: metricNames, units: units, toolVersions: versions, points: points)
    }
}
