import Foundation
import HASim
import Testing

/// The fast-forward through quiet time (docs/FAST-FORWARD.md) must not
/// change what a run says, in distribution: issue 14 asks for a two-sample
/// Kolmogorov-Smirnov test on failover and outage lengths and equal
/// availability within the confidence interval, against `--no-fast-forward`.
@Suite struct FastForwardTests {
    /// Frequent master and zone failures over 8 hours: about a dozen
    /// failures a run, each with an etcd election when it takes the leader
    /// and a lease takeover when it takes a holder.
    static let failing =
        threeMasters(name: "fast-forward-equivalence", duration: "8h") + """
            failures:
              - {every: master, mtbf: 2h, mttr: 10m}
              - {every: zone, mtbf: 8h, mttr: 20m}
            """

    /// Three masters, one a zone, probed by the outside client alone.
    static func threeMasters(name: String, duration: String) -> String {
        """
        name: \(name)
        duration: \(duration)
        topology:
          zones: [a, b, c]
          masters: {a: 1, b: 1, c: 1}
          etcd: {writeProbe: {rate: 0}}
          access: {clients: {external: 1, inCluster: 0}}

        """
    }

    /// Three masters and `perZone` workers in each of three zones, with a
    /// Deployment of two pods a worker.
    static func withWorkers(name: String, duration: String, perZone: Int) -> String {
        """
        name: \(name)
        duration: \(duration)
        topology:
          zones: [a, b, c]
          masters: {a: 1, b: 1, c: 1}
          workers: {a: \(perZone), b: \(perZone), c: \(perZone)}
        workloads:
          - {name: web, replicas: \(6 * perZone)}

        """
    }

    /// The scenario as written (fast-forward on) and with every event run.
    static func bothWays(_ yaml: String) throws -> (fast: TestScenario, full: TestScenario) {
        let fast = try TestScenario(yaml: yaml)
        var full = fast
        full.scenario.fastForward = false
        return (fast, full)
    }

    /// Runs `yaml` over `seeds` with the fast-forward and with every event.
    static func runsBothWays(_ yaml: String, seeds: [UInt64]) throws -> (skipping: [RunResult], detailed: [RunResult]) {
        let (fast, full) = try bothWays(yaml)
        return (runs(fast, seeds: seeds), runs(full, seeds: seeds))
    }

    /// Runs `scenario` over `seeds` on every core; results in seed order.
    static func runs(_ scenario: TestScenario, seeds: [UInt64]) -> [RunResult] {
        let results = ResultSlots(count: seeds.count)
        DispatchQueue.concurrentPerform(iterations: seeds.count) { index in
            results.set(index, scenario.run(seed: seeds[index]).result)
        }
        return results.values
    }

    /// The lengths, in seconds, of the intervals `entity` spent in `state`.
    static func lengths(_ results: [RunResult], entity: String, state: String) -> [Double] {
        results.flatMap { result in
            result.intervals.filter { $0.entity == entity && $0.state == state }.map { ($0.end - $0.start).seconds }
        }
    }

    /// The two-sample Kolmogorov-Smirnov statistic: the largest distance
    /// between the two empirical distribution functions.
    static func ksDistance(_ a: [Double], _ b: [Double]) -> Double {
        let x = a.sorted(), y = b.sorted()
        var i = 0, j = 0, distance = 0.0
        while i < x.count && j < y.count {
            let value = min(x[i], y[j])
            while i < x.count && x[i] <= value { i += 1 }
            while j < y.count && y[j] <= value { j += 1 }
            distance = max(distance, abs(Double(i) / Double(x.count) - Double(j) / Double(y.count)))
        }
        return distance
    }

    /// The KS critical distance at significance 0.01: c(0.01) = 1.628
    /// times sqrt((n + m) / (n m)) (the asymptotic two-sample bound; e.g.
    /// NIST/SEMATECH e-Handbook of Statistical Methods, 1.3.5.16).
    static func ksCritical(_ n: Int, _ m: Int) -> Double {
        1.628 * (Double(n + m) / Double(n * m)).squareRoot()
    }

