import ArgumentParser
import ScenarioFile
import Simulation

/// `hasim check SCENARIO...`: run each scenario and judge its expectations.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run scenarios and check their expectations.",
        discussion: "Exits 1 when an expectation fails, 2 when a scenario is invalid (every file is still checked).")

    @Argument(help: "Scenario files (YAML).")
    var scenarios: [String]

    @OptionGroup var overrideOptions: OverrideOptions

    @Option(help: "Root seed for every run; overrides each scenario's seed.")
    var seed: SeedArgument?

    @Option(help: "Also store the runs in this SQLite database (not stored by default).")
    var db: String?

    func run() throws {
        var invalid = false
        var failed = false
        let overrides = try overrideOptions.overrides()
        for path in scenarios {
            let run: ScenarioRun
            do {
                run = try ScenarioRun.execute(path: path, seed: seed?.value, overrides: overrides)
            } catch let code as ExitCode where code.rawValue == ExitCodes.invalidInput.rawValue {
                invalid = true
                continue
            }
            let runID = try db.map { try run.store(at: $0) }
            let passed = run.result.allExpectationsPassed
            failed = failed || !passed
            let header = "\(passed ? "PASS" : "FAIL") \(path) (\(run.result.scenarioName), seed \(run.result.seed), digest \(hex16(run.result.digest)))"
            print(([header] + RunReport(run: run, runID: runID, database: db).expectationLines()).joined(separator: "\n"))
        }
        if invalid { throw ExitCodes.invalidInput }
        if failed { throw ExitCodes.expectationFailed }
    }
}
