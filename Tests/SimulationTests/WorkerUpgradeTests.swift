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
