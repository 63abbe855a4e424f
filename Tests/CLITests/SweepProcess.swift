import Foundation
import GRDB

/// Helpers of the sweep tests: `hasim` with an environment, a process to
/// kill mid-way, temporary files, and reading a results database.
enum SweepProcess {
    static let sweeps = HASimProcess.fixtures.appendingPathComponent("sweeps")

    static func sweep(_ name: String) -> String { sweeps.appendingPathComponent(name).path }

    /// A fresh path in the temporary folder, removed by `cleanUp`.
    static func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("hasim-sweep-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))-\(name)").path
    }

    static func cleanUp(_ paths: String...) {
        for path in paths {
            for suffix in ["", "-journal", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
    }

    static func start(_ arguments: [String], environment: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = HASimProcess.binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Runs `hasim` to the end with extra environment variables.
    static func run(_ arguments: [String], environment: [String: String]) throws -> Int32 {
        let process = try start(arguments, environment: environment)
        process.waitUntilExit()
        return process.terminationStatus
    }

    static func read<T>(_ path: String, _ body: (Database) throws -> T) throws -> T {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        return try DatabaseQueue(path: path, configuration: configuration).read(body)
    }

    /// (point, seed, digest) of every sweep run, in order: what the runs were, whatever their ids.
    static func sweepRuns(_ path: String) throws -> [String] {
        try read(path) { db in
            try String.fetchAll(db, sql: """
                SELECT r.point || ' ' || r.seed || ' ' || run.digest || ' ' || run.unseed || ' ' || run.parameters
                FROM sweep_run r JOIN run ON run.id = r.run_id ORDER BY r.point, r.seed
                """)
        }
    }
}
