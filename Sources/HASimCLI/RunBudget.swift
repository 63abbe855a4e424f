import ArgumentParser
import ScenarioFile
import Simulation

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

    /// The bounds the run is held to once it starts: none with `--allow-long`;
    /// otherwise `WorkEstimate.eventLimit` of its estimate and the default
    /// memory ceiling (docs/RELIABILITY.md, "Work and memory").
    func limits(_ scenario: Scenario) -> RunLimits {
        allowLong ? .unlimited : RunLimits(events: WorkEstimate.eventLimit(scenario))
    }

    /// Why a run was stopped by its limits, as printed: what to do about it.
    static func stoppedMessage(_ stopped: RunStopped) -> String {
        "\(stopped) (the limit is ten times the estimate); pass --allow-long to let it run"
    }

    /// Why `loaded` may not run, or nil when it may.
    func problem(_ loaded: ScenarioLoader.Loaded) -> String? {
        let events = WorkEstimate.events(loaded.scenario)
        guard events > WorkEstimate.budget, !allowLong else { return nil }
        return "this run would dispatch \(WorkEstimate.describe(events)), above the budget of \(WorkEstimate.scientific(WorkEstimate.budget)); shorten the duration or lower the rates, or pass --allow-long"
    }

    /// Why a sweep may not run, or nil: a point whose runs are over the
    /// budget (as `run` would refuse it), or this process's runs together
    /// over `WorkEstimate.sweepBudget`.
    func problem(_ definition: SweepDefinition, runs: [SweepRunner.Work]) -> String? {
        guard !allowLong else { return nil }
        for point in definition.points {
            let events = WorkEstimate.events(point.scenario)
            guard events > WorkEstimate.budget else { continue }
            let label = point.label.isEmpty ? "" : " (\(point.label))"
            return "sweep point \(point.index)\(label): each run would dispatch \(WorkEstimate.describe(events)), above the budget of \(WorkEstimate.scientific(WorkEstimate.budget)); shorten the duration or lower the rates, or pass --allow-long"
        }
        var perPoint: [Int: Double] = [:]
        var total = 0.0
        for run in runs {
            let events = perPoint[run.point.index] ?? WorkEstimate.events(run.point.scenario)
            perPoint[run.point.index] = events
            total += events
        }
        guard total > WorkEstimate.sweepBudget else { return nil }
        return "the sweep's \(runs.count) runs would dispatch \(WorkEstimate.describe(total)) in all, above the sweep budget of \(WorkEstimate.scientific(WorkEstimate.sweepBudget)); use fewer seeds or points, split it with --shard, or pass --allow-long"
    }
}
