import ArgumentParser
import Foundation
import ResultStore

/// `hasim merge OUT IN...`: the shards of a sweep (or any result databases) into one.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine result databases, e.g. the shards of a sweep, into one.",
        discussion: """
            Keeps one copy of a run stored twice; refuses (exit 2, output unchanged) inputs holding \
            different sweeps, or runs of different tool versions, under one sweep hash. All is written \
            in one transaction.
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
        let database = try SweepCommand.open(output)
        let summary: ResultMerge.Summary
        do {
            summary = try ResultMerge.merge(into: database, from: inputs)
        } catch let refusal as ResultMerge.Refusal {
            printError("error: \(refusal)")
            throw ExitCodes.invalidInput
        } catch {
            printError("error: cannot merge into \(output): \(error)")
            throw ExitCodes.storeFailed
        }
        print("merged \(counted(inputs.count, "database")) into \(output): \(counted(summary.runsCopied, "run")) copied, \(summary.duplicatesSkipped) already present")
    }
}
