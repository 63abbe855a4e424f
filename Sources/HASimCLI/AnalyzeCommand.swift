import ArgumentParser
import Foundation
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
            informational) unless --fail-on names a warning code a scenario has (then 1), 2 when a scenario \
            is invalid (every file is still analysed). Warning codes: \(FailureTolerance.Warning.codes.joined(separator: ", ")) \
            (docs/CI-GATES.md).
            """)

    @Argument(help: "Scenario files (YAML).")
    var scenarios: [String]

    @OptionGroup var overrideOptions: OverrideOptions

    @Flag(help: "Print one JSON object per scenario (an array when several files are given).")
    var json = false

    @Option(name: .customLong("fail-on"), help: ArgumentHelp(
        "Exit 1 when a scenario has a warning with one of these codes, e.g. no-zone-loss-tolerated,even-members; repeatable.", valueName: "codes"))
    var failOn: [String] = []

    /// `--fail-on a,b --fail-on c`: the codes, each one known.
    func validate() throws {
        for code in failCodes where !FailureTolerance.Warning.codes.contains(code) {
            let near = NearestName.suggestion(for: code, among: FailureTolerance.Warning.codes).map { "did you mean \($0)? " } ?? ""
            throw ValidationError("--fail-on: unknown warning code \"\(code)\"; \(near)expected one of \(FailureTolerance.Warning.codes.joined(separator: ", "))")
        }
    }

    var failCodes: [String] {
        failOn.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
    }

    func run() throws {
        let overrides = try overrideOptions.overrides()
        var invalid = false
        var reports: [ToleranceReport] = []
        for path in scenarios {
            do {
                let loaded = try ScenarioLoader.load(path: path, overrides: overrides)
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
        let codes = Set(failCodes)
        let hits = reports.flatMap { report in report.tolerance.warnings.filter { codes.contains($0.code) }.map { "\(report.scenarioPath): \($0.code)" } }
        if !hits.isEmpty {
            printError("error: --fail-on: " + hits.joined(separator: "; "))
            throw ExitCodes.expectationFailed
        }
    }
}