    /// The mean and its standard error, read back from the 95 % Student's t
    /// interval the yearly figures use (`MeanInterval`).
    static func meanAndStandardError(_ values: [Double]) throws -> (mean: Double, error: Double) {
        let interval = try #require(MeanInterval(samples: values))
        return (interval.mean, (interval.high - interval.mean) / StudentT.quantile975(degreesOfFreedom: values.count - 1))
    }

    @Test func failoverAndOutageLengthsAgreeWithoutFastForward() throws {
        let (fast, full) = try Self.bothWays(Self.failing)
        let seeds = Array(UInt64(1)...40)
        let skipping = Self.runs(fast, seeds: seeds)
        let detailed = Self.runs(full, seeds: seeds)
        // The check has something to compare: the fast runs did skip, and
        // most of their time.
        let skipped = skipping.map(\.quietTimeSkipped.seconds).reduce(0, +)
        #expect(skipped > 0.5 * 40 * 8 * 3600)
        #expect(detailed.allSatisfy { $0.quietSkips == 0 })
        for (entity, state) in [("cluster", "etcdQuorumLost"), ("lease/kube-controller-manager", "none"), ("cluster", "anyZoneDown")] {
            let a = Self.lengths(skipping, entity: entity, state: state)
            let b = Self.lengths(detailed, entity: entity, state: state)
            #expect(a.count >= 30 && b.count >= 30, "\(entity) \(state): \(a.count) and \(b.count) intervals")
            let distance = Self.ksDistance(a, b)
            #expect(distance <= Self.ksCritical(a.count, b.count), "\(entity) \(state): KS distance \(distance)")
        }
        for metric: Metric in [.externalAvailability, .etcdQuorumAvailability, .leaseHolderlessSeconds(.kubeScheduler)] {
            let a = try Self.meanAndStandardError(skipping.map { $0.metric(metric)! })
            let b = try Self.meanAndStandardError(detailed.map { $0.metric(metric)! })
            let bound = 3 * (a.error * a.error + b.error * b.error).squareRoot()
            #expect(abs(a.mean - b.mean) <= bound, "\(metric): \(a.mean) ± \(a.error) against \(b.mean) ± \(b.error)")
        }
    }

    /// kubectl behind a load balancer without a health check (the default
    /// population's per-request class behind `cluster/gce`'s target pool,
    /// which keeps a dead instance in the pool): while a master is down, a
    /// third of its commands fail at the dial, in every window. A skip
    /// replays those requests at their dial, and while a zone's workers are
    /// tainted and evicted the control plane stands still with kubectl
    /// running on (docs/FAST-FORWARD.md, "Steady failures of per-request
    /// clients"), so the hour a master is down is mostly skipped rather than
    /// run in detail, and kubectl's availability and the lengths of its
    /// downtime stretches (from a failed command to the next answered one)
    /// agree with the run of every event.
    @Test func kubectlsSteadyFailuresAgreeWithoutFastForward() throws {
        let yaml =
            Self.withWorkers(name: "steady-kubectl-failures", duration: "6h", perZone: 5) + """
                failures:
                  - {every: master, mtbf: 6h, mttr: 1h}
                  - {every: zone, mtbf: 24h, mttr: 1h}
                """
        let seeds = Array(UInt64(1)...20)
        let (skipping, detailed) = try Self.runsBothWays(yaml, seeds: seeds)
        // Most of the time a master was down is skipped too: before the
        // replay, every second of it ran in detail.
        let duration = 6 * 3600.0
        let masterDown = skipping.map { 3 * duration * (1 - $0.metric(.mastersUpFraction)!) }.reduce(0, +)
        let skipped = skipping.map(\.quietTimeSkipped.seconds).reduce(0, +)
        #expect(masterDown > 20 * 3600, "\(masterDown) s of masters down")
        #expect(skipped > Double(seeds.count) * duration - 0.5 * masterDown, "\(skipped) s skipped, \(masterDown) s of masters down")
        #expect(skipping.map(\.controlPlaneFrozen.seconds).reduce(0, +) > 1800)
        let a = Self.downtimeLengths(skipping, "api.kubectl"), b = Self.downtimeLengths(detailed, "api.kubectl")
        #expect(a.count >= 1000 && b.count >= 1000, "\(a.count) and \(b.count) stretches")
        let distance = Self.ksDistance(a, b)
        #expect(distance <= Self.ksCritical(a.count, b.count), "kubectl downtime stretches: KS distance \(distance)")
        for metric: Metric in [
            .clientAvailability(ClientClass.perRequestName), .clientDeadBackendRequests(ClientClass.perRequestName), .externalAvailability,
            .workloadAvailability("web"), .podsEvicted,
        ] {
            let x = try Self.meanAndStandardError(skipping.map { $0.metric(metric)! })
            let y = try Self.meanAndStandardError(detailed.map { $0.metric(metric)! })
            let bound = 3 * (x.error * x.error + y.error * y.error).squareRoot()
            #expect(abs(x.mean - y.mean) <= bound, "\(metric): \(x.mean) ± \(x.error) against \(y.mean) ± \(y.error)")
        }
    }

