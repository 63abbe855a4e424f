import ArgumentParser
import ScenarioFile

/// `--set KEY.PATH=VALUE`, repeatable: changes the scenario before it is
/// validated, through the same mechanism as a sweep's `vary:`.
struct OverrideOptions: ParsableArguments {
    @Option(name: .customLong("set"), help: ArgumentHelp(
        "Override a scenario key before validation, e.g. --set topology.etcd.electionTimeout=2s or --set 'topology.masters={a: 2, b: 2, c: 1}'; repeatable.",
        valueName: "KEY.PATH=VALUE"))
    var assignments: [String] = []

    /// The overrides, or the located error printed and the invalid-input exit code.
    func overrides() throws -> [ScenarioOverride] {
        do {
            return try assignments.map { argument throws(ScenarioError) in try ScenarioOverride.commandLine(argument) }
        } catch {
            printError("error: \(error)")
            throw ExitCodes.invalidInput
        }
    }
}
