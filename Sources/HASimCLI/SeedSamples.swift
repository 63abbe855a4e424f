import ResultStore
import SimKernel
import Simulation

/// What `seeds` keeps of each run for its summaries, by seed. Every summary
/// is computed over the runs in seed order, whatever order they finished in
/// (threads) or came from (the database, for `--resume`): floating-point
/// sums depend on their order, and the same seeds must give the same bytes
/// for any `--jobs`.
struct SeedSamples {
    /// The metrics summarised, in the order given.
    let names: [String]
    let firstSeed: UInt64
    /// Run `i` is seed `firstSeed + i`; nil until it is added.
    private(set) var runs: [Sample?]

    struct Sample {
        /// Each metric of `names`; nil where the run did not define it.
        var values: [Double?]
        var allExpectationsPassed: Bool
        var downtime: YearlyDowntime.Run
        /// Bytes sent between zones; nil for a stored run from before the count.
        var crossZoneBytes: Double?
    }

    /// The SLOs each run's windows are kept for.
    let objectives: [ServiceLevelObjective]

    init(names: [String], firstSeed: UInt64, count: Int, objectives: [ServiceLevelObjective]) {
        self.names = names
        self.objectives = objectives
        self.firstSeed = firstSeed
        runs = Array(repeating: nil, count: count)
    }

    func has(_ seed: UInt64) -> Bool { runs[Int(seed - firstSeed)] != nil }

    mutating func add(seed: UInt64, result: RunResult) {
        runs[Int(seed - firstSeed)] = Sample(
            values: names.map { result.metric($0) }, allExpectationsPassed: result.allExpectationsPassed,
            downtime: YearlyDowntime.Run(duration: result.duration, downtime: result.downtime, objectives: objectives),
            crossZoneBytes: Double(result.traffic.totalBytes))
    }

    mutating func add(_ stored: StoredSeedRun) {
        runs[Int(stored.seed - firstSeed)] = Sample(
            values: stored.metrics, allExpectationsPassed: stored.allExpectationsPassed, downtime: stored.downtime,
            crossZoneBytes: stored.crossZoneBytes.map(Double.init))
    }

    private var added: [Sample] { runs.compactMap { $0 } }

    var failedRuns: Int { added.count { !$0.allExpectationsPassed } }

    /// One summary per metric defined (not NaN) in at least one run.
    var metricSummaries: [MetricSummary] {
        let added = self.added
        return names.indices.compactMap { index in
            MetricSummary(name: names[index], samples: added.compactMap { $0.values[index] }.filter { !$0.isNaN })
        }
    }

    /// Each run's downtime, in seed order, for the downtime figures.
    var downtimeRuns: [YearlyDowntime.Run] { added.map(\.downtime) }

    /// The mean bytes sent between zones a run, in seed order; nil when a
    /// run has no count (stored before it was kept).
    var meanCrossZoneBytes: Double? {
        let counts = added.map(\.crossZoneBytes)
        guard !counts.isEmpty, !counts.contains(where: { $0 == nil }) else { return nil }
        return counts.reduce(0) { $0 + $1! } / Double(counts.count)
    }

    /// The seed of each of `downtimeRuns`.
    var addedSeeds: [UInt64] { runs.indices.filter { runs[$0] != nil }.map { firstSeed + UInt64($0) } }
}
