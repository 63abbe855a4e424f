import ArgumentParser
import Foundation

/// The options `hasim sweep` and `hasim advise` share: where the runs are
/// stored, how many run at once, and which shard of them this process runs.
struct SweepRunOptions: ParsableArguments {
    @Option(help: "SQLite database to store the runs in (needed to resume, to shard, and for sweep --report-only).")
    var db: String?

    @Option(help: "Runs to simulate at once (threads); the results do not depend on it.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(
        help:
            "Run only shard I of N (runs whose position modulo N is I; for advise, of the current round); I may be job-index, read from JOB_COMPLETION_INDEX."
    )
    var shard: ShardArgument?

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }
}
