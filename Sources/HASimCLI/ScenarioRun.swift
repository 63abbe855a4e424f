import Foundation
import ResultStore
import ScenarioFile
import Simulation

/// One scenario run from the command line: load, simulate, and store. The
/// scenario is read first, so invalid input never creates or touches the
/// database; the database is opened next (`ResultsFile`), before simulating,
/// so a bad `--db` costs no simulation.
struct ScenarioRun {
    var loaded: ScenarioLoader.Loaded
    var seed: UInt64?
    var result: RunResult
    var wallSeconds: Double

    /// Simulates a loaded scenario within `limits`.
    static func execute(_ loaded: ScenarioLoader.Loaded, seed: UInt64?, limits: RunLimits) throws(RunStopped) -> ScenarioRun {
        let clock = ContinuousClock()
        let started = clock.now
        let progress = ProgressLine.forRun(of: loaded.scenario)
        defer { progress?.finish() }
        let result = try simulate(loaded.scenario, seed: seed, limits: limits, progress: progress.map { line in { line.update($0, $1) } })
        let elapsed = clock.now - started
        let wall = elapsed.wallSeconds
        return ScenarioRun(loaded: loaded, seed: seed, result: result, wallSeconds: wall)
    }

    /// Loads a scenario, or prints its error and throws the invalid-input exit code.
    static func load(path: String, overrides: [ScenarioOverride] = []) throws -> ScenarioLoader.Loaded {
        do {
            return try ScenarioLoader.load(path: path, overrides: overrides)
        } catch {
            printError("error: \(error)")
            throw ExitCodes.invalidInput
        }
    }

    var provenance: RunProvenance {
        let digest = SHA256.hex(loaded.contents)
        let parameters = ScenarioOverride.parametersJSON(seed: seed, overrides: loaded.overrides)
        let formatter = ISO8601DateFormatter()
        return RunProvenance(
            scenarioPath: loaded.path, scenarioSHA256: digest, parameters: parameters,
            toolVersion: ToolVersion.current, wallSeconds: wallSeconds, createdAt: formatter.string(from: Date()))
    }
}
