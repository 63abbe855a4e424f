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
    /// hasim's and sound, and applies pending migrations. Every step waits
    /// for other processes' locks up to `busyTimeout` in all (`BusyRetry`).
    /// Throws `ResultDatabaseError`.
    public init(path: String) throws {
        try DatabasePath.check(path)
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(Self.busyTimeout)
        let retry = BusyRetry(timeout: Self.busyTimeout)
        let queue: DatabaseQueue
        do {
            queue = try retry.run { try DatabaseQueue(path: path, configuration: configuration) }
            try retry.run { try SchemaCheck.refuseForeign(queue, path: path) }
            try retry.run { try IntegrityCheck.refuseDamaged(queue, path: path) }
        } catch let error as ResultDatabaseError {
            throw error
        } catch let error as DatabaseError {
            throw ResultDatabaseError(path: path, reason: error.resultCode == .SQLITE_NOTADB ? "it is not an SQLite database" : Self.reason(error))
        }
        self.queue = queue
        do {
            try Self.switchToWAL(queue, path: path, retry: retry)
            try Self.migrate(queue, retry: retry)
        } catch let error as DatabaseError {
            throw ResultDatabaseError(path: path, reason: Self.reason(error))
        }
    }

    /// SQLite's message, and how long was waited when it was for a lock.
    static func reason(_ error: DatabaseError) -> String {
        let message = error.message ?? "\(error.resultCode)"
        return BusyRetry.isBusy(error) ? "\(message) (another process held it for more than \(Int(busyTimeout)) s)" : message
    }

    /// Puts the file in WAL mode, so that readers and a writer do not block
    /// each other. Processes opening a new file all switch it at once, and
    /// SQLite answers busy to all but one without waiting (each holds a
    /// shared lock and needs an exclusive one): `retry` runs it again.
    static func switchToWAL(_ queue: DatabaseQueue, path: String, retry: BusyRetry) throws {
        try retry.run {
            let mode = try queue.writeWithoutTransaction { db in try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") }
            // SQLite answers with the mode in force: anything else means
            // concurrent writers would not be safe.
            guard mode == "wal" else { throw ResultDatabaseError(path: path, reason: "SQLite left it in journal mode \(mode ?? "unknown"), not WAL") }
        }
    }

    /// Applies pending migrations. Two processes opening a new database at
    /// once both see it unmigrated; the second's migration then fails in its
    /// own rolled-back transaction ("table run already exists"), and it
    /// retries: it finds the work done. Each migration is a transaction of
    /// its own, so the first may still be half-way through the list when the
    /// second retries, and each such failure means the first committed one
    /// more: ten retries, waiting 50 ms, 100 ms, ... between them, cover the
    /// list twice over. A busy answer is retried until the open's deadline.
    static func migrate(_ queue: DatabaseQueue, retry: BusyRetry) throws {
        let migrator = ResultSchema.migrator
        for attempt in 1... {
            do {
                try retry.run { try migrator.migrate(queue) }
                return
            } catch {
                if try retry.run({ try queue.read { db in try migrator.hasCompletedMigrations(db) } }) { return }
                if attempt == 10 || BusyRetry.isBusy(error) { throw error }
                Thread.sleep(forTimeInterval: 0.05 * Double(attempt))
            }
        }
    }

    /// Runs `body` in one IMMEDIATE transaction, the whole of it again if
    /// SQLite answers busy, up to `busyTimeout`. IMMEDIATE takes the write
    /// lock first, so the busy timeout covers the whole transaction (a
    /// deferred one that read first could fail at its first write in WAL:
    /// SQLITE_BUSY_SNAPSHOT, which no busy handler waits for).
    func writeTransaction<T>(_ body: (Database) throws -> T) throws -> T {
        try BusyRetry(timeout: Self.busyTimeout).run {
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "BEGIN IMMEDIATE TRANSACTION")
                do {
                    let value = try body(db)
                    try db.execute(sql: "COMMIT TRANSACTION")
                    return value
                } catch {
                    // SQLite may have rolled back already (e.g. on a full disk).
                    if db.isInsideTransaction { try? db.execute(sql: "ROLLBACK TRANSACTION") }
                    throw error
                }
            }
        }
    }

    /// Closes the connection (checkpointing the WAL into the file), so that
    /// the file can be renamed whole. The database is unusable afterwards.
    public func close() throws {
        try queue.close()
    }

    /// Writes one run with all its rows; returns the new run id.
    @discardableResult
    public func write(_ result: RunResult, provenance: RunProvenance) throws -> Int64 {
        try writeTransaction { db in try Self.insert(result, provenance: provenance, in: db) }
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
            try event.execute(arguments: [runID, e.time.nanosecondsSinceStart, e.entity, e.kind.rawValue, e.detail])
        }
        let expectation = try db.makeStatement(sql: "INSERT INTO expectation (run_id, name, passed, observed, bound) VALUES (?, ?, ?, ?, ?)")
        for x in result.expectations {
            try expectation.execute(arguments: [runID, x.name, x.passed, x.observed.isNaN ? nil : x.observed, x.bound])
        }
        let downtime = try db.makeStatement(sql: "INSERT INTO downtime (run_id, metric, start_ns, end_ns, cause, mechanism) VALUES (?, ?, ?, ?, ?, ?)")
        let cause = try db.makeStatement(sql: DowntimeCauseRows.insert)
        // A year behind an unchecked load balancer stores tens of thousands
        // of stretches (each failed kubectl command), most with the causes
        // of the one before: their text is made once, and the arguments,
        // whose count and types are fixed here, go in unchecked.
        var lastCauses: (causes: [DowntimeCause], text: String)?
        for d in result.downtime {
            let text: String
            if let last = lastCauses, last.causes == d.causes {
                text = last.text
            } else {
                text = d.cause
                lastCauses = (d.causes, text)
            }
            downtime.setUncheckedArguments([runID, d.metric, d.start.nanosecondsSinceStart, d.end.nanosecondsSinceStart, text, d.mechanism])
            try downtime.execute()
            for (position, c) in d.causes.enumerated() {
                cause.setUncheckedArguments(
                    DowntimeCauseRows.arguments(c, run: runID, metric: d.metric, start: d.start.nanosecondsSinceStart, position: position))
                try cause.execute()
            }
        }
        try TrafficSchema.write(result.traffic, run: runID, in: db)
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
        try writeTransaction { db in try db.execute(sql: sql) }
    }
}
