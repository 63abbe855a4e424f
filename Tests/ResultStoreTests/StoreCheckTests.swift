import Foundation
import GRDB
import SimKernel
import Simulation
import Testing

@testable import ResultStore

/// What opening a results database checks before anything is simulated or
/// written (docs/RELIABILITY.md, "The store"): the whole schema its
/// migrations made, SQLite's quick_check, and waits for other processes'
/// locks wherever SQLite answers busy.
@Suite struct StoreCheckTests {
    let scenario = Scenario(
        name: "store-check", duration: .minutes(10),
        topology: Topology(zones: ["a", "b", "c"], mastersPerZone: [1, 1, 1], workersPerZone: [0, 0, 0]))

    let provenance = StoreTestFiles.provenance

    func temporaryPath() -> String { StoreTestFiles.temporaryPath() }

    /// The reason `ResultDatabase(path:)` gives for refusing the file, or nil if it opens.
    func refusal(_ path: String) -> String? {
        do {
            _ = try ResultDatabase(path: path)
            return nil
        } catch let error as ResultDatabaseError {
            return error.reason
        } catch {
            return "unexpected \(error)"
        }
    }

    /// A stored database with one run, altered by `sql` through a plain connection.
    func database(altered sql: String) throws -> String {
        let path = temporaryPath()
        try ResultDatabase(path: path).write(simulate(scenario), provenance: provenance)
        try DatabaseQueue(path: path).writeWithoutTransaction { db in try db.execute(sql: sql) }
        return path
    }

    @Test func aDroppedTableIsRefusedOnOpenNotAtWriteTime() throws {
        let path = try database(altered: "DROP VIEW downtime_seconds; DROP TABLE downtime")
        #expect(refusal(path) == "its table \"downtime\" is missing although its migrations say it was made (altered by hand, or damaged); left unchanged")
    }

    @Test func aDroppedColumnIsRefusedOnOpen() throws {
        let path = try database(altered: "DROP VIEW run_summary; DROP VIEW scenario_availability; ALTER TABLE run DROP COLUMN unseed")
        #expect(refusal(path) == "its table \"run\" has no column \"unseed\" although its migrations made one (altered by hand, or damaged); left unchanged")
    }

    /// A database of an earlier hasim (before the downtime migration) lacks
    /// the table rightly: it opens, and gains the table.
    @Test func anOlderSchemaIsMigratedNotRefused() throws {
        let path = try database(
            altered: "DROP TABLE downtime_cause; DROP VIEW downtime_seconds; DROP TABLE downtime; "
                + "DROP TABLE traffic; DELETE FROM grdb_migrations WHERE identifier IN ('v4-downtime', 'v5-downtime-causes', 'v6-traffic', 'v7-downtime-cause-operations', 'v8-downtime-cause-maintenance')"
        )
        #expect(refusal(path) == nil)
        let tables = try ResultDatabase(path: path).read { db in try db.tableExists("downtime") }
        #expect(tables)
    }

    /// A database of the hasim before the cause fields (v4) opens, and gains
    /// the `downtime_cause` table.
    @Test func aSchemaBeforeTheCauseFieldsIsMigratedNotRefused() throws {
        let path = try database(
            altered:
                "DROP TABLE downtime_cause; DROP TABLE traffic; DELETE FROM grdb_migrations WHERE identifier IN ('v5-downtime-causes', 'v6-traffic', 'v7-downtime-cause-operations', 'v8-downtime-cause-maintenance')"
        )
        #expect(refusal(path) == nil)
        let tables = try ResultDatabase(path: path).read { db in try db.tableExists("downtime_cause") }
        #expect(tables)
    }

    /// The root page of the `event` table overwritten: SQLite's quick_check
    /// finds it, and the file is refused before any write, byte for byte as it was.
    @Test func aDamagedFileIsRefusedUnchanged() throws {
        let path = temporaryPath()
        let database = try ResultDatabase(path: path)
        try database.write(simulate(scenario), provenance: provenance)
        let (page, size) = try database.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_master WHERE name = 'event'") ?? 0,
                try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0
            )
        }
        try database.close()
        #expect(page > 1)
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        try handle.seek(toOffset: UInt64((page - 1) * size))
        try handle.write(contentsOf: Data(repeating: 0xEE, count: 16))
        try handle.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let reason = try #require(refusal(path))
        #expect(reason.hasPrefix("it is damaged: SQLite's quick_check reports \""))
        #expect(reason.hasSuffix("; left unchanged (restore a copy, or recover its rows with `sqlite3 \(path) .recover`)"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    struct Failure: Error {}

    func busy() -> DatabaseError { DatabaseError(resultCode: .SQLITE_BUSY, message: "database is locked") }

    /// A step answered busy is run again until it succeeds.
    @Test func aBusyStepIsRunAgain() throws {
        var attempts = 0
        let value = try BusyRetry(timeout: 10).run {
            attempts += 1
            if attempts < 4 { throw busy() }
            return attempts
        }
        #expect(value == 4)
    }

    /// Any other failure is not waited for: it is thrown at the first attempt.
    @Test func anotherFailureIsThrownAtOnce() {
        var attempts = 0
        #expect(throws: Failure.self) {
            try BusyRetry(timeout: 10).run {
                attempts += 1
                throw Failure()
            }
        }
        #expect(attempts == 1)
    }

    /// Past the deadline the busy answer is the error, after about the timeout.
    @Test func busyPastTheDeadlineIsThrown() {
        let clock = ContinuousClock()
        let started = clock.now
        var attempts = 0
        #expect(throws: DatabaseError.self) {
            try BusyRetry(timeout: 0.3).run {
                attempts += 1
                throw busy()
            }
        }
        let waited = clock.now - started
        #expect(waited >= .milliseconds(300) && waited < .seconds(2))
        #expect(attempts > 3)
    }

    /// The race behind issue 21's lost runs: connections that switch a new
    /// file to WAL at the same moment. SQLite answers some "database is
    /// locked" at once, whatever their busy timeout (without the retry, 30
    /// of these 2,400 switches failed so, in 3 s); each is retried and every
    /// one succeeds.
    @Test func connectionsSwitchingANewFileToWALAtOnceAllSucceed() throws {
        let failures = Failures()
        for round in 0..<300 {
            let path = temporaryPath()
            let connections = 8
            let start = StartLine(count: connections)
            let done = DispatchGroup()
            for _ in 0..<connections {
                done.enter()
                Thread.detachNewThread {
                    defer { done.leave() }
                    do {
                        var configuration = Configuration()
                        configuration.busyMode = .timeout(ResultDatabase.busyTimeout)
                        let queue = try DatabaseQueue(path: path, configuration: configuration)
                        // Each holds the file open, as a new hasim process does after its schema read.
                        _ = try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") }
                        start.wait()
                        try ResultDatabase.switchToWAL(queue, path: path, retry: BusyRetry(timeout: ResultDatabase.busyTimeout))
                    } catch {
                        failures.add("round \(round): \(error)")
                    }
                }
            }
            done.wait()
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        #expect(failures.all == [])
    }
}

/// Releases its threads together once `count` of them wait.
final class StartLine: @unchecked Sendable {
    private let condition = NSCondition()
    private var waiting = 0
    private let count: Int

    init(count: Int) { self.count = count }

    func wait() {
        condition.lock()
        defer { condition.unlock() }
        waiting += 1
        if waiting == count { condition.broadcast() }
        while waiting < count { condition.wait() }
    }
}

/// What the threads of a test report, under a lock.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []

    func add(_ item: String) {
        lock.lock()
        items.append(item)
        lock.unlock()
    }

    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return items
    }
}
