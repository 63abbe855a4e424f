import ArgumentParser
import ScenarioFile

/// `--allow-long` and the check behind it: a scenario whose estimated work
/// exceeds `WorkEstimate.budget` is refused before it runs (exit 2), with the
/// estimate, unless the user says the long run is meant.
struct RunBudget: ParsableArguments {
    @Flag(help: "Run even when the estimated work is above the budget (about ten minutes).")
    var allowLong = false

    /// Prints why and throws the invalid-input exit code when `loaded` is over budget.
    func check(_ loaded: ScenarioLoader.Loaded) throws {
        guard let problem = problem(loaded) else { return }
        printError("error: \(loaded.path): \(problem)")
        throw ExitCodes.invalidInput
    }

    /// Why `loaded` may not run, or nil when it may.
    func problem(_ loaded: ScenarioLoader.Loaded) -> String? {
        let events = WorkEstimate.events(loaded.scenario)
        guard events > WorkEstimate.budget, !allowLong else { return nil }
        return "this run would dispatch \(WorkEstimate.describe(events)), above the budget of \(WorkEstimate.scientific(WorkEstimate.budget)); shorten the duration or lower the rates, or pass --allow-long"
    }
}
