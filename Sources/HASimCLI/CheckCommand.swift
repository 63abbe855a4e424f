import ArgumentParser
import Foundation
import ScenarioFile
import Simulation

/// `hasim check SCENARIO...`: run each scenario and judge its expectations.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run scenarios and check their expectations.",
        discussion: """
            Exits 1 when an expectation fails, 2 when a scenario is invalid (every file is still checked). \
            --junit writes one test case per scenario and expectation, for CI systems.
            """)

    @Argument(help: "Scenario files (YAML).")
    var scenarios: [String]

    @OptionGroup var overrideOptions: OverrideOptions

    @Option(parsing: .unconditional, help: "Root seed for every run; overrides each scenario's seed.", transform: SeedArgument.parse)
    var seed: SeedArgument?

    @Option(help: "Also store the runs in this SQLite database (not stored by default).")
    var db: String?

    @Flag(help: "Print a JSON array with one object per scenario instead of the summary.")
    var json = false

    @Option(help: ArgumentHelp("Also write a JUnit XML report to this file.", valueName: "file"))
    var junit: String?

    @Option(name: .customLong("report"), help: ArgumentHelp("Also write each run's HTML report into this folder and print its path.", valueName: "dir"))
    var reportFolder: String?

    @Flag(help: "With --report: replace report files that hold something else.")
    var force = false

    @OptionGroup var budget: RunBudget

    func run() throws {
        // Opened first: a bad --db fails before any scenario is simulated.
        let results = try db.map { path throws in try ResultsFile.open(path) }
        var outcomes: [CheckOutcome] = []
        let overrides = try overrideOptions.overrides()
        let reportNames = CheckReportNames.names(for: scenarios)
        for path in scenarios {
            let loaded: ScenarioLoader.Loaded
            do {
                loaded = try ScenarioLoader.load(path: path, overrides: overrides)
            } catch {
                printError("error: \(error)")
                outcomes.append(.invalid(path: path, error: error))
                continue
            }
            if let problem = budget.problem(loaded) {
                let error = ScenarioError(file: path, line: 1, column: 1, keyPath: "", message: problem)
                printError("error: \(path): \(problem)")
                outcomes.append(.invalid(path: path, error: error))
                continue
            }
            let run: ScenarioRun
            do {
                run = try ScenarioRun.execute(loaded, seed: seed?.value, limits: budget.limits(loaded.scenario))
            } catch {
                let problem = RunBudget.stoppedMessage(error)
                printError("error: \(path): \(problem)")
                outcomes.append(.invalid(path: path, error: ScenarioError(file: path, line: 1, column: 1, keyPath: "", message: problem)))
                continue
            }
            let runID = try results.map { try $0.store(run) }
            let report = RunReport(run: run, runID: runID, database: db)
            outcomes.append(.ran(report))
            if !json {
                let result = run.result
                let header = "\(result.allExpectationsPassed ? "PASS" : "FAIL") \(path) (\(result.scenarioName), seed \(result.seed), digest \(hex16(result.digest)))"
                print(([header] + report.expectationLines()).joined(separator: "\n"))
            }
            if let reportFolder {
                let page = (reportFolder as NSString).appendingPathComponent("\(reportNames[path] ?? "report")-seed\(run.result.seed).html")
                try run.writeReport(runID: runID, to: page, force: force)
                if !json { print("report: \(page)") } else { printError("report: \(page)") }
            }
        }
        if json { print(try CheckOutcome.json(outcomes)) }
        if let junit { try JUnitReport.write(outcomes, to: junit) }
        if outcomes.contains(where: \.isInvalid) { throw ExitCodes.invalidInput }
        if outcomes.contains(where: \.failed) { throw ExitCodes.expectationFailed }
    }
}

/// What `check` found for one file: a judged run, or the file's error.
enum CheckOutcome {
    case ran(RunReport)
    case invalid(path: String, error: ScenarioError)

    var isInvalid: Bool {
        if case .invalid = self { return true }
        return false
    }

    var failed: Bool {
        if case .ran(let report) = self { return !report.result.allExpectationsPassed }
        return false
    }

    /// `--json`: an array in the order of the files; an invalid file is
    /// `{scenarioPath, passed: false, error: {...}}`.
    static func json(_ outcomes: [CheckOutcome]) throws -> String {
        struct Invalid: Encodable {
            var scenarioPath: String
            var passed = false
            var error: ScenarioErrorJSON
        }
        var items: [String] = []
        for outcome in outcomes {
            switch outcome {
            case .ran(let report): items.append(try report.json())
            case .invalid(let path, let error):
                items.append(try JSONText.encode(Invalid(scenarioPath: path, error: ScenarioErrorJSON(error))))
            }
        }
        return items.isEmpty ? "[]" : "[\n" + items.joined(separator: ",\n") + "\n]"
    }
}
