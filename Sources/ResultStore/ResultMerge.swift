import GRDB

/// Combines result databases into one (`hasim merge`): the shards of a
/// sweep, or results gathered on several machines. Every input is checked
/// before anything is written, and everything is written in one
/// transaction, so a refused or failed merge leaves the output as it was.
public enum ResultMerge {
    public struct Summary: Sendable, Equatable {
        public var runsCopied = 0
        /// Runs already in the output (or in an earlier input), kept once.
        public var duplicatesSkipped = 0
    }

    /// An input that cannot be merged: nothing was written.
    public struct Refusal: Error, CustomStringConvertible {
        public var description: String
    }

    /// Runs of the same scenario file, seed, parameters and tool version
    /// whose digests differ: the simulation was not deterministic (or a
    /// database was altered). Nothing was written: which digest is right is
    /// for a person to find out, and keeping both would hide the question.
    public struct DeterminismFailure: Error, CustomStringConvertible {
        public var disagreements: [String]

        public var description: String {
            let shown = disagreements.prefix(5).joined(separator: "; ") + (disagreements.count > 5 ? "; ... (\(disagreements.count) in all)" : "")
            return "determinism failure: the same scenario file and seed were stored with different digests: \(shown); nothing was merged"
        }
    }

    /// The run columns copied as they are (the id is new in the output).
    static let runColumns =
        "scenario, scenario_path, scenario_sha256, seed, parameters, duration_ns, events_dispatched, digest, unseed, status, tool_version, wall_seconds, created_at"

    /// Checks each input as `run --db` checks its database:
    /// hasim's schema, a migration this version knows, every table and
    /// column, SQLite's quick_check; only reading. Throws a `Refusal`.
    public static func checkInputs(_ inputs: [String]) throws {
        for input in inputs {
            do {
                // Read and written to by no statement; not opened read-only,
                // which would leave the -wal and -shm files it makes behind.
                var configuration = Configuration()
                configuration.busyMode = .timeout(ResultDatabase.busyTimeout)
                let queue = try DatabaseQueue(path: input, configuration: configuration)
                try SchemaCheck.refuseForeign(queue, path: input)
                try IntegrityCheck.refuseDamaged(queue, path: input)
                try queue.close()
            } catch let error as ResultDatabaseError {
                throw Refusal(description: "input \(error)")
            } catch let error as DatabaseError {
                let reason = error.resultCode == .SQLITE_NOTADB ? "it is not an SQLite database" : ResultDatabase.reason(error)
                throw Refusal(description: "input \(ResultDatabaseError(path: input, reason: reason))")
            }
        }
    }

    public static func merge(into output: ResultDatabase, from inputs: [String]) throws -> Summary {
        try checkInputs(inputs)
        // The whole merge again if SQLite answers busy: its transaction is
        // IMMEDIATE, so a failed attempt wrote nothing.
        return try BusyRetry(timeout: ResultDatabase.busyTimeout).run {
            var summary = Summary()
            try output.queue.writeWithoutTransaction { db in
                for (index, input) in inputs.enumerated() {
                    try db.execute(sql: "ATTACH DATABASE ? AS \(alias(index))", arguments: [input])
                }
                defer {
                    for index in inputs.indices { try? db.execute(sql: "DETACH DATABASE \(alias(index))") }
                }
                try db.inTransaction(.immediate) {
                    try check(inputs, in: db)
                    try checkDigests(inputs, in: db)
                    for index in inputs.indices {
                        try copy(from: alias(index), in: db, summary: &summary)
                    }
                    return .commit
                }
            }
            return summary
        }
    }

    static func alias(_ index: Int) -> String { "input\(index)" }

    static func hasSweeps(_ schema: String, in db: Database) throws -> Bool { try has("sweep_run", schema, in: db) }

    /// Whether the attached database `schema` has the table.
    static func has(_ table: String, _ schema: String, in db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM \(schema).sqlite_master WHERE type = 'table' AND name = ?", arguments: [table]) ?? false
    }

