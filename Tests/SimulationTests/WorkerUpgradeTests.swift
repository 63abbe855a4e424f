import SimKernel
import Testing

@testable import Simulation

/// `upgradeWorkers`: a node pool's surge upgrade, one node at a time, as
/// GKE's `NodePool.UpgradeSettings` describes it (maxSurge nodes added
/// beyond the pool's size, at most maxUnavailable unavailable, disruption
/// within the PodDisruptionBudgets): each old node drained as kubectl
/// drain does (kubernetes/kubectl pkg/drain/drain.go `evictPods`) and
/// deleted.
@Suite struct WorkerUpgradeTests {
    func run(maxSurge: Int) -> (RunResult, World) {
        var scenario = DrainScenario.make(
            workers: 1, DrainScenario.workload(replicas: 6, pdb: DisruptionBudget(.maxUnavailable(.count(1)))), duration: .minutes(30), drains: [])
        scenario.topology.workerSurgePerZone = [1, 1, 1]
        let names = scenario.topology.hosts.map(\.name)
        func id(_ name: String) -> Int { names.firstIndex(of: name)! }
        var upgrade = WorkerUpgrade(old: ["worker-a-1", "worker-b-1", "worker-c-1"].map(id), new: ["worker-a-2", "worker-b-2", "worker-c-2"].map(id))
        upgrade.maxSurge = maxSurge
        upgrade.maxUnavailable = 1 - maxSurge
        scenario.operations = [MasterOperation(at: .minutes(2), kind: .upgradeWorkers(upgrade))]
        var world = World(scenario: scenario, seed: 1)
        return (world.run(), world)
    }

    func time(_ result: RunResult, _ kind: EventKind, _ entity: String) -> SimInstant {
        result.events.first { $0.kind == kind && $0.entity == entity }!.time
    }

    /// maxSurge 1: the new node is Ready before the old one is drained, the
    /// old one deleted once its drain is done, and only then the next.
    @Test func eachNewNodeJoinsBeforeItsOldOneIsDrainedAndDeleted() {
        let (result, world) = run(maxSurge: 1)
        for (old, new) in [("worker-a-1", "worker-a-2"), ("worker-b-1", "worker-b-2"), ("worker-c-1", "worker-c-2")] {
            #expect(time(result, .upgradeNodeRequested, new) < time(result, .nodeRegistered, new))
            #expect(time(result, .nodeRegistered, new) < time(result, .drainStarted, old))
            #expect(time(result, .drainCompleted, old) == time(result, .workerNodeRemoved, old))
        }
        #expect(time(result, .workerNodeRemoved, "worker-a-1") <= time(result, .upgradeNodeRequested, "worker-b-2"))
        #expect(result.events.filter { $0.kind == .workersUpgraded }.map(\.detail) == ["3 nodes replaced"])
        #expect(result.metric(.drainsCompleted) == 3)
        // The budget held: one pod of six missing at a time, briefly.
        #expect(result.metric(.workloadAvailability("web"))! > 0.99)
        // A deleted node is gone, not NotReady; every pod is on a new node.
        #expect(result.metric(.nodesNotReadyPeak) == 0)
        #expect(world.workers.pods[0].ready == 6)
        let oldSlots = world.workers.nodes.indices.filter {
            ["worker-a-1", "worker-b-1", "worker-c-1"].contains(world.hosts[world.workers.nodes[$0].host].name)
        }
        #expect(oldSlots.allSatisfy { world.workers.pods[0].bound[$0] == 0 && !world.fleet.provisioned[world.workers.nodes[$0].host] })
    }

    /// maxUnavailable 1: the old node is drained and deleted first, its
    /// replacement asked for after.
    @Test func withMaxUnavailableTheOldNodeGoesFirst() {
        let (result, world) = run(maxSurge: 0)
        for (old, new) in [("worker-a-1", "worker-a-2"), ("worker-b-1", "worker-b-2"), ("worker-c-1", "worker-c-2")] {
            #expect(time(result, .workerNodeRemoved, old) == time(result, .upgradeNodeRequested, new))
            #expect(time(result, .drainStarted, old) < time(result, .nodeRegistered, new))
        }
        #expect(result.metric(.drainsCompleted) == 3)
        #expect(world.workers.pods[0].ready == 6)
    }
}