    /// The lengths, in seconds, of the downtime stretches of `condition`.
    static func downtimeLengths(_ results: [RunResult], _ condition: String) -> [Double] {
        results.flatMap { result in result.downtime.filter { $0.metric == condition }.map { ($0.end - $0.start).seconds } }
    }

    /// The seconds `condition` failed in a run.
    static func downtimeSeconds(_ result: RunResult, _ condition: String) -> Double {
        result.downtime.filter { $0.metric == condition }.reduce(0) { $0 + ($1.end - $1.start).seconds }
    }

    /// Worker failures with a frozen control plane (docs/FAST-FORWARD.md,
    /// "A clock per subsystem"): while only the workers are busy, the
    /// control plane's clock stands still and its quiet windows are
    /// repeated. The node lifecycle controller's 40 s grace and 300 s
    /// eviction (kube-controller-manager defaults) run on the workers' clock
    /// as they would, and master failures meet a running control plane, so
    /// the lease takeovers' lengths (KS) and the means agree with the run of
    /// every event.
    @Test func workerFailuresWithAFrozenControlPlaneAgreeWithoutFastForward() throws {
        let yaml =
            Self.withWorkers(name: "worker-failures", duration: "8h", perZone: 5) + """
                failures:
                  - {every: worker, mtbf: 2h, mttr: 20m}
                  - {every: master, mtbf: 4h, mttr: 10m}
                """
        let (skipping, detailed) = try Self.runsBothWays(yaml, seeds: Array(UInt64(1)...40))
        // The control plane did stand still, for most of the workers' busy time.
        #expect(skipping.map(\.controlPlaneFreezes).reduce(0, +) > 40 * 10)
        #expect(skipping.map(\.eventsDispatched).reduce(0, +) * 4 < detailed.map(\.eventsDispatched).reduce(0, +))
        #expect(detailed.allSatisfy { $0.controlPlaneFreezes == 0 && $0.quietSkips == 0 })
        let a = Self.lengths(skipping, entity: "lease/kube-controller-manager", state: "none")
        let b = Self.lengths(detailed, entity: "lease/kube-controller-manager", state: "none")
        #expect(a.count >= 30 && b.count >= 30, "takeovers: \(a.count) and \(b.count)")
        #expect(Self.ksDistance(a, b) <= Self.ksCritical(a.count, b.count), "takeover lengths: KS distance \(Self.ksDistance(a, b))")
        for metric in [
            "api.external.availability", "workload.web.availability", "nodes.notReady.seconds", "pods.evicted",
            "lease.kube-scheduler.holderless.seconds", "addons.sync.availability", "api.kubectl.availability", "nodes.kubeletCutOff.seconds",
            "workload.web.service.availability",
        ] {
            let a = try Self.meanAndStandardError(skipping.map { $0.metric(metric)! })
            let b = try Self.meanAndStandardError(detailed.map { $0.metric(metric)! })
            let bound = 3 * (a.error * a.error + b.error * b.error).squareRoot()
            #expect(abs(a.mean - b.mean) <= max(bound, 1e-9 * abs(b.mean)), "\(metric): \(a.mean) ± \(a.error) against \(b.mean) ± \(b.error)")
        }
        // The kubelets' and the Service's downtime conditions: worker
        // failures leave stale endpoints until the controller marks the
        // pods, master failures pin kubelets. Neither can start or end in a
        // skipped window (a cut-off kubelet has a connection event due or a
        // request in flight, so the workers are not quiet; a stale endpoint
        // is a node going NotReady within a window), so their stretches'
        // lengths agree (KS) and their means within 3 standard errors.
        let stale = (Self.downtimeLengths(skipping, "service.web"), Self.downtimeLengths(detailed, "service.web"))
        #expect(stale.0.count >= 200 && stale.1.count >= 200, "Service stretches: \(stale.0.count) and \(stale.1.count)")
        #expect(Self.ksDistance(stale.0, stale.1) <= Self.ksCritical(stale.0.count, stale.1.count), "Service stretches: KS distance \(Self.ksDistance(stale.0, stale.1))")
        for condition in ["kubelets", "service.web"] {
            let a = try Self.meanAndStandardError(skipping.map { Self.downtimeSeconds($0, condition) })
            let b = try Self.meanAndStandardError(detailed.map { Self.downtimeSeconds($0, condition) })
            #expect(b.mean > 0, "\(condition) never failed")
            let bound = 3 * (a.error * a.error + b.error * b.error).squareRoot()
            #expect(abs(a.mean - b.mean) <= bound, "\(condition): \(a.mean) ± \(a.error) s against \(b.mean) ± \(b.error) s")
        }
        // Renewals run on the workers' clock, never frozen: within 1 %.
        let renewals = (skipping.map { $0.metric("nodes.leaseRenewals")! }.reduce(0, +), detailed.map { $0.metric("nodes.leaseRenewals")! }.reduce(0, +))
        #expect(abs(renewals.0 - renewals.1) <= 0.01 * renewals.1, "\(renewals)")
    }

