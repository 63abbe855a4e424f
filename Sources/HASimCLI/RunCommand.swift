import ArgumentParser
import ScenarioFile
import Foundation
import Simulation

/// `hasim run SCENARIO`: simulate once, store the run, print a summary.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run one scenario and store its results.",
        discussion: "Exits 0 when the run completed, whether or not its expectations held (use `check` for that).")

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @OptionGroup var overrideOptions: OverrideOptions

    @Option(parsing: .unconditional, help: "Root seed of the run; overrides the scenario's seed.", transform: SeedArgument.parse)
    var seed: SeedArgument?

    @Option(help: "SQLite database to store the run in.")
    var db: String = "Results/hasim.sqlite"

    @Flag(help: "Print one JSON object instead of the summary.")
    var json = false

    @Flag(help: "Also write the run's HTML report (<database>-run-<id>.html beside the database) and print its path.")
    var report = false

    @Flag(help: "With --report: replace a report file that holds something else.")
    var force = false

    @OptionGroup var budget: RunBudget

    func run() throws {
        let loaded = try ScenarioRun.load(path: scenario, overrides: try overrideOptions.overrides())
        try budget.check(loaded)
        let results = try ResultsFile.open(db)
        let run: ScenarioRun
        do {
            run = try ScenarioRun.execute(loaded, seed: seed?.value, limits: budget.limits(loaded.scenario))
        } catch {
            printError("error: \(loaded.path): \(RunBudget.stoppedMessage(error))")
            throw ExitCodes.invalidInput
        }
        let runID = try results.store(run)
        if json {
            print(try RunReport(run: run, runID: runID, database: db).json())
        } else {
            print(RunReport(run: run, runID: runID, database: db).text())
        }
        if report {
            let path = ReportSource.runPage(database: db, runID: runID)
            try run.writeReport(runID: runID, to: path, force: force)
            // Standard output stays one JSON object under --json.
            if json { printError("report: \(path)") } else { print("report: \(path)") }
        }
    }
}

/// A seed on the command line: a whole number that fits the database's signed 64-bit integers.
struct SeedArgument: ExpressibleByArgument, CustomStringConvertible {
    var value: UInt64

    init(_ value: UInt64) { self.value = value }

    init?(argument: String) {
        guard let value = UInt64(argument), value <= UInt64(Int64.max) else { return nil }
        self.value = value
    }

    /// The option's parser: says what is wrong with a seed instead of
    /// "Missing value" (a leading `-` would otherwise read as an option).
    static func parse(_ text: String) throws -> SeedArgument {
        if let seed = SeedArgument(argument: text) { return seed }
        if text.hasPrefix("-") { throw ValidationError("a seed cannot be negative; expected a whole number from 0 to \(Int64.max)") }
        throw ValidationError("expected a whole number from 0 to \(Int64.max)")
    }

    /// Shown as the default in `--help`: `1`, not `SeedArgument(value: 1)`.
    var description: String { String(value) }
    var defaultValueDescription: String { description }

    static var defaultCompletionKind: CompletionKind { .default }
}
