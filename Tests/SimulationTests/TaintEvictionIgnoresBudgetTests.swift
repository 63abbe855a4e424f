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
        let outage = Fault(kind: .zoneOutage(.zone(0)), at: .fixed(.minutes(1)), duration: .fixed(.minutes(20)))
        let web = DrainScenario.workload(replicas: 6, pdb: DisruptionBudget(.minAvailable(.count(6))))
        let scenario = DrainScenario.make(workers: 2, web, duration: .minutes(30), faults: [outage], drains: [])
        let result = simulate(scenario, seed: 1)
        #expect(result.metric(.podsEvicted) == 2)
        #expect(result.metric(.workloadEvictionsRefused("web")) == 0)
    }
}
