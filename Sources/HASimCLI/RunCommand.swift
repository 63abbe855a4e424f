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

    @Option(help: "Root seed of the run; overrides the scenario's seed.")
    var seed: SeedArgument?

    @Option(help: "SQLite database to store the run in.")
    var db: String = "Results/hasim.sqlite"

    @Flag(help: "Print one JSON object instead of the summary.")
    var json = false

    func run() throws {
        let run = try ScenarioRun.execute(path: scenario, seed: seed?.value, overrides: try overrideOptions.overrides())
        let runID = try run.store(at: db)
        if json {
            print(try RunReport(run: run, runID: runID, database: db).json())
        } else {
            print(RunReport(run: run, runID: runID, database: db).text())
        }
    }
}

/// A seed on the command line: a whole number that fits the database's signed 64-bit integers.
struct SeedArgument: ExpressibleByArgument {
    var value: UInt64

    init?(argument: String) {
        guard let value = UInt64(argument), value <= UInt64(Int64.max) else { return nil }
        self.value = value
    }

    static var defaultCompletionKind: CompletionKind { .default }
}
