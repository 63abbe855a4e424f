import SimKernel

/// One condition's downtime per occurrence of a one-off scenario (each run
/// one occurrence of its faults and operations; `DowntimeFigures`): the
/// seconds each run spent failing, their mean with a 95 % interval
/// (`MeanInterval`, Student's t, clamped at zero), nearest-rank median, p99
/// and max, and each mechanism's mean seconds (runs without it count zero),
/// largest first. Every run counts, with or without downtime.
public struct OccurrenceDowntime: Hashable, Sendable {
    public struct Mechanism: Hashable, Sendable {
        public var mechanism: String
        public var seconds: Double
    }

    public var condition: DowntimeCondition
    public var seconds: MeanInterval
    public var median: Double
    public var p99: Double
    public var max: Double
    public var mechanisms: [Mechanism]

    /// nil when there are no runs.
    public init?(_ condition: DowntimeCondition, runs: [YearlyDowntime.Run]) {
        guard !runs.isEmpty else { return nil }
        let samples = DowntimeSamples(condition, runs: runs) { _ in 1 }
        let sorted = samples.perRun.sorted()
        func quantile(_ q: Double) -> Double { sorted[Swift.max(0, Int((q * Double(sorted.count)).rounded(.up)) - 1)] }
        self.condition = condition
        seconds = MeanInterval(samples: samples.perRun)!.clampedAtZero
        median = quantile(0.5)
        p99 = quantile(0.99)
        max = sorted.last!
        mechanisms = samples.mechanismMeans.map { Mechanism(mechanism: $0.name, seconds: $0.mean) }
    }
}

/// A condition's downtime seconds per run, each multiplied by a factor of
/// its run (1 for seconds per occurrence; a year over its duration, in
/// minutes, for minutes a year), and the mean of each mechanism's share,
/// largest first. Summed in run order and mechanisms in order of first
/// appearance: the same runs, the same bits.
struct DowntimeSamples {
    var perRun: [Double] = []
    var mechanismMeans: [(name: String, mean: Double)] = []
    /// The mean over the runs of the maintenance share (`Run.Condition.maintenanceSeconds`), scaled.
    var maintenanceMean = 0.0

    init(_ condition: DowntimeCondition, runs: [YearlyDowntime.Run], factor: (YearlyDowntime.Run) -> Double) {
        var names: [String] = []
        var byMechanism: [String: Double] = [:]
        for run in runs {
            let scale = factor(run)
            let failing = run.failing(condition)
            perRun.append((failing?.seconds ?? 0) * scale)
            maintenanceMean += (failing?.maintenanceSeconds ?? 0) * scale / Double(runs.count)
            for part in failing?.mechanisms ?? [] {
                if byMechanism[part.name] == nil {
                    names.append(part.name)
                    byMechanism[part.name] = 0
                }
                byMechanism[part.name]! += part.seconds * scale
            }
        }
        mechanismMeans = names.map { ($0, byMechanism[$0]! / Double(runs.count)) }
            .sorted { ($1.mean, $0.name) < ($0.mean, $1.name) }
    }
}