    /// A quiet day: what the skipped windows did is counted as if they ran.
    /// The probes write and request at fixed rates and the add-on managers
    /// sync every 60 s, so those counts are exact; kubelets renew every 10 s
    /// plus up to 4 % jitter (component-helpers lease controller), counted
    /// at that mean rate, so theirs agree within 1 %.
    @Test func aQuietDaysCountsAreThoseOfTheFullRun() throws {
        let (fast, full) = try Self.bothWays(Self.withWorkers(name: "quiet-day", duration: "6h", perZone: 5))
        let skipping = fast.run(seed: 3).result
        let detailed = full.run(seed: 3).result
        #expect(skipping.quietTimeSkipped > .hours(5))
        #expect(skipping.eventsDispatched * 20 < detailed.eventsDispatched)
        for metric: Metric in [
            .etcdWriteProbes, .etcdWriteAvailability, .externalAvailability, .inClusterAvailability,
            .addonSyncAvailability, .mastersUpFraction, .workloadAvailability("web"), .etcdElections,
        ] {
            #expect(skipping.metric(metric) == detailed.metric(metric), "\(metric)")
        }
        let renewals = (skipping.metric(.nodeLeaseRenewals)!, detailed.metric(.nodeLeaseRenewals)!)
        #expect(abs(renewals.0 - renewals.1) <= 0.01 * renewals.1, "\(renewals)")
        for metric: Metric in [.etcdWriteLatencyP50Seconds, .externalLatencyP99Seconds] {
            let values = (skipping.metric(metric)!, detailed.metric(metric)!)
            #expect(abs(values.0 - values.1) <= 0.1 * values.1, "\(metric): \(values)")
        }
    }

