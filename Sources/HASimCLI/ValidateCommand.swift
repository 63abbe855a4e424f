import ArgumentParser
import ScenarioFile

/// `hasim validate SCENARIO...`: read and check scenario files without running them.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check scenario files for mistakes without running them.",
        discussion: """
            Prints every error of each file with its file, line, column and key path (sections that \
            depend on a broken one, such as faults on a broken topology, are judged once it is fixed); \
            exits 2 if any file is invalid.
            """)

    @Argument(help: "Scenario files (YAML).")
    var scenarios: [String]

    @Flag(help: "Print a JSON array with one object per file instead of text.")
    var json = false

    struct FileJSON: Encodable {
        var path: String
        var valid: Bool
        var scenario: String?
        var summary: String?
        var errors: [ScenarioErrorJSON]
    }

    @OptionGroup var budget: RunBudget

    func run() throws {
        var files: [FileJSON] = []
        for path in scenarios {
            do {
                let loaded = try ScenarioLoader.loadReportingAll(path: path)
                if let problem = budget.problem(loaded) {
                    let error = ScenarioError(file: path, line: 1, column: 1, keyPath: "", message: problem)
                    if !json { printError("error: \(path): \(problem)") }
                    files.append(FileJSON(path: path, valid: false, errors: [ScenarioErrorJSON(error)]))
                    continue
                }
                let scenario = loaded.scenario
                let topology = scenario.topology
                let summary = "\(scenario.name), \(counted(topology.masterCount, "master")) and \(counted(topology.workerCount, "worker")) over \(counted(topology.zones.count, "zone")), \(counted(scenario.faults.count, "fault")), \(counted(scenario.expectations.count, "expectation")); \(WorkEstimate.describe(WorkEstimate.events(scenario)))"
                if !json { print("ok \(path): \(summary)") }
                files.append(FileJSON(path: path, valid: true, scenario: scenario.name, summary: summary, errors: []))
            } catch {
                for each in error.all { printError("error: \(each)") }
                files.append(FileJSON(path: path, valid: false, errors: error.all.map(ScenarioErrorJSON.init)))
            }
        }
        if json { print(try JSONText.encode(files)) }
        if files.contains(where: { !$0.valid }) { throw ExitCodes.invalidInput }
    }
}
