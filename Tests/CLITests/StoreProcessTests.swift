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