    /// A fault whose effect grows with time (a drifting clock) keeps the run
    /// detailed: quiet time is skipped before it starts, none after.
    @Test func aDriftingClockStopsTheSkipping() throws {
        let run = try TestScenario(
            yaml: """
                name: drift
                duration: 2h
                topology: {zones: [a, b, c], masters: {a: 1, b: 1, c: 1}}
                faults:
                  - {at: 20m, clockDrift: {host: master-a-1, ppm: 100}}
                """
        ).run(seed: 1).result
        #expect(run.quietSkips >= 1)
        #expect(run.quietTimeSkipped < .minutes(20))
    }

    /// Taint-based eviction deletes a pod 300 s after the NoExecute taint
    /// (DefaultTolerationSeconds, taint_eviction.go `processPodOnNode`): a
    /// countdown the fast-forward brings closer together with its deadline,
    /// so the eviction follows the node's NotReady by the same 300 s with and
    /// without it. When the node goes NotReady depends on where its
    /// kubelet's jittered renewals stood at the crash (grace 40 s after the
    /// last one, seen at the next 5 s monitor pass), which the skip changes
    /// as a long quiet stretch would: within one renewal interval and a pass.
    @Test func evictionsFallWhenTheyWouldWithoutFastForward() throws {
        let (fast, full) = try Self.bothWays(
            Self.withWorkers(name: "one-worker-fails", duration: "3h", perZone: 2)
                + "faults:\n  - {at: 1h, crash: worker-a-1, for: 1h}\n")
        func times(_ result: RunResult, _ kind: EventKind) throws -> SimInstant {
            try #require(result.events.first { $0.kind == kind }?.time)
        }
        let skipping = fast.run(seed: 2).result
        let detailed = full.run(seed: 2).result
        #expect(skipping.quietTimeSkipped > .hours(2))
        // NotReady, the NoExecute taint at the next 5 s monitor pass, then 300 s.
        let countdowns = try [skipping, detailed].map { try times($0, .podsEvicted) - times($0, .nodesNotReady) }
        #expect(countdowns[0] == countdowns[1])
        #expect(countdowns[0] >= .seconds(300) && countdowns[0] <= .seconds(306), "\(countdowns)")
        let apart = try times(skipping, .podsEvicted) - times(detailed, .podsEvicted)
        #expect(abs(apart.seconds) <= 15, "\(apart)")
        #expect(skipping.metric(.podsEvicted) == detailed.metric(.podsEvicted))
    }

    /// Daily maintenance (kubeadm's in-place upgrade at 02:00) beside master
    /// failures: an operation's start is a disturbance and the Operations
    /// subsystem is quiet between occurrences, so the days between are
    /// skipped, yet every upgrade begins at its scheduled run time, as in
    /// the run of every event, and the upgrades' lengths and the downtime
    /// they cause agree with it (two-sample KS; means within 3 SE).
    @Test func maintenanceBetweenSkipsAgreesWithoutFastForward() throws {
        let yaml =
            Self.threeMasters(name: "daily-maintenance", duration: "3d") + """
            failures:
              - {every: master, mtbf: 2d, mttr: 20m}
            maintenance:
              - {every: 1d, at: {hour: 2}, upgradeMasters: {}}
            """
        let seeds = Array(UInt64(1)...16)
        let (skipping, detailed) = try Self.runsBothWays(yaml, seeds: seeds)
        let skipped: Double = skipping.map(\.quietTimeSkipped.seconds).reduce(0, +)
        let runTime: Double = Double(seeds.count) * 3 * 86_400
        #expect(skipped > 0.6 * runTime)
        // kubeadm upgrade apply on the first master opens each occurrence.
        let scheduled = [SimInstant(.hours(26)), SimInstant(.hours(50))]
        for result in skipping + detailed {
            let starts = result.events.filter { $0.kind == .masterUpgradeStarted && $0.detail == "kubeadm upgrade apply" }.map(\.time)
            // An upgrade waits for quorum and for a crashed master only
            // through its own steps; it starts on time.
            #expect(starts == scheduled, "\(starts)")
        }
        func upgradeLengths(_ results: [RunResult]) -> [Double] {
            results.flatMap { result in
                let started = result.events.filter { $0.kind == .masterUpgradeStarted }.map(\.time)
                let upgraded = result.events.filter { $0.kind == .masterUpgraded }.map(\.time)
                return zip(started, upgraded).map { ($1 - $0).seconds }
            }
        }
        let a = upgradeLengths(skipping), b = upgradeLengths(detailed)
        #expect(a.count >= 80 && b.count >= 80, "\(a.count) and \(b.count) upgrades")
        #expect(Self.ksDistance(a, b) <= Self.ksCritical(a.count, b.count), "KS distance \(Self.ksDistance(a, b))")
        func maintenanceDowntime(_ result: RunResult) -> Double {
            result.downtime.filter { $0.metric == "api.external" && $0.causes.contains { $0.origin.isMaintenance } }.reduce(0) { $0 + $1.seconds }
        }
        let fast = try Self.meanAndStandardError(skipping.map(maintenanceDowntime))
        let full = try Self.meanAndStandardError(detailed.map(maintenanceDowntime))
        #expect(full.mean > 0)
        let bound = 3 * (fast.error * fast.error + full.error * full.error).squareRoot()
        #expect(abs(fast.mean - full.mean) <= bound, "\(fast.mean) ± \(fast.error) against \(full.mean) ± \(full.error)")
    }

