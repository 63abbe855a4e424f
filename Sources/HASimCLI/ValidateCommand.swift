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

    @OptionGroup var budget: RunBudget

    func run() throws {
        var invalid = false
        for path in scenarios {
            do {
                let loaded = try ScenarioLoader.load(path: path)
                do {
                    try budget.check(loaded)
                } catch {
                    invalid = true
                    continue
                }
                let scenario = loaded.scenario
                let topology = scenario.topology
                print("ok \(path): \(scenario.name), \(counted(topology.masterCount, "master")) and \(counted(topology.workerCount, "worker")) over \(counted(topology.zones.count, "zone")), \(counted(scenario.faults.count, "fault")), \(counted(scenario.expectations.count, "expectation")); \(WorkEstimate.describe(WorkEstimate.events(scenario)))")
            } catch {
                printError("error: \(error)")
                invalid = true
            }
        }
        if invalid { throw ExitCodes.invalidInput }
    }
}
