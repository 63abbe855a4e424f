import ArgumentParser
import Foundation
import ResultStore
import ScenarioFile

/// What the report commands share: opening a database to read, one-line
/// errors with the project's exit codes, the scenario's description, and
/// writing the page.
enum ReportSource {
    /// Prints `error: <message>` and gives the invalid-input exit code.
    static func invalid(_ message: String) -> ExitCode {
        printError("error: \(message)")
        return ExitCodes.invalidInput
    }

    /// Opens an existing database read-only; a missing file is an error, never
    /// an empty database created on the way.
    static func open(_ path: String) throws -> ResultReader {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else {
            throw invalid("no results database at \(path)")
        }
        return try attempt({ try ResultReader(path: path) }, database: path)
    }

    /// Runs a read, turning a database failure (not SQLite, a damaged file)
    /// into one line instead of a stack of GRDB's words.
    static func attempt<T>(_ read: () throws -> T, database path: String) throws -> T {
        do {
            return try read()
        } catch {
            throw invalid("cannot read \(path) as a results database: \(error)")
        }
    }

    /// The scenario's description, read from its file if that file still
    /// has the bytes that ran (same SHA-256): the database does not keep
    /// descriptions, and a changed file may describe something else.
    static func description(of run: StoredRun) -> String? {
        guard let contents = FileManager.default.contents(atPath: run.scenarioPath),
            SHA256.hex(contents) == run.scenarioSHA256,
            let loaded = try? ScenarioLoader.load(path: run.scenarioPath)
        else { return nil }
        return loaded.scenario.description
    }

    /// A name made safe as a file name: letters, digits, `-`, `_` and `.` kept,
    /// anything else (a `/`, a space) turned into `-`.
    static func fileName(_ name: String) -> String {
        let safe = String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) ? $0 : "-" })
        return safe.isEmpty || safe.allSatisfy({ $0 == "." }) ? "sweep" : safe
    }

    /// `name` in the database's folder.
    static func besideDatabase(_ database: String, name: String) -> String {
        let folder = (database as NSString).deletingLastPathComponent
        return folder.isEmpty ? name : (folder as NSString).appendingPathComponent(name)
    }

    /// The default page of a stored run, beside its database and named after
    /// it: `Results/hasim-run-1.html` for run 1 of `Results/hasim.sqlite`.
    /// Two databases in one folder both have a run 1; their pages must not
    /// share a file.
    static func runPage(database: String, runID: Int64) -> String {
        besideDatabase(database, name: "\(databaseStem(database))-run-\(runID).html")
    }

    /// The default page of a stored sweep: `Results/hasim-sweep-<name>.html`.
    static func sweepPage(database: String, sweep: String) -> String {
        besideDatabase(database, name: "\(databaseStem(database))-sweep-\(fileName(sweep)).html")
    }

    /// The database's file name without its extension, safe as a file name.
    static func databaseStem(_ database: String) -> String {
        let file = ((database as NSString).lastPathComponent as NSString).deletingPathExtension
        return fileName(file.isEmpty ? "results" : file)
    }

    /// Writes the page, creating its folder; a failure is one line and exit 3.
    /// An existing file that holds anything else (another run's page, a file
    /// of the user's) is replaced only with `force`: without it the command
    /// stops with exit 2 and says so, rather than overwrite silently. The same
    /// bytes again are no loss, so writing a page twice needs no `force`.
    static func write(_ html: String, to path: String, force: Bool) throws {
        let bytes = Data(html.utf8)
        if !force, FileManager.default.fileExists(atPath: path), FileManager.default.contents(atPath: path) != bytes {
            throw invalid("\(path) exists and holds something else; pass --force to replace it, or write elsewhere")
        }
        do {
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            try bytes.write(to: URL(fileURLWithPath: path))
        } catch {
            let reason = ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError)?.localizedDescription ?? error.localizedDescription
            printError("error: cannot write the report to \(path): \(reason)")
            throw ExitCodes.storeFailed
        }
    }
}