    /// Daily upgrades of zone a's pool (its two workers at once) and a
    /// daily maintenance drain of a worker in zone c: the quiet days between are skipped, each
    /// occurrence starts at its scheduled time with and without the skip,
    /// and every node of every upgrade is drained and replaced both ways
    /// (docs/UPGRADES.md, "Worker maintenance").
    @Test func workerMaintenanceBetweenSkipsAgreesWithoutFastForward() throws {
        let yaml =
            Self.threeMasters(name: "daily-worker-maintenance", duration: "3d")
            .replacingOccurrences(of: "  masters: {a: 1, b: 1, c: 1}\n", with: "  masters: {a: 1, b: 1, c: 1}\n  workers: {a: 2, b: 2, c: 2}\n") + """
                workloads:
                  - {name: web, replicas: 12, cpu: 250m, memory: 256Mi, pdb: {maxUnavailable: 2}}
                maintenance:
                  - {every: 1d, at: {hour: 2}, upgradeWorkers: {zone: a, maxSurge: 2}}
                  - {every: 1d, at: {hour: 5}, drainNode: {node: worker-c-1}}
                """
        let seeds = Array(UInt64(1)...2)
        let (skipping, detailed) = try Self.runsBothWays(yaml, seeds: seeds)
        let skipped: Double = skipping.map(\.quietTimeSkipped.seconds).reduce(0, +)
        #expect(skipped > 0.8 * Double(seeds.count) * 3 * 86_400)
        #expect(detailed.allSatisfy { $0.quietTimeSkipped == .zero })
        let scheduled = [SimInstant(.hours(26)), SimInstant(.hours(50))]
        for result in skipping + detailed {
            #expect(result.events.filter { $0.kind == .workerUpgradeStarted }.map(\.time) == scheduled)
            #expect(result.events.filter { $0.kind == .workersUpgraded }.map(\.detail) == ["2 nodes replaced", "2 nodes replaced"])
            #expect(result.events.count { $0.kind == .nodeUncordoned && $0.entity == "worker-c-1" } == 2)
            // Two upgrades of two nodes and two drains of one.
            #expect(result.metric(.drainsCompleted) == 6 && result.metric(.drainsIncomplete) == 0)
        }
    }

    /// Same scenario, same seed: the same result, skips and digest included.
    @Test func skippingIsDeterministic() throws {
        let scenario = try TestScenario(yaml: Self.failing)
        let first = scenario.run(seed: 9).result
        let second = scenario.run(seed: 9).result
        #expect(first == second)
        #expect(first.quietSkips > 0)
    }
}

/// Results written by concurrent runs, one slot each.
private final class ResultSlots: @unchecked Sendable {
    private var slots: [RunResult?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: RunResult) {
        lock.lock()
        defer { lock.unlock() }
        slots[index] = result
    }

    var values: [RunResult] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0! }
    }
}
