import Foundation
import ResultStore
import ScenarioFile
import Simulation

/// One scenario run from the command line: load, simulate, and store. The
/// database is opened only after the simulation succeeded, so invalid input
/// never creates or touches it.
struct ScenarioRun {
    var loaded: ScenarioLoader.Loaded
    var seed: UInt64?
    var result: RunResult
    var wallSeconds: Double

    /// Loads and simulates `path`; prints the scenario error and throws the
    /// invalid-input exit code when the file is wrong.
    static func execute(path: String, seed: UInt64?, overrides: [ScenarioOverride] = []) throws -> ScenarioRun {
        let loaded = try load(path: path, overrides: overrides)
        let clock = ContinuousClock()
        let started = clock.now
        let result = simulate(loaded.scenario, seed: seed)
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

    /// Writes the run to the database at `path`, creating its folder; returns the run id.
    func store(at path: String) throws -> Int64 {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            let reason = ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError)?.localizedDescription ?? error.localizedDescription
            printError("error: cannot write results to \(path): cannot create the folder \(folder): \(reason)")
            throw ExitCodes.storeFailed
        }
        do {
            let database = try ResultDatabase(path: path)
            return try database.write(result, provenance: provenance)
        } catch {
            printError("error: cannot write results to \(path): \(error)")
            throw ExitCodes.storeFailed
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
