import SimKernel
import Testing

@testable import Simulation

/// kubectl drain's cordon and evictions are API requests (kubernetes/kubectl
/// pkg/drain/default.go `RunCordonOrUncordon`, pkg/drain/drain.go
/// `EvictPod`, a POST to the pod's eviction subresource): while no
/// apiserver serves through the cluster's endpoint nothing is cordoned or
/// evicted, and the drain goes on at its first 5 s retry after one does.
@Suite struct DrainNeedsTheAPITests {
    @Test func nothingIsCordonedOrEvictedWhileNoAPIServerServes() {
        let topology = Topology(zones: ["a", "b", "c"], mastersPerZone: [1, 1, 1], workersPerZone: [1, 1, 1])
        var web = Workload(name: "web", replicas: 3, milliCPU: 250, memoryBytes: 256 << 20)
        web.pdb = DisruptionBudget(.maxUnavailable(.count(1)))
        let crashes = (0..<3).map { Fault(kind: .hostCrash(.host($0)), at: .fixed(.seconds(110)), duration: .fixed(.minutes(1))) }
        var scenario = Scenario(name: "api-down", duration: .minutes(10), topology: topology, faults: crashes)
        scenario.workloads = [web]
        let worker = topology.hosts.first { $0.name == "worker-a-1" }!.id
        scenario.operations = [MasterOperation(at: .minutes(2), kind: .drain(NodeDrain(host: worker)))]
        let result = simulate(scenario, seed: 1)
        let started = result.events.first { $0.kind == .drainStarted }!.time
        let cordoned = result.events.first { $0.kind == .nodeCordoned }!.time
        let evicted = result.events.first { $0.kind == .drainEvicted }!.time
        #expect(started == SimInstant.start + .minutes(2))
        // The masters are back at 2m50s; the cordon comes at a retry after that.
        #expect(cordoned > SimInstant.start + .seconds(170))
        #expect((cordoned - started).nanoseconds % SimDuration.seconds(5).nanoseconds == 0)
        #expect(evicted == cordoned)
        #expect(result.metric(.drainsCompleted) == 1)
        // Without the crashes the drain cordons at once.
        scenario.faults = []
        let quiet = simulate(scenario, seed: 1)
        #expect(quiet.events.first { $0.kind == .nodeCordoned }!.time == SimInstant.start + .minutes(2))
    }
}
