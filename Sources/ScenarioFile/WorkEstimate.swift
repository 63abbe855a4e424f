import SimKernel
import Simulation

/// How many events a run of a scenario will dispatch, estimated before it
/// runs, so that a scenario costing days of machine time is refused at
/// validation instead of discovered after hours (docs/RELIABILITY.md).
///
/// The rates are the model's own, measured (docs/PERFORMANCE.md): each etcd
/// member ticks once per tick interval and each follower receives and
/// answers every heartbeat; a write (probe or client request) costs about
/// four events per member plus a few of its own; every master's three
/// leader-election candidates try once per retry period, and the load
/// balancer probes each master once per health-check interval. For the
/// scenario library and the benchmarks the estimate is from 0.95 to 3.2
/// times the events dispatched (high when masters are removed mid-run);
/// faults change a run's work much less than its rates do.
public enum WorkEstimate {
    /// The most events a run may dispatch without `--allow-long`: about ten
    /// minutes at the measured 2 million events per second or more.
    public static let budget: Double = 1e9
    /// Events per wall-clock second assumed for the time estimate (the low
    /// end of docs/PERFORMANCE.md's measurements on a release build).
    public static let eventsPerSecond: Double = 2e6

    /// Events per simulated second.
    public static func rate(_ scenario: Scenario) -> Double {
        let topology = scenario.topology
        let members = Double(topology.etcdMembersPerZone.reduce(0, +))
        let masters = Double(topology.masterSlots)
        let etcd = topology.etcd
        let ticks = members / etcd.tickInterval.seconds
        let heartbeats = 2 * max(0, members - 1) / etcd.heartbeatInterval.seconds
        let access = topology.access
        let writes = etcd.writeProbeRate + access.externalClientRate + access.inClusterClientRate
        let leases = 3 * masters / topology.leaderElection.retryPeriod.seconds
        let healthChecks = access.healthCheck.map { masters / $0.interval.seconds } ?? 0
        // Each request also crosses the network to its apiserver and back.
        return ticks + heartbeats + writes * (4 * members + 3) + (access.externalClientRate + access.inClusterClientRate) * 2 + leases + healthChecks
    }

    /// Events over the whole run.
    public static func events(_ scenario: Scenario) -> Double {
        rate(scenario) * detailedSeconds(scenario) + (Double(scenario.faults.count + scenario.operations.count) + failureCycles(scenario)) * 10
    }

    /// Simulated time run in detail, measured around a disturbance (a
    /// failure, a repair, a fault's start or end) when the fast-forward
    /// skips the quiet time between them.
    static let detailedSecondsPerDisturbance: Double = 600

    /// The simulated seconds a run dispatches events for: all of them
    /// without fast-forward, or with master operations (which keep the run
    /// detailed); with it, about ten 60 s windows around each disturbance and
    /// the run's end (docs/FAST-FORWARD.md; a zone outage that takes 100
    /// workers runs about 1,400 s in detail, a master crash about 300 s).
    static func detailedSeconds(_ scenario: Scenario) -> Double {
        let duration = scenario.duration.seconds
        guard scenario.fastForward, scenario.operations.isEmpty else { return duration }
        let disturbances = 2 * (failureCycles(scenario) + Double(scenario.faults.count)) + 1
        return min(duration, disturbances * detailedSecondsPerDisturbance)
    }

    /// Failures the failure processes are expected to start: each target
    /// goes through one failure and repair per mean up time plus mean down
    /// time (a process with a one-second mean fails a million times in 12
    /// days, and validation says so before the run).
    static func failureCycles(_ scenario: Scenario) -> Double {
        scenario.failures.reduce(0) { total, process in
            let cycle = process.timeToFailure.meanSeconds + process.timeToRepair.meanSeconds
            return total + Double(process.target.count(in: scenario.topology)) * scenario.duration.seconds / cycle
        }
    }

    /// "about 6.4e6 events (3 s at 2e6 events/s)": the estimate as printed.
    public static func describe(_ events: Double) -> String {
        "about \(scientific(events)) events (\(wallTime(events / eventsPerSecond)) at \(scientific(eventsPerSecond)) events/s)"
    }

    public static func scientific(_ value: Double) -> String {
        guard value >= 1_000 else { return "\(Int(value.rounded()))" }
        var exponent = 0
        var mantissa = value
        while mantissa >= 10 { mantissa /= 10; exponent += 1 }
        let tenths = Int((mantissa * 10).rounded())
        return tenths >= 100 ? "1.0e\(exponent + 1)" : "\(tenths / 10).\(tenths % 10)e\(exponent)"
    }

    static func wallTime(_ seconds: Double) -> String {
        switch seconds {
        case ..<1: return "under a second"
        case ..<120: return "\(Int(seconds.rounded())) s"
        case ..<7_200: return "\(Int((seconds / 60).rounded())) min"
        case ..<172_800: return "\(Int((seconds / 3_600).rounded())) h"
        default: return "\(Int(min(seconds / 86_400, 1e15).rounded())) days"
        }
    }
}
