import SimKernel

/// One condition's downtime over many runs, as minutes a year: each run's
/// downtime seconds scaled from its duration to 365 days, averaged over the
/// runs with a 95 % interval (`MeanInterval`, Student's t, clamped at zero);
/// the availability's "nines" with the interval carried over; and the mean
/// minutes a year of each mechanism (runs without it count zero), largest
/// first. Every run counts, with or without downtime.
public struct YearlyDowntime: Hashable, Sendable {
    public struct Mechanism: Hashable, Sendable {
        public var mechanism: String
        public var minutesPerYear: Double
    }

    /// What one run contributes: its simulated span and its intervals.
    public struct Run: Sendable {
        public var duration: SimDuration
        public var downtime: [DowntimeInterval]

        public init(duration: SimDuration, downtime: [DowntimeInterval]) {
            self.duration = duration
            self.downtime = downtime
        }
    }

    public static let minutesPerYear = 365.0 * 24 * 60

    public var condition: DowntimeCondition
    public var minutes: MeanInterval
    public var mechanisms: [Mechanism]

    /// nil when there are no runs, or a run of zero length.
    public init?(_ condition: DowntimeCondition, runs: [Run]) {
        guard !runs.isEmpty, runs.allSatisfy({ $0.duration > .zero }) else { return nil }
        var perRun: [Double] = []
        var names: [String] = []
        var byMechanism: [String: Double] = [:]
        for run in runs {
            let scale = Self.minutesPerYear / run.duration.seconds
            let breakdown = DowntimeBreakdown.of(run.downtime).first { $0.condition == condition }
            perRun.append((breakdown?.seconds ?? 0) * scale)
            var seconds: [String: Double] = [:]
            for part in breakdown?.parts ?? [] {
                if byMechanism[part.mechanism] == nil {
                    names.append(part.mechanism)
                    byMechanism[part.mechanism] = 0
                }
                seconds[part.mechanism, default: 0] += part.seconds
            }
            // Added in the order of first appearance: the same runs, the same bits.
            for name in names where seconds[name] != nil { byMechanism[name]! += seconds[name]! * scale }
        }
        self.condition = condition
        minutes = MeanInterval(samples: perRun)!.clampedAtZero
        mechanisms = names.map { Mechanism(mechanism: $0, minutesPerYear: byMechanism[$0]! / Double(runs.count)) }
            .sorted { ($1.minutesPerYear, $0.mechanism) < ($0.minutesPerYear, $1.mechanism) }
    }

    /// The mean availability's nines, and the interval's ends carried over
    /// (-log10 is decreasing: more downtime, fewer nines). Infinite for no
    /// downtime.
    public var nines: (value: Double, low: Double, high: Double) {
        (Simulation.nines(unavailability: minutes.mean / Self.minutesPerYear),
         Simulation.nines(unavailability: minutes.high / Self.minutesPerYear),
         Simulation.nines(unavailability: minutes.low / Self.minutesPerYear))
    }
}

extension DowntimeCondition {
    /// The conditions a scenario can fail: the outside probe only with an
    /// outside client, workloads only with workloads.
    public static func applicable(to scenario: Scenario) -> [DowntimeCondition] {
        allCases.filter {
            switch $0 {
            case .apiExternal: return scenario.topology.access.externalClientRate > 0
            case .workloads: return !scenario.workloads.isEmpty
            case .externalIP, .etcdQuorum: return true
            }
        }
    }
}