extension WorkerUpgradeTests {
    /// A new node that never comes (its zone is down, so its VM never
    /// boots) stops the upgrade at its timeout, reported, and the old node
    /// is left as it was: not drained, not deleted.
    @Test func anUpgradeWhoseNewNodeNeverComesStopsAtItsTimeout() {
        var scenario = DrainScenario.make(
            workers: 1, DrainScenario.workload(replicas: 6, pdb: nil), duration: .minutes(30),
            faults: [Fault(kind: .zoneOutage(.zone(0)), at: .fixed(.seconds(110)), duration: .fixed(.minutes(20)))], drains: [])
        scenario.topology.workerSurgePerZone = [1, 1, 1]
        let names = scenario.topology.hosts.map(\.name)
        var upgrade = WorkerUpgrade(old: [names.firstIndex(of: "worker-a-1")!], new: [names.firstIndex(of: "worker-a-2")!])
        upgrade.drain.timeout = .minutes(5)
        scenario.operations = [MasterOperation(at: .minutes(2), kind: .upgradeWorkers(upgrade))]
        let result = simulate(scenario, seed: 1)
        let failed = result.events.first { $0.kind == .operationFailed }!
        #expect(failed.entity == "worker-a-2")
        #expect(failed.time == SimInstant.start + .minutes(7))
        #expect(!result.events.contains { $0.kind == .drainStarted || $0.kind == .workerNodeRemoved || $0.kind == .workersUpgraded })
    }
}

extension WorkerUpgradeTests {
    /// Two workers a zone, their upgrade to the surge hosts and back: with
    /// `maxSurge` n, n new nodes are asked for at once and the n old ones
    /// drained together once all are Ready (AKS "cordons and drains as many
    /// nodes at the same time as the number of buffer nodes",
    /// learn.microsoft.com azure/aks/upgrade-aks-node-pools-rolling).
    func upgradeThereAndBack(maxSurge: Int) -> (RunResult, World) {
        var scenario = DrainScenario.make(
            workers: 2, DrainScenario.workload(replicas: 6, pdb: DisruptionBudget(.maxUnavailable(.count(2)))), duration: .minutes(60), drains: [])
        scenario.topology.workerSurgePerZone = [2, 2, 2]
        let names = scenario.topology.hosts.map(\.name)
        func ids(_ numbers: [Int]) -> [Int] { ["a", "b", "c"].flatMap { zone in numbers.map { names.firstIndex(of: "worker-\(zone)-\($0)")! } } }
        var there = WorkerUpgrade(old: ids([1, 2]), new: ids([3, 4]))
        there.maxSurge = maxSurge
        var back = WorkerUpgrade(old: ids([3, 4]), new: ids([1, 2]))
        back.maxSurge = maxSurge
        scenario.operations = [
            MasterOperation(at: .minutes(2), kind: .upgradeWorkers(there)), MasterOperation(at: .minutes(20), kind: .upgradeWorkers(back)),
        ]
        var world = World(scenario: scenario, seed: 1)
        return (world.run(), world)
    }

