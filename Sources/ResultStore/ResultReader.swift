import GRDB

/// Reads stored runs back, read-only: a report must never create, migrate or
/// lock a database for writing, so it opens its own read-only connection
/// rather than a `ResultDatabase`.
public final class ResultReader {
    let queue: DatabaseQueue

    /// Opens an existing database read-only; throws if it cannot be opened.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        queue = try DatabaseQueue(path: path, configuration: configuration)
    }

    /// The id of the newest run, or nil when the database holds none.
    public func latestRunID() throws -> Int64? {
        try queue.read { db in
            guard try db.tableExists("run") else { return nil }
            return try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM run")
        }
    }

    /// The run with this id and all its rows, in the order they were written;
    /// nil when there is no such run.
    public func run(id: Int64) throws -> StoredRun? {
        try queue.read { db in
            guard try db.tableExists("run"),
                let row = try Row.fetchOne(db, sql: "SELECT * FROM run WHERE id = ?", arguments: [id])
            else { return nil }
            var run = StoredRun(
                runID: id, scenario: row["scenario"], scenarioPath: row["scenario_path"], scenarioSHA256: row["scenario_sha256"],
                seed: row["seed"], parameters: row["parameters"], durationNanoseconds: row["duration_ns"],
                eventsDispatched: row["events_dispatched"], digest: row["digest"], unseed: row["unseed"], toolVersion: row["tool_version"])
            run.metrics = try Row.fetchAll(db, sql: "SELECT name, value, unit FROM metric WHERE run_id = ? ORDER BY rowid", arguments: [id]).map {
                StoredRun.Metric(name: $0["name"], value: $0["value"], unit: $0["unit"])
            }
            run.intervals = try Row.fetchAll(db, sql: "SELECT entity, state, start_ns, end_ns FROM interval WHERE run_id = ? ORDER BY rowid", arguments: [id])
                .map {
                    StoredRun.Interval(entity: $0["entity"], state: $0["state"], startNanoseconds: $0["start_ns"], endNanoseconds: $0["end_ns"])
                }
            run.events = try Row.fetchAll(db, sql: "SELECT time_ns, entity, kind, detail FROM event WHERE run_id = ? ORDER BY rowid", arguments: [id]).map {
                StoredRun.Event(timeNanoseconds: $0["time_ns"], entity: $0["entity"], kind: $0["kind"], detail: $0["detail"])
            }
            run.expectations = try Row.fetchAll(
                db, sql: "SELECT name, passed, observed, bound FROM expectation WHERE run_id = ? ORDER BY rowid", arguments: [id]
            ).map {
                StoredRun.Expectation(name: $0["name"], passed: $0["passed"], observed: $0["observed"], bound: $0["bound"])
            }
            // A database no hasim since the downtime table has opened for writing lacks it.
            if try db.tableExists("downtime") {
                run.downtime = try Self.downtime(of: id, in: db)
            }
            run.crossZoneBytes = try TrafficSchema.bytes(in: db, where: "t.run_id = ?", arguments: [id])[id]
            return run
        }
    }

    /// A run's downtime rows, in the order they were written.
    static func downtime(of id: Int64, in db: Database) throws -> [StoredRun.Downtime] {
        let causes = try DowntimeCauseRows.causes(in: db, where: "c.run_id = ?", arguments: [id])
        return try Row.fetchAll(
            db, sql: "SELECT run_id, metric, start_ns, end_ns, cause, mechanism FROM downtime WHERE run_id = ? ORDER BY rowid", arguments: [id]
        ).map {
            StoredRun.Downtime(row: $0, causes: causes)
        }
    }

    /// Runs a read-only query, for readers of tables this type does not model.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        try queue.read(body)
    }
}
