import ArgumentParser
import ScenarioFile

/// `hasim validate SCENARIO...`: read and check scenario files without running them.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check scenario files for mistakes without running them.",
        discussion: "Prints each error with its file, line, column and key path; exits 2 if any file is invalid.")

    @Argument(help: "Scenario files (YAML).")
    var scenarios: [String]

    func run() throws {
        var invalid = false
        for path in scenarios {
            do {
                let loaded = try ScenarioLoader.load(path: path)
                let scenario = loaded.scenario
                print("ok \(path): \(scenario.name), \(scenario.topology.masterCount) masters and \(scenario.topology.workerCount) workers over \(scenario.topology.zones.count) zones, \(scenario.faults.count) faults, \(scenario.expectations.count) expectations")
            } catch {
                printError("error: \(error)")
                invalid = true
            }
        }
        if invalid { throw ExitCodes.invalidInput }
    }
}
