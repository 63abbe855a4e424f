import ArgumentParser
import ScenarioFile

/// `--set KEY.PATH=VALUE`, repeatable: changes the scenario before it is
/// validated, through the same mechanism as a sweep's `vary:`.
struct OverrideOptions: ParsableArguments {
    @Option(name: .customLong("set"), help: ArgumentHelp(
        "Override a scenario key before validation, e.g. --set topology.etcd.electionTimeout=2s or --set 'topology.masters={a: 2, b: 2, c: 1}'; repeatable.",
        valueName: "KEY.PATH=VALUE"))
    var assignments: [String] = []

    @Flag(name: .customLong("no-fast-forward"), help: ArgumentHelp(
        "Simulate every event of the span, skipping no quiet time; the results agree in distribution (docs/FAST-FORWARD.md). The same as --set fastForward=false."))
    var noFastForward = false

    /// The overrides, or the located error printed and the invalid-input exit code.
    func overrides() throws -> [ScenarioOverride] {
        do {
            let arguments = assignments + (noFastForward ? ["fastForward=false"] : [])
            return try arguments.map { argument throws(ScenarioError) in try ScenarioOverride.commandLine(argument) }
        } catch {
            printError("error: \(error)")
            throw ExitCodes.invalidInput
        }
    }
}
