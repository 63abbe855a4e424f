import ArgumentParser
import Foundation
import ResultStore

/// `hasim merge OUT IN...`: the shards of a sweep (or any result databases) into one.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine result databases, e.g. the shards of a sweep, into one.",
        discussion: """
            Keeps one copy of a run stored twice. Refuses (exit 2, output unchanged) an input that \
            `run --db` would refuse (not hasim's, a newer schema, a missing table or column, failing \
            SQLite's quick_check), and inputs holding different sweeps, or runs of different tool \
            versions, under one sweep hash. Runs of the same scenario file, seed, parameters and tool \
            version with different digests are a determinism failure: reported, nothing merged, exit 1. \
            All is written in one transaction; a new output is built under a temporary name beside it \
            and renamed at the end, so a failed merge leaves no file.
            """)

    @Argument(help: "The database to merge into (created if missing).")
    var output: String

    @Argument(help: "The databases to merge from.")
    var inputs: [String]

    func validate() throws {
        guard !inputs.isEmpty else { throw ValidationError("give at least one input database") }
    }

    func run() throws {
        let outputPath = URL(fileURLWithPath: output).standardizedFileURL.path
        for input in inputs {
            guard FileManager.default.fileExists(atPath: input) else {
                printError("error: \(input): no such file; expected a results database")
                throw ExitCodes.invalidInput
            }
            guard URL(fileURLWithPath: input).standardizedFileURL.path != outputPath else {
                printError("error: \(input) is the output; expected inputs other than \(output)")
                throw ExitCodes.invalidInput
            }
        }
        do {
            try ResultMerge.checkInputs(inputs)
        } catch {
            printError("error: \(error)")
            throw ExitCodes.invalidInput
        }
        let summary: ResultMerge.Summary
        if FileManager.default.fileExists(atPath: output) {
            summary = try merge(into: SweepCommand.open(output))
        } else {
            summary = try mergeIntoNewFile()
        }
        print("merged \(counted(inputs.count, "database")) into \(output): \(counted(summary.runsCopied, "run")) copied, \(summary.duplicatesSkipped) already present")
    }

    /// Merges in one transaction: on any failure the output is as it was.
    func merge(into database: ResultDatabase) throws -> ResultMerge.Summary {
        do {
            return try ResultMerge.merge(into: database, from: inputs)
        } catch let refusal as ResultMerge.Refusal {
            printError("error: \(refusal)")
            throw ExitCodes.invalidInput
        } catch let failure as ResultMerge.DeterminismFailure {
            printError("error: \(failure)")
            throw ExitCodes.expectationFailed
        } catch {
            printError("error: cannot merge into \(output): \(error)")
            throw ExitCodes.storeFailed
        }
    }

    /// A new output is built as a hidden file in its folder and renamed to
    /// its name only once merged and closed (rename within one file system
    /// is atomic, POSIX rename(2)); on failure the file is removed.
    func mergeIntoNewFile() throws -> ResultMerge.Summary {
        let target = URL(fileURLWithPath: output)
        let building = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).merging-\(ProcessInfo.processInfo.processIdentifier)").path
        let leftovers = [building, building + "-wal", building + "-shm", building + "-journal"]
        var database: ResultDatabase?
        var renamed = false
        defer {
            if !renamed {
                // Closed first, so that SQLite writes nothing after the files are gone.
                try? database?.close()
                for path in leftovers { try? FileManager.default.removeItem(atPath: path) }
            }
        }
        let opened = try SweepCommand.storing(path: output) {
            try FileManager.default.createDirectory(atPath: target.deletingLastPathComponent().path, withIntermediateDirectories: true)
            return try ResultDatabase(path: building)
        }
        database = opened
        let summary = try merge(into: opened)
        try SweepCommand.storing(path: output) {
            // Closing checkpoints the WAL into the file and removes it.
            try opened.close()
            try FileManager.default.moveItem(atPath: building, toPath: output)
            renamed = true
        }
        return summary
    }
}
