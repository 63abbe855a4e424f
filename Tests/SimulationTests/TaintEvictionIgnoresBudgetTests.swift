import SimKernel
import Testing

@testable import Simulation

/// Taint-based eviction does not go through the eviction API: the taint
/// eviction controller deletes the pods of a node whose NoExecute taint
/// outlasted their toleration (kubernetes
/// pkg/controller/tainteviction/taint_eviction.go `addConditionAndDeletePod`
/// calls `Pods().Delete`), so a PodDisruptionBudget does not hold it back.
@Suite struct TaintEvictionIgnoresBudgetTests {
    @Test func aZoneOutageEvictsPodsABudgetWouldProtect() {
        let topology = Topology(zones: ["a", "b", "c"], mastersPerZone: [1, 1, 1], workersPerZone: [2, 2, 2])
        var web = Workload(name: "web", replicas: 6, milliCPU: 250, memoryBytes: 256 << 20)
        web.pdb = DisruptionBudget(.minAvailable(.count(6)))
        let outage = Fault(kind: .zoneOutage(.zone(0)), at: .fixed(.minutes(1)), duration: .fixed(.minutes(20)))
        var scenario = Scenario(name: "outage", duration: .minutes(30), topology: topology, faults: [outage])
        scenario.workloads = [web]
        let result = simulate(scenario, seed: 1)
        #expect(result.metric(.podsEvicted) == 2)
        #expect(result.metric(.workloadEvictionsRefused("web")) == 0)
    }
}
