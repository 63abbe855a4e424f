import ArgumentParser
import ScenarioFile
import Simulation

/// `hasim analyze SCENARIO...`: the static failure tolerance of each
/// scenario's etcd placement (one member per master, stacked), worked out
/// from the topology without running anything, and for a scenario with
/// exponential `failures:` the quorum availability they predict.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Show how many member and zone failures each scenario's etcd placement survives.",
        discussion: """
            Quorum is floor(n/2)+1 of the n members (etcd FAQ). Lists every single-zone and \
            zone-pair loss and warns about risky placements. With failures: entries whose \
            times are exponential, also the steady-state probability that a majority of etcd \
            members is up (k-of-n, and with zone failures) and minutes of quorum loss a year. Exits 0 (the analysis is \
            informational), 2 when a scenario is invalid (every file is still analysed).
            """)

    @Argument(help: "Scenario files (YAML).")
    var scenarios: [String]

    @Flag(help: "Print one JSON object per scenario (an array when several files are given).")
    var json = false

    func run() throws {
        var invalid = false
        var reports: [ToleranceReport] = []
        for path in scenarios {
            do {
                let loaded = try ScenarioLoader.load(path: path)
                let report = ToleranceReport(scenario: loaded.scenario, scenarioPath: path)
                if !json { print((reports.isEmpty ? "" : "\n") + report.text()) }
                reports.append(report)
            } catch {
                printError("error: \(error)")
                invalid = true
            }
        }
        if json {
            if scenarios.count == 1, let only = reports.first {
                print(try ToleranceReport.json(only))
            } else if scenarios.count > 1 {
                print(try ToleranceReport.json(reports))
            }
        }
        if invalid { throw ExitCodes.invalidInput }
    }
}
