import SimKernel
import Simulation

/// How many events a run of a scenario will dispatch, estimated before it
/// runs, so that a scenario costing days of machine time is refused at
/// validation instead of discovered after hours (docs/RELIABILITY.md).
///
/// The rates are the model's own, measured (docs/PERFORMANCE.md): the etcd
/// leader ticks once per tick interval, a follower about once per election
/// timeout (its other ticks are applied lazily), and each follower receives and
/// answers every heartbeat; a write (probe or client request) costs about
/// four events per member plus a few of its own; every master's three
/// leader-election candidates try once per retry period, and the load
/// balancer probes each master once per health-check interval. For the
/// scenario library and the benchmarks the estimate is from 0.29 to 8.3
/// times the events dispatched, 1.1 in the median (low for 5,000 workers;
/// high for random zone outages, which the fast-forward skips between;
/// an operation counts an allowance for its detailed span); the run guard's
/// factor of ten covers that spread. Faults change a run's work much less
/// than its rates do.
public enum WorkEstimate {
    /// The most events a run may dispatch without `--allow-long`: about ten
    /// minutes at the measured 2 million events per second or more.
    public static let budget: Double = 1e9
    /// The most events a sweep (or one shard of it) may dispatch in all
    /// without `--allow-long`: a hundred runs at the budget, about a day of
    /// one core. The year Monte Carlo of the library is about 1e9.
    public static let sweepBudget: Double = 1e11
    /// Events per wall-clock second assumed for the time estimate (the low
    /// end of docs/PERFORMANCE.md's measurements on a release build).
    public static let eventsPerSecond: Double = 2e6

    /// The most events a run without `--allow-long` may dispatch before it
    /// is stopped (`RunLimits`): ten times its estimate, so that an estimate
    /// that is off by the usual factor of one to three never stops a run, but
    /// at least 1e7 events (a few seconds) and at most twice the budget
    /// (about a quarter of an hour), so that no run passes its estimate
    /// silently for an hour.
    public static func eventLimit(_ scenario: Scenario) -> Int {
        let estimate = events(scenario)
        let limit = min(max(guardFactor * estimate, guardFloor), 2 * budget)
        return limit.isFinite ? Int(limit) : Int(2 * budget)
    }

    public static let guardFactor = 10.0
    static let guardFloor = 1e7

    /// Events per simulated second.
    public static func rate(_ scenario: Scenario) -> Double {
        let topology = scenario.topology
        let members = Double(topology.etcdMembersPerZone.reduce(0, +))
        let masters = Double(topology.masterSlots)
        let etcd = topology.etcd
        // The leader ticks every interval; a follower's tick is an event
        // only when it could fire its election timeout (FollowerTicks), once
        // a randomized timeout, the heartbeats resetting the count between.
        let ticks = 1 / etcd.tickInterval.seconds + max(0, members - 1) / meanElectionTimeoutSeconds(etcd)
        let heartbeats = 2 * max(0, members - 1) / etcd.heartbeatInterval.seconds
        let access = topology.access
        let clientRequests = access.population.reduce(0) { $0 + $1.rate * Double($1.count) }
        let clientReads = access.population.filter { $0.requests == .read }.reduce(0) { $0 + $1.rate * Double($1.count) }
        // A read is its send, arrival, answer and timeout: no Raft messages.
        let writes = etcd.writeProbeRate + clientRequests - clientReads
        let leases = 3 * masters / topology.leaderElection.retryPeriod.seconds
        let healthChecks = access.healthCheck.map { masters / $0.interval.seconds } ?? 0
        // Each request also crosses the network to its apiserver and back.
        return ticks + heartbeats + writes * (4 * members + 3) + (clientRequests - clientReads) * 2 + clientReads * 4 + leases + healthChecks
            + workerLoops(scenario)
    }