    @Test func withMaxSurgeABatchOfNodesIsReplacedAtOnce() {
        let (result, _) = upgradeThereAndBack(maxSurge: 3)
        let first = result.events.filter { $0.kind == .drainStarted }.first!
        // The first batch: worker-a-3, worker-a-4 and worker-b-3 asked for at once, all Ready before the drain.
        let requested = result.events.filter { $0.kind == .upgradeNodeRequested }.prefix(3)
        #expect(requested.map(\.entity) == ["worker-a-3", "worker-a-4", "worker-b-3"])
        #expect(Set(requested.map(\.time)).count == 1)
        for name in requested.map(\.entity) { #expect(time(result, .nodeRegistered, name) < first.time) }
        #expect(first.entity == "node-pool")
        let removed = result.events.filter { $0.kind == .workerNodeRemoved }.prefix(3)
        #expect(removed.map(\.entity) == ["worker-a-1", "worker-a-2", "worker-b-1"] && Set(removed.map(\.time)).count == 1)
        // Two batches an upgrade, six nodes counted as drains each time.
        #expect(result.events.count { $0.kind == .drainStarted } == 4)
        #expect(result.metric(.drainsStarted) == 12 && result.metric(.drainsCompleted) == 12)
    }

    /// The second upgrade replaces the nodes the first created, with new VMs
    /// under the first names: each registers a new Node, schedulable (not
    /// the cordon of the Node deleted before), and the pods end on them.
    @Test func theSecondUpgradeBringsBackTheFirstNamesAsNewNodes() {
        let (result, world) = upgradeThereAndBack(maxSurge: 1)
        #expect(result.events.count { $0.kind == .nodeRegistered && $0.entity == "worker-a-1" } == 1)
        #expect(result.events.filter { $0.kind == .workersUpgraded }.map(\.detail) == ["6 nodes replaced", "6 nodes replaced"])
        let firstNames = world.workers.nodes.indices.filter {
            [1, 2].contains(Int(world.hosts[world.workers.nodes[$0].host].name.split(separator: "-").last!)!)
        }
        #expect(firstNames.count == 6)
        #expect(
            firstNames.allSatisfy { world.workers.nodes[$0].node != nil && !world.workers.nodes[$0].unschedulable && world.workers.scheduling.schedulable[$0] })
        #expect(firstNames.reduce(0) { $0 + world.workers.pods[0].bound[$1] } == 6)
        #expect(world.workers.pods[0].ready == 6)
    }
}

/// A maintenance drain returns its node: `kubectl uncordon` once the drain
/// has completed (kubernetes/kubectl pkg/drain/default.go
/// `RunCordonOrUncordon` with desired false), and not after one that timed out.
@Suite struct DrainUncordonTests {
    func run(uncordon: Bool, timeout: SimDuration = .hours(1), pdb: DisruptionBudget? = nil) -> (RunResult, World) {
        var scenario = DrainScenario.make(workers: 2, DrainScenario.workload(replicas: 6, pdb: pdb), duration: .minutes(30), timeout: timeout)
        if case .drain(var drain) = scenario.operations[0].kind {
            drain.uncordon = uncordon
            scenario.operations[0].kind = .drain(drain)
        }
        var world = World(scenario: scenario, seed: 1)
        return (world.run(), world)
    }

    func slot(_ world: World) -> Int { world.workers.nodes.indices.first { world.hosts[world.workers.nodes[$0].host].name == "worker-a-1" }! }

    @Test func aCompletedDrainUncordonsItsNode() {
        let (result, world) = run(uncordon: true)
        let completed = result.events.first { $0.kind == .drainCompleted }!
        let uncordoned = result.events.first { $0.kind == .nodeUncordoned }!
        #expect(uncordoned.entity == "worker-a-1" && uncordoned.time == completed.time)
        #expect(!world.workers.nodes[slot(world)].unschedulable && world.workers.scheduling.schedulable[slot(world)])
        let (plain, left) = run(uncordon: false)
        #expect(!plain.events.contains { $0.kind == .nodeUncordoned })
        #expect(left.workers.nodes[slot(left)].unschedulable)
    }

    /// A budget that never lets the pods go (minAvailable all six): the
    /// drain times out and the node stays cordoned.
    @Test func aDrainThatTimedOutStaysCordoned() {
        let (result, world) = run(uncordon: true, timeout: .minutes(5), pdb: DisruptionBudget(.minAvailable(.count(6))))
        #expect(result.events.contains { $0.kind == .drainTimedOut })
        #expect(!result.events.contains { $0.kind == .nodeUncordoned })
        #expect(world.workers.nodes[slot(world)].unschedulable)
    }
}
