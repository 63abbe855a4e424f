import ArgumentParser
import Dispatch
import Foundation
import ResultStore
import ScenarioFile
import Simulation

/// `hasim sweep FILE`: every point of a sweep file's grid over its seeds,
/// stored run by run, resumable, and compared in one table.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a sweep (a grid of scenario variations over many seeds) and compare its points.",
        discussion: """
            Every point is validated before anything runs (exit 2 otherwise). With --db each run is \
            stored as it finishes, in its own transaction, and running the same command again skips \
            the runs already stored: an interrupted sweep resumes. Results do not depend on --jobs \
            or --shard. Progress goes to standard error; the table to standard output.
            """)

    @Argument(help: "The sweep file (YAML).")
    var file: String

    @OptionGroup var storage: SweepRunOptions
    var db: String? { storage.db }
    var jobs: Int { storage.jobs }
    var shard: ShardArgument? { storage.shard }

    @Flag(help: "Print the table as JSON.")
    var json = false

    @Flag(help: "Print the table as CSV (one line per point and metric).")
    var csv = false

    @Flag(help: "Run nothing: print the table from the runs stored in --db.")
    var reportOnly = false

    @OptionGroup var budget: RunBudget

    @Option(
        help: ArgumentHelp(
            "How often the one-off scenario of every point happens, e.g. 12/yr: downtime per occurrence becomes minutes a year; overrides the scenario's occurrences:.",
            valueName: "N/yr"),
        transform: DowntimeFiguresText.parseRate)
    var occurs: Double?

    func validate() throws {
        guard !(json && csv) else { throw ValidationError("give --json or --csv, not both") }
        guard !reportOnly || db != nil else { throw ValidationError("--report-only reads the runs from --db; give --db PATH") }
    }

    func run() throws {
        let definition: SweepDefinition
        do {
            definition = try SweepParser.load(path: file)
        } catch {
            for located in error.errors { printError("error: \(located)") }
            throw ExitCodes.invalidInput
        }
        let hash = SHA256.hex(Data(definition.identity.utf8))
        for point in definition.points {
            try DowntimeFiguresText.refuseRate(point.scenario, path: "\(file) point \(point.index)", rate: occurs)
        }
        // The runs of this shard, in the sweep's order: point by point, seed by seed.
        var work: [SweepRunner.Work] = []
        var position = 0
        for point in definition.points {
            let limits = budget.limits(point.scenario)
            for seed in definition.seeds {
                if shard?.contains(position) ?? true { work.append(.init(point: point, seed: seed, limits: limits)) }
                position += 1
            }
        }
        if !reportOnly, let problem = budget.problem(definition, runs: work) {
            printError("error: \(file): \(problem)")
            throw ExitCodes.invalidInput
        }
        let wanted = Set(work.map { SweepRunKey(point: $0.point.index, seed: $0.seed) })

        let database = try db.map { path in try Self.attach(path, definition: definition, hash: hash, file: file, checkVersion: !reportOnly) }
        var samples: [SweepRunSample] = []
        if !reportOnly {
            let stored = try database.map { database in try Self.storing(path: db!) { try database.storedSweepRuns(hash: hash) } } ?? []
            let pending = work.filter { !stored.contains(SweepRunKey(point: $0.point.index, seed: $0.seed)) }
            if !stored.isEmpty {
                printError(
                    "\(definition.name): \(work.count - pending.count) of \(work.count) runs already stored in \(db!); running the other \(pending.count)")
            }
            samples = try Self.simulate(pending, definition: definition, hash: hash, database: database, path: db, jobs: jobs)
        }
        if let database {
            samples = try Self.storing(path: db!) { try database.sweepSamples(hash: hash, metrics: definition.metrics, objectives: { definition.serviceLevelObjectives(point: $0) }) }
                .filter { wanted.contains($0.key) }
        }
        let table = SweepTable(definition: definition, hash: hash, samples: samples, occurrencesPerYear: occurs)
        print(json ? try table.json() : csv ? table.csv() : table.text())
    }

    /// Simulates the pending runs, storing each as it finishes when there is
    /// a database; returns the samples when there is none. Ctrl-C stops
    /// taking new runs, lets those in flight finish (and be stored), says how
    /// to resume and exits 130; a second Ctrl-C abandons them at once (an
    /// unfinished transaction leaves nothing behind).
    static func simulate(
        _ pending: [SweepRunner.Work], definition: SweepDefinition, hash: String, database: ResultDatabase?, path db: String?, jobs: Int
    ) throws -> [SweepRunSample] {
        let runner = SweepRunner()
        let progress = SweepProgress(total: pending.count)
        let collected = Collected()
        let scenarioSHA = SHA256.hex(definition.scenarioContents)
        let path = definition.scenarioPath
        let metrics = definition.metrics
        signal(SIGINT, SIG_IGN)
        let interrupt = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        interrupt.setEventHandler {
            if runner.stopped { _exit(130) }
            printError("\ninterrupted: finishing the runs in flight (Ctrl-C again to abandon them)")
            runner.stop()
        }
        interrupt.resume()
        defer {
            interrupt.cancel()
            signal(SIGINT, SIG_DFL)
        }
        try runner.run(pending, jobs: jobs) { work, result, wall in
            let key = SweepRunKey(point: work.point.index, seed: work.seed)
            if let database {
                let provenance = RunProvenance(
                    scenarioPath: path, scenarioSHA256: scenarioSHA, parameters: work.point.runParametersJSON(seed: work.seed),
                    toolVersion: ToolVersion.current, wallSeconds: wall, createdAt: ISO8601DateFormatter().string(from: Date()))
                _ = try Self.storing(path: db!) { try database.writeSweepRun(result, provenance: provenance, hash: hash, key: key) }
            } else {
                collected.append(SweepRunSample(result, key: key, metrics: metrics, objectives: work.point.scenario.serviceLevelObjectives))
            }
            progress.finished(failedExpectation: !result.allExpectationsPassed)
        }
        progress.end()
        if runner.stopped {
            let again = CommandLine.arguments.dropFirst().joined(separator: " ")
            printError(
                database == nil
                    ? "interrupted: nothing was stored (no --db); rerun with --db PATH to make a sweep resumable"
                    : "interrupted: every finished run is stored in \(db!); run the same command to resume: hasim \(again)")
            throw ExitCode(130)
        }
        return collected.samples.sorted { ($0.key.point, $0.key.seed) < ($1.key.point, $1.key.seed) }
    }

    /// Opens the database, records the sweep's points in it (or checks
    /// them against the ones stored under its hash) and, when the command
    /// will run, refuses a database whose runs of this sweep another
    /// version of hasim made (exit 2).
    static func attach(_ path: String, definition: SweepDefinition, hash: String, file: String, checkVersion: Bool) throws -> ResultDatabase {
        let database = try open(path)
        try storing(path: path) { try database.register(record(definition, hash: hash, file: file)) }
        let versions = try storing(path: path) { try database.sweepToolVersions(hash: hash) }
        if checkVersion, let other = versions.first(where: { $0 != ToolVersion.current }) {
            printError(
                "error: \(path) holds runs of this sweep made by hasim \(other); this is hasim \(ToolVersion.current), and one sweep's runs come from one version: use another --db"
            )
            throw ExitCodes.invalidInput
        }
        return database
    }

    static func record(_ definition: SweepDefinition, hash: String, file: String) -> SweepRecord {
        SweepRecord(
            hash: hash, name: definition.name, sweepPath: file, scenarioPath: definition.scenarioPath,
            scenarioSHA256: SHA256.hex(definition.scenarioContents),
            axes: "[" + definition.axes.map { "\"\($0)\"" }.joined(separator: ",") + "]",
            createdAt: ISO8601DateFormatter().string(from: Date()),
            points: definition.points.map { .init(index: $0.index, label: $0.label, parameters: $0.parametersJSON) })
    }

    /// Opens (creating its folder) the database, or exits 3 saying why not.
    static func open(_ path: String) throws -> ResultDatabase {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return try storing(path: path) {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            return try ResultDatabase(path: path)
        }
    }

    /// Runs a database step; a failure is exit 3 with the database named.
    static func storing<T>(path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            printError("error: cannot write results to \(path): \(error)")
            throw ExitCodes.storeFailed
        }
    }

    private final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [SweepRunSample] = []

        func append(_ sample: SweepRunSample) {
            lock.lock()
            items.append(sample)
            lock.unlock()
        }

        var samples: [SweepRunSample] {
            lock.lock()
            defer { lock.unlock() }
            return items
        }
    }
}

extension SweepRunSample {
    /// The sample of a run kept in memory, as the database would give it back.
    init(_ result: RunResult, key: SweepRunKey, metrics: [String], objectives: [ServiceLevelObjective]) {
        self.init(
            key: key,
            metrics: metrics.map { name in result.metric(name).flatMap { $0.isNaN ? nil : $0 } },
            expectations: result.expectations.map { .init(name: $0.name, passed: $0.passed) },
            durationNanoseconds: result.duration.nanoseconds,
            downtime: YearlyDowntime.Run(duration: result.duration, downtime: result.downtime, objectives: objectives),
            crossZoneBytes: Int64(result.traffic.totalBytes))
    }
}