    /// The mean of a member's randomized election timeout: over [T, 2T-1]
    /// ticks in etcd's form, over [min, max] in the paper's.
    static func meanElectionTimeoutSeconds(_ etcd: EtcdSettings) -> Double {
        let counts = etcd.tickCounts
        let ticks = counts.range.map { Double($0.lowerBound + $0.upperBound) / 2 } ?? Double(3 * counts.election - 1) / 2
        return max(ticks, 1) * etcd.tickInterval.seconds
    }

    /// The worker loops' events per simulated second: the node lifecycle
    /// controller's pass every `nodeMonitorPeriod`, the autoscaler's scan,
    /// and, with `heartbeats: perRenewal`, every kubelet's renewal; a tiny
    /// period set by hand makes these the run's main cost.
    static func workerLoops(_ scenario: Scenario) -> Double {
        let settings = scenario.topology.workerNodes
        // The masters' kubelets too, when the masters are nodes.
        let masters = settings.controlPlaneNodes ? scenario.topology.mastersPerZone.reduce(0, +) : 0
        let workers = Double(scenario.topology.workerCount + masters)
        guard workers > 0 else { return 0 }
        let renewals = settings.heartbeats == .perRenewal ? workers / settings.kubelet.renewInterval.seconds : 0
        return 1 / settings.nodeLifecycle.nodeMonitorPeriod.seconds + 1 / settings.autoscaler.scanInterval.seconds + renewals
    }

    /// Events over the whole run.
    public static func events(_ scenario: Scenario) -> Double {
        rate(scenario) * detailedSeconds(scenario) + (Double(scenario.faults.count + scenario.operations.count) + failureCycles(scenario)) * 10
    }

    /// Simulated time run in detail around a disturbance (a failure, a
    /// repair, a fault's start or end) when the fast-forward skips the
    /// quiet time between them. Measured on the library (seed of each file):
    /// a master crash and its restart about 120 s each, the year scenario's
    /// failures about 200 s, a zone outage with its workers up to 560 s
    /// while the control plane settles (the frozen control plane then lets
    /// the workers alone run on).
    static let detailedSecondsPerDisturbance: Double = 150

    /// The simulated seconds a run dispatches events for: all of them
    /// without fast-forward, or when something keeps the cluster from ever
    /// being quiet (`neverQuiet`); otherwise `detailedSecondsPerDisturbance`
    /// around each disturbance and the run's end, plus the whole span of
    /// every fault whose effect moves with time (docs/FAST-FORWARD.md; a
    /// pause runs all of its length) and of every operation (which runs in
    /// detail from its start to its last step).
    static func detailedSeconds(_ scenario: Scenario) -> Double {
        let duration = scenario.duration.seconds
        guard scenario.fastForward, neverQuiet(scenario) == nil else { return duration }
        let disturbances = 2 * (failureCycles(scenario) + Double(scenario.faults.count)) + 1
        let moving = scenario.faults.reduce(0.0) { total, fault in
            guard fault.kind.effectMovesWithTime else { return total }
            return total + min(duration, fault.duration?.meanSeconds ?? duration)
        }
        let operations = scenario.operations.reduce(0.0) { $0 + operationSeconds($1, scenario) + detailedSecondsPerDisturbance }
        return min(duration, disturbances * detailedSecondsPerDisturbance + moving + operations + mastersDownBehindNoCheck(scenario))
    }

    /// An operation's expected length, from its start to its last step: an
    /// allowance per master or node it touches (a VM's boot, etcd's data
    /// copy, kubeadm's waits, a drain's evictions; a node pool upgrade's
    /// batch of `maxSurge` nodes counts once), plus the load
    /// balancer's propagation where the GCE scripts wait for it.
    static func operationSeconds(_ operation: MasterOperation, _ scenario: Scenario) -> Double {
        let perStep: Double = 300
        switch operation.kind {
        case .add, .remove:
            let propagation = scenario.topology.access.procedure == .gceScripts ? scenario.topology.access.loadBalancerPropagation.meanSeconds : 0
            return perStep + propagation
        case .upgrade(let upgrade): return perStep * Double(upgrade.hosts.count)
        case .drain: return perStep
        case .upgradeWorkers(let upgrade): return perStep * Double((upgrade.old.count + upgrade.batch - 1) / upgrade.batch)
        }
    }

