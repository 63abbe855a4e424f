import GRDB
import Simulation

/// The results database: created and migrated on open, one writer, and each
/// run written in a single transaction so a failed or killed run leaves no
/// partial rows (DESIGN.md §6).
public final class ResultDatabase {
    let queue: DatabaseQueue

    /// Opens (creating if needed) the database at `path` and applies pending migrations.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        queue = try DatabaseQueue(path: path, configuration: configuration)
        try ResultSchema.migrator.migrate(queue)
    }

    /// Writes one run with all its rows; returns the new run id.
    @discardableResult
    public func write(_ result: RunResult, provenance: RunProvenance) throws -> Int64 {
        try queue.write { db in try Self.insert(result, provenance: provenance, in: db) }
    }

    /// Inserts one run's rows inside the caller's transaction; returns the new run id.
    static func insert(_ result: RunResult, provenance: RunProvenance, in db: Database) throws -> Int64 {
            try db.execute(
                sql: """
                    INSERT INTO run (scenario, scenario_path, scenario_sha256, seed, parameters, duration_ns,
                                     events_dispatched, digest, unseed, status, tool_version, wall_seconds, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    result.scenarioName, provenance.scenarioPath, provenance.scenarioSHA256, Int64(result.seed),
                    provenance.parameters, result.duration.nanoseconds, result.eventsDispatched,
                    hex16(result.digest), hex16(result.unseed), "completed", provenance.toolVersion,
                    provenance.wallSeconds, provenance.createdAt,
                ])
            let runID = db.lastInsertedRowID
            let metric = try db.makeStatement(sql: "INSERT INTO metric (run_id, name, value, unit) VALUES (?, ?, ?, ?)")
            for m in result.metrics {
                try metric.execute(arguments: [runID, m.name, m.value.isNaN ? nil : m.value, m.unit])
            }
            let interval = try db.makeStatement(sql: "INSERT INTO interval (run_id, entity, state, start_ns, end_ns) VALUES (?, ?, ?, ?, ?)")
            for i in result.intervals {
                try interval.execute(arguments: [runID, i.entity, i.state, i.start.nanosecondsSinceStart, i.end.nanosecondsSinceStart])
            }
            let event = try db.makeStatement(sql: "INSERT INTO event (run_id, time_ns, entity, kind, detail) VALUES (?, ?, ?, ?, ?)")
            for e in result.events {
                try event.execute(arguments: [runID, e.time.nanosecondsSinceStart, e.entity, e.kind, e.detail])
            }
            let expectation = try db.makeStatement(sql: "INSERT INTO expectation (run_id, name, passed, observed, bound) VALUES (?, ?, ?, ?, ?)")
            for x in result.expectations {
                try expectation.execute(arguments: [runID, x.name, x.passed, x.observed.isNaN ? nil : x.observed, x.bound])
            }
            return runID
    }

    /// Runs a read-only query; for tests and the command line's summaries.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        try queue.read(body)
    }

    /// Runs statements in one write transaction; tests use it to install faults.
    public func writeRaw(_ sql: String) throws {
        try queue.write { db in try db.execute(sql: sql) }
    }
}
