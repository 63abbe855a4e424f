import Foundation
import GRDB
import Simulation

/// The results database: created and migrated on open, one writer, and each
/// run written in a single transaction so a failed or killed run leaves no
/// partial rows (DESIGN.md §6).
///
/// Several processes may write one database at once (`run`, `seeds`, `check`
/// side by side): it is in WAL mode, and a writer waits for the lock instead
/// of failing. A database that is not hasim's is refused before anything in
/// it is changed (docs/RELIABILITY.md).
public final class ResultDatabase {
    let queue: DatabaseQueue

    /// How long a writer waits for another process's transaction to finish.
    /// A run's transaction takes milliseconds; a minute covers many writers
    /// queued behind each other on a loaded machine.
    public static let busyTimeout: TimeInterval = 60

    /// Opens (creating if needed) the database at `path`, checks that it is
    /// hasim's, and applies pending migrations. Throws `ResultDatabaseError`.
    public init(path: String) throws {
        try DatabasePath.check(path)
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(Self.busyTimeout)
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try SchemaCheck.refuseForeign(queue, path: path)
        } catch let error as ResultDatabaseError {
            throw error
        } catch let error as DatabaseError {
            throw ResultDatabaseError(path: path, reason: error.resultCode == .SQLITE_NOTADB ? "it is not an SQLite database" : (error.message ?? "\(error.resultCode)"))
        }
        do {
            try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
            try Self.migrate(queue)
        } catch let error as DatabaseError {
            throw ResultDatabaseError(path: path, reason: error.message ?? "\(error.resultCode)")
        }
    }

    /// Applies pending migrations. Two processes opening a new database at
    /// once both see it unmigrated; the second's migration then fails in its
    /// own rolled-back transaction, and it retries: it finds the work done.
    /// Each migration is a transaction of its own, so the first may still be
    /// half-way through the list when the second retries: the retries wait
    /// longer each time (50 ms, 100 ms, ...; 2.75 s in all), so that a
    /// loaded machine does not run out of them while the first finishes.
    static func migrate(_ queue: DatabaseQueue) throws {
        let migrator = ResultSchema.migrator
        for attempt in 1... {
            do {
                try migrator.migrate(queue)
                return
            } catch {
                if try queue.read({ db in try migrator.hasCompletedMigrations(db) }) { return }
                if attempt == 10 { throw error }
                Thread.sleep(forTimeInterval: 0.05 * Double(attempt))
            }
        }
    }

    /// Writes one run with all its rows; returns the new run id.
    @discardableResult
    public func write(_ result: RunResult, provenance: RunProvenance) throws -> Int64 {
        var writtenID: Int64 = 0
        // IMMEDIATE takes the write lock first, so the busy timeout applies
        // to the whole transaction (a deferred one could fail mid-way in WAL).
        try queue.writeWithoutTransaction { db in try db.inTransaction(.immediate) {
            writtenID = try Self.insert(result, provenance: provenance, in: db)
            return .commit
        } }
        return writtenID
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
            let downtime = try db.makeStatement(sql: "INSERT INTO downtime (run_id, metric, start_ns, end_ns, cause, mechanism) VALUES (?, ?, ?, ?, ?, ?)")
            for d in result.downtime {
                try downtime.execute(arguments: [runID, d.metric, d.start.nanosecondsSinceStart, d.end.nanosecondsSinceStart, d.cause, d.mechanism])
            }
            return runID
    }

    /// The seeds of the runs stored for the scenario file with this SHA-256.
    public func storedSeeds(scenarioSHA256: String) throws -> Set<UInt64> {
        try queue.read { db in
            let seeds = try Int64.fetchAll(db, sql: "SELECT DISTINCT seed FROM run WHERE scenario_sha256 = ?", arguments: [scenarioSHA256])
            return Set(seeds.map { UInt64($0) })
        }
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
