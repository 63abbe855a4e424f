import Foundation
import ResultStore

/// The results database named by `--db`, opened, checked and migrated before
/// anything is simulated, so a bad path or a foreign database fails at once
/// (exit 3) instead of after a long run.
struct ResultsFile {
    let path: String
    let database: ResultDatabase

    /// Opens the database, creating its folder; prints the reason and throws
    /// the store exit code when it cannot be used.
    static func open(_ path: String) throws -> ResultsFile {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if !path.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                let reason = ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError)?.localizedDescription ?? error.localizedDescription
                printError("error: cannot write results to \(path): cannot create the folder \(folder): \(reason)")
                throw ExitCodes.storeFailed
            }
        }
        do {
            return ResultsFile(path: path, database: try ResultDatabase(path: path))
        } catch {
            printError("error: \(error)")
            throw ExitCodes.storeFailed
        }
    }

    /// Writes one run in its own transaction; returns its id.
    func store(_ run: ScenarioRun) throws -> Int64 {
        do {
            return try database.write(run.result, provenance: run.provenance)
        } catch {
            printError("error: cannot write results to \(path): \(error)")
            throw ExitCodes.storeFailed
        }
    }
}
