import Foundation
import ResultStore
import ScenarioFile

/// `seeds --db` twice must not store every seed twice: a stored run of the
/// same scenario file (by SHA-256) and seed is refused unless `--again`.
enum StoredSeeds {
    static func refuseStored(_ seeds: [UInt64], of loaded: ScenarioLoader.Loaded, in path: String) throws {
        // A database that does not exist holds nothing; do not create it here.
        guard FileManager.default.fileExists(atPath: path) else { return }
        let stored: Set<UInt64>
        do {
            stored = try ResultDatabase(path: path).storedSeeds(scenarioSHA256: SHA256.hex(loaded.contents))
        } catch {
            printError("error: cannot read results from \(path): \(error)")
            throw ExitCodes.storeFailed
        }
        let repeated = seeds.filter(stored.contains)
        guard !repeated.isEmpty else { return }
        let shown = repeated.prefix(10).map(String.init).joined(separator: ", ") + (repeated.count > 10 ? ", ... (\(repeated.count) in all)" : "")
        printError("""
            error: \(path) already holds runs of \(loaded.path) (this exact file) with seed \(shown); \
            nothing was run or stored. Pass --resume to run only the seeds not stored, --again to store them again, \
            or --from \((seeds.last ?? 0) + 1) for new seeds.
            """)
        throw ExitCodes.invalidInput
    }

    /// The stored runs `seeds --resume` summarises instead of running: of
    /// this exact file, with the parameters this invocation gives each seed
    /// (its `--set` values), by this hasim version.
    static func resumable(_ seeds: [UInt64], of loaded: ScenarioLoader.Loaded, in results: ResultsFile, metrics: [String]) throws -> [StoredSeedRun] {
        guard let first = seeds.first, let last = seeds.last else { return [] }
        do {
            return try results.database.storedSeedRuns(
                scenarioSHA256: SHA256.hex(loaded.contents), toolVersion: ToolVersion.current, seeds: first...last,
                parameters: { ScenarioOverride.parametersJSON(seed: $0, overrides: loaded.overrides) }, metrics: metrics,
                objectives: loaded.scenario.serviceLevelObjectives)
        } catch {
            printError("error: cannot read results from \(results.path): \(error)")
            throw ExitCodes.storeFailed
        }
    }
}
