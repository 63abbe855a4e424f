import SimKernel
import Simulation
import Testing

/// The node lifecycle controller's API budget (issue 23, item 3): its client
/// is a token bucket of `--kube-api-qps` 20 and `--kube-api-burst` 30
/// (pkg/controller/apis/config/v1alpha1/defaults.go
/// `SetDefaults_KubeControllerManagerConfiguration`; client-go
/// util/flowcontrol throttle.go), monitorNodeHealth marks every pod of a
/// node that turned Unknown not ready with one request each
/// (controller_utils.go `MarkPodsNotReady`), and the next pass starts the
/// monitor period after the last request (`wait.UntilWithContext` in
/// node_lifecycle_controller.go `Run`).
@Suite struct NodeControllerBudgetTests {
    /// 300 nodes a zone, 30 pods a node (27,000 pods), zone a dark 15 minutes.
    /// `unlimited`: the model before the budget, every request granted at once.
    func denseZoneOutage(seed: UInt64, unlimited: Bool = false, qps: Double = 20, burst: Int = 30) -> RunResult {
        var topology = Topology(zones: ["a", "b", "c"], mastersPerZone: [1, 1, 1], workersPerZone: [300, 300, 300])
        topology.workerNodes.nodeLifecycle.kubeAPIQPS = unlimited ? 1_000_000 : qps
        topology.workerNodes.nodeLifecycle.kubeAPIBurst = unlimited ? 1_000_000 : burst
        var web = Workload(
            name: "web", kind: .deployment, replicas: 27_000, milliCPU: 50, memoryBytes: 128 << 20,
            spread: .init(whenUnsatisfiable: .scheduleAnyway))
        web.startup = .fixed(.seconds(2))
        let outage = Fault(kind: .zoneOutage(.zone(0)), at: .fixed(.seconds(600)), duration: .fixed(.seconds(900)))
        var scenario = Scenario(name: "dense", duration: .minutes(40), topology: topology, faults: [outage])
        scenario.workloads = [web]
        return simulate(scenario, seed: seed)
    }

    /// The length of a throttled pass, as its event gives it ("lasts 9.35 s").
    func passLength(_ event: EventRecord) -> Double? {
        guard let range = event.detail.range(of: "lasts ") else { return nil }
        return Double(event.detail[range.upperBound...].prefix { $0 != " " })
    }

    /// Without the budget the zone's nodes go Unknown over the passes 50 s
    /// after the outage, are tainted at 0.1 nodes/s (`--node-eviction-rate`)
    /// from the pass after, and their pods go 300 s after each taint
    /// (DefaultTolerationSeconds): 53 to 56 nodes' 30 pods in the 900 s.
    /// With it, the first pass that marks nodes Unknown costs one request a
    /// node and one a pod (31 a node) and delays the next; the pass after
    /// that marks the rest, some 9,000 requests (about 7.5 minutes at
    /// 20 QPS), and only the nodes the earlier pass saw Unknown are queued for
    /// tainting meanwhile (processTaintBaseEviction reads the status as
    /// listed). The bulk of the zone is queued once that pass ends, so far
    /// fewer pods are evicted within the outage, each delay in the events.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func aDenseZoneOutageEvictsLaterAndFewerThroughTheBudget(seed: UInt64) throws {
        let budgeted = denseZoneOutage(seed: seed)
        let unlimited = denseZoneOutage(seed: seed, unlimited: true)
        let before = try #require(unlimited.metric(.podsEvicted))
        let after = try #require(budgeted.metric(.podsEvicted))
        #expect(before >= 1_500 && before <= 1_680)
        #expect(after >= 150 && after <= 1_200, "\(after) pods evicted through the budget")
        #expect(after < before * 0.75)
        #expect(unlimited.events.allSatisfy { $0.kind != .nodeControllerThrottled })

        // Traceable: the first throttled pass is the first that marked nodes
        // Unknown; the next pass (which queues them for tainting) starts its
        // length plus the 5 s period later, and the first eviction follows
        // 100 ms (the tainting tick) and 300 s after that.
        let throttled = budgeted.events.filter { $0.kind == .nodeControllerThrottled }
        let first = try #require(throttled.first)
        let firstUnknown = try #require(budgeted.events.first { $0.kind == .nodesNotReady && $0.entity == "node-zone/a" })
        #expect(first.time == firstUnknown.time)
        let length = try #require(passLength(first))
        let firstEviction = try #require(budgeted.events.first { $0.kind == .podsEvicted }).time
        let wait: Double = length + 5 + 0.1 + 300
        let expected = first.time + SimDuration(seconds: wait)
        #expect(abs((firstEviction - expected).seconds) < 0.15, "first eviction at \(firstEviction), expected \(expected)")
        let unlimitedFirst = try #require(unlimited.events.first { $0.kind == .podsEvicted }).time
        #expect(firstEviction > unlimitedFirst)

        // The pass that marks the bulk of the zone lasts about its requests
        // less the burst over the QPS: some 7 minutes. Until it has ended
        // (and the period and the toleration have passed), only the nodes the
        // first throttled pass marked can have lost their pods. The pass also
        // marks the few nodes of zones b and c whose kubelets redialled to
        // the dead master-a-1 and waited out their lease request's 10 s
        // timeout (KubeletPinningTests), 31 requests each.
        let longest = try #require(throttled.max { (passLength($0) ?? 0) < (passLength($1) ?? 0) })
        let longestLength = try #require(passLength(longest))
        #expect(longestLength > 400 && longestLength < 520, "longest pass \(longestLength) s")
        let bulkWait: Double = longestLength + 5 + 300
        let cutoff = longest.time + SimDuration(seconds: bulkWait)
        let markedFirst = try #require(nodeStatusCalls(first))
        let early = budgeted.events.filter { $0.kind == .podsEvicted && $0.time < cutoff }
        #expect(early.count <= markedFirst, "\(early.count) evictions before \(cutoff), \(markedFirst) nodes marked first")
    }

    /// The node status requests of a throttled pass ("(7 node status").
    func nodeStatusCalls(_ event: EventRecord) -> Int? {
        guard let range = event.detail.range(of: " node status") else { return nil }
        return Int(event.detail[..<range.lowerBound].reversed().prefix { $0.isNumber }.reversed().map(String.init).joined())
    }

    /// A kube-controller-manager with more budget evicts more: the budget,
    /// not anything else, is what held the evictions back.
    @Test func aLargerBudgetEvictsMore() {
        let faster = denseZoneOutage(seed: 1, qps: 200, burst: 300).metric(.podsEvicted)!
        let defaults = denseZoneOutage(seed: 1).metric(.podsEvicted)!
        #expect(faster > defaults)
    }
}