    /// The simulated seconds masters are expected to be down while clients
    /// that open new connections can still be sent to them: with nothing
    /// that checks the masters in front (the GCE scripts' target pool has
    /// no health check, DNS records stay), a per-request or keep-alive
    /// client fails a share of its requests for the whole repair, and the
    /// fast-forward skips no window in which such a client fails, but for
    /// per-request reads behind the external IP, whose failures it replays
    /// as a rate (docs/FAST-FORWARD.md, "Steady failures of per-request
    /// clients"). Measured on the library's year scenario before that
    /// replay (seeds 1-10: 1.2 to 9.3 million events, 30 to 40 detailed
    /// hours a year), which the rest of the estimate put below a million.
    public static func mastersDownBehindNoCheck(_ scenario: Scenario) -> Double {
        let access = scenario.topology.access
        let unchecked: Bool
        switch access.mode {
        case .dns: unchecked = true
        case .externalIP: unchecked = access.healthCheck == nil
        case .virtualIP, .networkLoadBalancer, .bgp: unchecked = false
        }
        let replayed = { (client: ClientClass) in
            guard case .externalIP = access.mode else { return false }
            return client.connection == .perRequest && client.requests == .read
        }
        guard unchecked, access.population.contains(where: { $0.rate > 0 && $0.connection != .longLived && !replayed($0) }) else { return 0 }
        return scenario.failures.reduce(0) { total, process in
            switch process.target {
            case .everyWorker, .loadBalancer: return total
            default:
                let cycle = process.timeToFailure.meanSeconds + process.timeToRepair.meanSeconds
                let failures = Double(process.target.count(in: scenario.topology)) * scenario.duration.seconds / cycle
                return total + failures * process.timeToRepair.meanSeconds
            }
        }
    }

    /// Why the fast-forward can never skip in this scenario, or nil: each
    /// reason makes some subsystem report trouble in every window
    /// (docs/FAST-FORWARD.md, "When it skips").
    public static func neverQuiet(_ scenario: Scenario) -> String? {
        let topology = scenario.topology
        let network = topology.network
        // Loss is modelled as TCP retransmission delay: light loss delays a
        // few messages and the cluster stays quiet between them (1 % or 10 %
        // over two hours still skips), heavy loss chains retransmissions
        // past heartbeats and timeouts in every window (30 % never skips).
        if max(network.loss, network.links.map(\.loss).max() ?? 0) >= heavyLoss {
            return "heavy network loss delays messages past timeouts in every window"
        }
        let access = topology.access
        let roundTrip = requestRoundTripSeconds(scenario)
        if access.population.contains(where: { $0.rate > 0 && $0.timeout.seconds < roundTrip }) {
            return "the client timeout is below a request's round trip, so requests fail in every window"
        }
        if topology.etcd.writeProbeRate > 0, topology.etcd.writeProbeTimeout.seconds < roundTrip {
            return "the write probe's timeout is below a write's round trip, so writes fail in every window"
        }
        if case .masterCount(let count) = access.serviceReconciler, count < topology.masterSlots {
            return "with master-count and fewer apiservers counted than run, the endpoints are rewritten in every window"
        }
        return nil
    }

    static let heavyLoss = 0.2

    /// A request's typical round trip: to its apiserver and back across
    /// zones, a commit's round to the followers, and the leader's fsync.
    static func requestRoundTripSeconds(_ scenario: Scenario) -> Double {
        let network = scenario.topology.network
        return 4 * max(network.sameZone.meanSeconds, network.crossZone.meanSeconds) + scenario.topology.etcd.fsync.meanSeconds
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
