import SimKernel

/// One condition's downtime over many runs, as minutes a year: each run's
/// downtime seconds scaled from its duration to 365 days (or times a
/// one-off scenario's occurrences a year), averaged over the
/// runs with a 95 % interval (`MeanInterval`, Student's t, clamped at zero);
/// the availability's "nines" with the interval carried over; and the mean
/// minutes a year of each mechanism (runs without it count zero), largest
/// first. Every run counts, with or without downtime.
public struct YearlyDowntime: Hashable, Sendable {
    public struct Mechanism: Hashable, Sendable {
        public var mechanism: String
        public var minutesPerYear: Double
    }

    public static let minutesPerYear = 365.0 * 24 * 60

    public var condition: DowntimeCondition
    public var minutes: MeanInterval
    public var mechanisms: [Mechanism]
    /// The mean minutes a year of stretches that began while maintenance
    /// was in force (`maintenance[]`); the rest of `minutes` is failures,
    /// faults and one-off operations.
    public var maintenanceMinutes: Double

    /// nil when there are no runs, or a run of zero length. Each run's
    /// downtime is scaled from its duration to a year, or, for a one-off
    /// scenario the user says occurs `occurrencesPerYear` times a year,
    /// multiplied by that rate (`DowntimeFigures`).
    public init?(_ condition: DowntimeCondition, runs: [Run], occurrencesPerYear: Double? = nil) {
        guard !runs.isEmpty, runs.allSatisfy({ $0.duration > .zero }) else { return nil }
        let samples = DowntimeSamples(condition, runs: runs) { run in
            occurrencesPerYear.map { $0 / 60 } ?? Self.minutesPerYear / run.duration.seconds
        }
        self.condition = condition
        minutes = MeanInterval(samples: samples.perRun)!.clampedAtZero
        mechanisms = samples.mechanismMeans.map { Mechanism(mechanism: $0.name, minutesPerYear: $0.mean) }
        maintenanceMinutes = samples.maintenanceMean
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
    /// The conditions a scenario can fail: a client class's only when it
    /// sends requests, the kubelets only with workers, a Service only when
    /// its workload has replicas, workloads only with workloads.
    public static func applicable(to scenario: Scenario) -> [DowntimeCondition] {
        applicable(topology: scenario.topology, workloads: scenario.workloads)
    }

    public static func applicable(topology: Topology, workloads: [Workload]) -> [DowntimeCondition] {
        let sending = Set(topology.access.population.filter { $0.rate > 0 }.map(\.name))
        let serving = Set(workloads.filter { $0.replicas > 0 }.map(\.name))
        return recorded(topology, workloads: workloads).filter {
            switch $0.kind {
            case .client(let name): return sending.contains(name)
            case .kubelets: return true
            case .service(let workload): return serving.contains(workload)
            case .workloads: return !workloads.isEmpty
            case .externalIP, .etcdQuorum: return true
            }
        }
    }
}
