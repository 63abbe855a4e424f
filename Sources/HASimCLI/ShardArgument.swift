import ArgumentParser
import Foundation

/// `--shard I/N`: this process runs the sweep's runs whose position k (point
/// by point, seed by seed) has k mod N = I. `job-index/N` reads I from
/// `JOB_COMPLETION_INDEX`, which a Kubernetes Indexed Job sets in each pod.
struct ShardArgument: ExpressibleByArgument {
    static let jobIndexWord = "job-index"
    static let jobIndexVariable = "JOB_COMPLETION_INDEX"

    var index: Int
    var count: Int
    /// `I/N` as written, for the resume hint.
    var text: String

    init?(argument: String) {
        let parts = argument.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let count = Int(parts[1]), count >= 1 else { return nil }
        let indexText = parts[0] == Self.jobIndexWord
            ? (ProcessInfo.processInfo.environment[Self.jobIndexVariable] ?? "") : String(parts[0])
        guard let index = Int(indexText), (0..<count).contains(index) else { return nil }
        self.index = index
        self.count = count
        text = argument
    }

    func contains(_ position: Int) -> Bool { position % count == index }

    static var defaultCompletionKind: CompletionKind { .default }
}