    /// Refuses inputs that are not result databases, and sweeps whose hash
    /// names different points, or whose runs were made by different tool
    /// versions, across the output and the inputs.
    static func check(_ inputs: [String], in db: Database) throws {
        var points: [String: [Int: (parameters: String, source: String)]] = [:]
        var versions: [String: (version: String, source: String)] = [:]
        for (index, input) in inputs.enumerated() {
            guard try has("run", alias(index), in: db) else {
                throw Refusal(description: "\(input) is not a hasim results database (no run table)")
            }
        }
        let sources = [("main", "the output")] + inputs.enumerated().map { (alias($0.offset), $0.element) }
        for (schema, source) in sources where try hasSweeps(schema, in: db) {
            for row in try Row.fetchAll(db, sql: "SELECT sweep_hash, point, parameters FROM \(schema).sweep_point") {
                let hash: String = row["sweep_hash"], point: Int = row["point"], parameters: String = row["parameters"]
                if let known = points[hash]?[point], known.parameters != parameters {
                    throw Refusal(
                        description:
                            "sweep \(hash.prefix(12)) point \(point) is \(known.parameters) in \(known.source) but \(parameters) in \(source): different sweeps under the same hash"
                    )
                }
                points[hash, default: [:]][point] = (parameters, source)
            }
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT r.sweep_hash, run.tool_version FROM \(schema).sweep_run r JOIN \(schema).run ON run.id = r.run_id
                    """)
            for row in rows {
                let hash: String = row["sweep_hash"], version: String = row["tool_version"]
                if let known = versions[hash], known.version != version {
                    throw Refusal(
                        description:
                            "sweep \(hash.prefix(12)) has runs of hasim \(known.version) in \(known.source) and of hasim \(version) in \(source); merge runs of one tool version per sweep"
                    )
                }
                versions[hash] = (version, source)
            }
        }
    }

    /// Throws a `DeterminismFailure` when two runs, in the output or any
    /// input, share scenario file, seed, parameters and tool version but not
    /// their digest. A different tool version may model differently, so its
    /// digests are not compared.
    static func checkDigests(_ inputs: [String], in db: Database) throws {
        struct Key: Hashable { var sha256: String, seed: Int64, parameters: String, toolVersion: String }
        var seen: [Key: (digest: String, scenario: String, source: String)] = [:]
        var disagreements: [String] = []
        let sources = [("main", "the output")] + inputs.enumerated().map { (alias($0.offset), $0.element) }
        for (schema, source) in sources {
            let rows = try Row.fetchCursor(db, sql: "SELECT scenario, scenario_sha256, seed, parameters, tool_version, digest FROM \(schema).run ORDER BY id")
            while let row = try rows.next() {
                let key = Key(sha256: row["scenario_sha256"], seed: row["seed"], parameters: row["parameters"], toolVersion: row["tool_version"])
                let digest: String = row["digest"]
                guard let known = seen[key] else {
                    seen[key] = (digest, row["scenario"], source)
                    continue
                }
                if known.digest != digest {
                    disagreements.append(
                        "\(known.scenario) seed \(key.seed) \(key.parameters) is \(known.digest) in \(known.source) but \(digest) in \(source)")
                    seen[key] = (digest, known.scenario, source)
                }
            }
        }
        if !disagreements.isEmpty { throw DeterminismFailure(disagreements: disagreements) }
    }

    /// Copies one attached input's runs with all their rows; a sweep run
    /// whose (sweep, point, seed) is already present, or any other run
    /// identical to one present, is skipped.
    static func copy(from schema: String, in db: Database, summary: inout Summary) throws {
        let sweeps = try hasSweeps(schema, in: db)
        let downtime = try has("downtime", schema, in: db)
        let downtimeCauses = try has("downtime_cause", schema, in: db)
        let traffic = try has("traffic", schema, in: db)
        if sweeps {
            try db.execute(
                sql: "INSERT OR IGNORE INTO sweep SELECT hash, name, sweep_path, scenario_path, scenario_sha256, axes, created_at FROM \(schema).sweep")
            try db.execute(sql: "INSERT OR IGNORE INTO sweep_point SELECT sweep_hash, point, label, parameters FROM \(schema).sweep_point")
        }
        let placement = sweeps ? "LEFT JOIN \(schema).sweep_run s ON s.run_id = run.id" : ""
        let placed = sweeps ? "s.sweep_hash, s.point, s.seed AS sweep_seed" : "NULL AS sweep_hash, NULL AS point, NULL AS sweep_seed"
        let runs = try Row.fetchAll(
            db,
            sql:
                "SELECT run.id, run.scenario_sha256, run.seed, run.parameters, run.tool_version, run.digest, run.unseed, \(placed) FROM \(schema).run \(placement) ORDER BY run.id"
        )
        for run in runs {
            let present: Bool
            if let hash: String = run["sweep_hash"] {
                present =
                    try Bool.fetchOne(
                        db, sql: "SELECT 1 FROM sweep_run WHERE sweep_hash = ? AND point = ? AND seed = ?",
                        arguments: [hash, run["point"] as Int, run["sweep_seed"] as Int64]) ?? false
            } else {
                present =
                    try Bool.fetchOne(
                        db,
                        sql: """
                            SELECT 1 FROM run WHERE scenario_sha256 = ? AND seed = ? AND parameters = ? AND tool_version = ? AND digest = ? AND unseed = ?
                            AND id NOT IN (SELECT run_id FROM sweep_run)
                            """,
                        arguments: [
                            run["scenario_sha256"] as String, run["seed"] as Int64, run["parameters"] as String,
                            run["tool_version"] as String, run["digest"] as String, run["unseed"] as String,
                        ]) ?? false
            }
            if present {
                summary.duplicatesSkipped += 1
                continue
            }
            let old: Int64 = run["id"]
            try db.execute(sql: "INSERT INTO run (\(runColumns)) SELECT \(runColumns) FROM \(schema).run WHERE id = ?", arguments: [old])
            let new = db.lastInsertedRowID
            var tables = [
                ("metric", "name, value, unit"), ("interval", "entity, state, start_ns, end_ns"),
                ("event", "time_ns, entity, kind, detail"), ("expectation", "name, passed, observed, bound"),
            ]
            // An input last opened by a hasim before the downtime table has none to copy.
            if downtime { tables.append(("downtime", "metric, start_ns, end_ns, cause, mechanism")) }
            // One before the cause rows: its downtime rows keep their text, and readers read that.
            if downtimeCauses { tables.append(("downtime_cause", "metric, start_ns, position, fault, target, origin, origin_index")) }
            // One before the traffic table has no cross-zone count to copy.
            if traffic { tables.append(("traffic", "kind, messages, bytes")) }
            for (table, columns) in tables {
                try db.execute(
                    sql: "INSERT INTO \(table) (run_id, \(columns)) SELECT ?, \(columns) FROM \(schema).\(table) WHERE run_id = ? ORDER BY rowid",
                    arguments: [new, old])
            }
            if let hash: String = run["sweep_hash"] {
                try db.execute(
                    sql: "INSERT INTO sweep_run (sweep_hash, point, seed, run_id) VALUES (?, ?, ?, ?)",
                    arguments: [hash, run["point"] as Int, run["sweep_seed"] as Int64, new])
            }
            summary.runsCopied += 1
        }
    }
}
