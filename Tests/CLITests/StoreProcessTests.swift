import Foundation
import GRDB
import Testing

/// The store under real concurrent and killed processes (issue 10): every
/// finished run is kept, and the file stays a sound database.
@Suite(.serialized) struct StoreProcessTests {
    static let quick = HASimProcess.fixtures.appendingPathComponent("quick.yaml").path
    static let interruptible = HASimProcess.fixtures.appendingPathComponent("interruptible.yaml").path

    func temporaryDatabase(_ name: String) -> String {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("hasim-store-\(name)-\(ProcessInfo.processInfo.processIdentifier)-\(UInt64.random(in: 0...UInt64.max)).sqlite").path
    }

    /// Rows of `run`, and SQLite's own verdict on the file.
    func inspect(_ path: String) throws -> (runs: Int, metricsPerRun: Set<Int>, integrity: String) {
        let queue = try DatabaseQueue(path: path)
        return try queue.read { db in
            let runs = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM run") ?? -1
            let perRun = try Int.fetchAll(db, sql: "SELECT (SELECT COUNT(*) FROM metric WHERE run_id = run.id) FROM run")
            let integrity = try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? ""
            return (runs, Set(perRun), integrity)
        }
    }

    func start(_ arguments: [String]) throws -> (process: Process, stderr: URL) {
        let process = Process()
        process.executableURL = HASimProcess.binary
        process.arguments = arguments
        let stderr = URL(fileURLWithPath: temporaryDatabase("stderr") + ".txt")
        _ = FileManager.default.createFile(atPath: stderr.path, contents: nil)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: stderr)
        try process.run()
        return (process, stderr)
    }

    @Test func twentyConcurrentRunPairsStoreEveryRun() throws {
        let db = temporaryDatabase("pairs")
        let processes = try (0..<40).map { i in try start(["run", Self.quick, "--db", db, "--seed", "\(i / 2)"]) }
        for (process, stderr) in processes {
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(String(decoding: (try? Data(contentsOf: stderr)) ?? Data(), as: UTF8.self))")
        }
        let store = try inspect(db)
        #expect(store.runs == 40)
        #expect(store.metricsPerRun.count == 1)
        #expect(store.integrity == "ok")
    }

    /// Issue 21: a run was lost ("database is locked") now and then when
    /// many writers met on a busy machine. Sixteen `run --db` processes start
    /// at once on a new file, so that they race to create it, switch it to
    /// WAL, migrate it and write, while busy loops keep both cores loaded;
    /// twenty times over, every run is stored.
    @Test func sixteenWritersUnderCPULoadStoreEveryRunTwentyTimes() throws {
        let load = try (0..<2).map { _ in
            let spinner = Process()
            spinner.executableURL = URL(fileURLWithPath: "/bin/sh")
            // The test runner's threads block SIGTERM and a child inherits
            // the mask, so terminate() would not stop the loop: it is killed,
            // and stops by itself after 300 s of CPU (ulimit -t sends
            // SIGKILL at the hard limit) if this process dies first.
            spinner.arguments = ["-c", "ulimit -t 300; while :; do :; done"]
            try spinner.run()
            return spinner
        }
        defer {
            for spinner in load {
                kill(spinner.processIdentifier, SIGKILL)
                spinner.waitUntilExit()
            }
        }
        for round in 0..<20 {
            let db = temporaryDatabase("sixteen-\(round)")
            let processes = try (0..<16).map { i in try start(["run", Self.quick, "--db", db, "--seed", "\(i + 1)"]) }
            for (process, stderr) in processes {
                process.waitUntilExit()
                #expect(process.terminationStatus == 0, "round \(round): \(String(decoding: (try? Data(contentsOf: stderr)) ?? Data(), as: UTF8.self))")
                try? FileManager.default.removeItem(at: stderr)
            }
            let store = try inspect(db)
            #expect(store.runs == 16, "round \(round)")
            #expect(store.metricsPerRun.count == 1)
            #expect(store.integrity == "ok")
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
        }
    }

    /// A table dropped by hand, or a page overwritten, is found when the
    /// database is opened: exit 3 before anything is simulated, the file as it was.
    @Test func anIncompleteOrDamagedDatabaseFailsBeforeAnythingIsSimulated() throws {
        let dropped = temporaryDatabase("dropped")
        #expect(try hasim("run", Self.quick, "--db", dropped).status == 0)
        try DatabaseQueue(path: dropped).writeWithoutTransaction { db in try db.execute(sql: "DROP TABLE expectation") }
        let incomplete = try hasim("run", Self.quick, "--db", dropped, "--seed", "2")
        #expect(incomplete.status == 3)
        #expect(incomplete.stdout.isEmpty)
        #expect(incomplete.stderr == "error: cannot use the results database \(dropped): its table \"expectation\" is missing although its migrations say it was made (altered by hand, or damaged); left unchanged\n")

        let damaged = temporaryDatabase("damaged")
        #expect(try hasim("run", Self.quick, "--db", damaged).status == 0)
        let (page, size) = try DatabaseQueue(path: damaged).read { db in
            (try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_master WHERE name = 'metric'") ?? 0, try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0)
        }
        let handle = try #require(FileHandle(forUpdatingAtPath: damaged))
        try handle.seek(toOffset: UInt64((page - 1) * size))
        try handle.write(contentsOf: Data(repeating: 0xEE, count: 16))
        try handle.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: damaged))
        let refused = try hasim("seeds", Self.quick, "--count", "2", "--db", damaged)
        #expect(refused.status == 3)
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr.hasPrefix("error: cannot use the results database \(damaged): it is damaged: SQLite's quick_check reports \""))
        #expect(try Data(contentsOf: URL(fileURLWithPath: damaged)) == before)
    }

    @Test func twoConcurrentSeedsBatchesStoreEveryRun() throws {
        let db = temporaryDatabase("batches")
        let batches = try ["1", "101"].map { from in try start(["seeds", Self.quick, "--from", from, "--count", "4", "--jobs", "1", "--db", db]) }
        for (process, _) in batches {
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
        let store = try inspect(db)
        #expect(store.runs == 8)
        #expect(store.integrity == "ok")
    }

    /// Waits until the batch has stored at least `runs` runs.
    func waitForRuns(_ runs: Int, in db: String, of process: Process) throws {
        let deadline = Date().addingTimeInterval(600)
        while Date() < deadline, process.isRunning {
            if FileManager.default.fileExists(atPath: db), (try? inspect(db).runs) ?? 0 >= runs { return }
            Thread.sleep(forTimeInterval: 0.2)
        }
    }

    @Test func seedsInterruptedKeepsEveryFinishedRunAndSaysSo() throws {
        let db = temporaryDatabase("sigint")
        let (process, stderr) = try start(["seeds", Self.interruptible, "--count", "10000", "--jobs", "2", "--db", db])
        try waitForRuns(2, in: db, of: process)
        process.interrupt()
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        let store = try inspect(db)
        #expect(store.runs >= 2)
        #expect(store.metricsPerRun.count == 1)
        #expect(store.integrity == "ok")
        let message = String(decoding: try Data(contentsOf: stderr), as: UTF8.self)
        #expect(message == "interrupted: \(store.runs) of 10000 runs finished and stored in \(db); runs in flight were not stored\n")
    }

    @Test func seedsKilledKeepsEveryFinishedRun() throws {
        let db = temporaryDatabase("sigkill")
        let (process, _) = try start(["seeds", Self.interruptible, "--count", "10000", "--jobs", "2", "--db", db])
        try waitForRuns(2, in: db, of: process)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        let store = try inspect(db)
        #expect(store.runs >= 2)
        // Every stored run is whole: all have the same number of metrics.
        #expect(store.metricsPerRun.count == 1)
        #expect(store.integrity == "ok")
    }

    @Test func aBadDatabaseFailsBeforeAnythingIsSimulated() throws {
        let folder = FileManager.default.temporaryDirectory.path
        let check = try hasim("check", Self.quick, Self.quick, "--db", folder)
        #expect(check.status == 3)
        #expect(check.stdout.isEmpty)
        #expect(check.stderr == "error: cannot use the results database \(folder): it is a folder; expected a file\n")
        let empty = try hasim("run", Self.quick, "--db", "")
        #expect(empty.status == 3)
        #expect(empty.stderr == "error: cannot use the results database \"\": the path is empty; expected a file such as Results/hasim.sqlite\n")
        let memory = try hasim("seeds", Self.quick, "--count", "1", "--db", ":memory:")
        #expect(memory.status == 3)
        #expect(memory.stdout.isEmpty)
        #expect(memory.stderr == "error: cannot use the results database :memory:: an in-memory or URI database would lose the runs; expected a file such as Results/hasim.sqlite\n")
    }

    @Test func aForeignDatabaseIsRefusedUnchanged() throws {
        let db = temporaryDatabase("foreign")
        try DatabaseQueue(path: db).write { db in try db.execute(sql: "CREATE TABLE users (id INTEGER)") }
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let outcome = try hasim("run", Self.quick, "--db", db)
        #expect(outcome.status == 3)
        #expect(outcome.stderr == "error: cannot use the results database \(db): it holds other tables (users), not hasim's results; left unchanged\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
    }

    @Test func seedsBeyondTheLargestAreAUsageError() throws {
        let outcome = try hasim("seeds", Self.quick, "--from", "9223372036854775807", "--count", "2", "--db", temporaryDatabase("seeds"))
        #expect(outcome.status == 64)
        #expect(outcome.stderr.hasPrefix("Error: --from 9223372036854775807 with --count 2 goes past the largest seed, 9223372036854775807\n"))
    }

    /// Every crasher fixture, through the command line: exit 2, one located error each.
    @Test func everyCrasherExitsTwoWithALocatedError() throws {
        let folder = HASimProcess.root.appendingPathComponent("Tests/ScenarioFileTests/Fixtures/crashers")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files.count >= 15)
        for file in files {
            let path = folder.appendingPathComponent(file).path
            let outcome = try hasim("validate", path)
            #expect(outcome.status == 2, "\(file)")
            #expect(outcome.stderr.hasPrefix("error: \(path):"), "\(file)")
            #expect(outcome.stderr.split(separator: "\n").count == 1, "\(file)")
            #expect(outcome.stderr.count < 400, "\(file)")
        }
    }
}
