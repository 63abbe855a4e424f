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
        let crashes = (0..<3).map { Fault(kind: .hostCrash(.host($0)), at: .fixed(.seconds(110)), duration: .fixed(.minutes(1))) }
        let web = DrainScenario.workload(replicas: 3, pdb: DisruptionBudget(.maxUnavailable(.count(1))))
        var scenario = DrainScenario.make(workers: 1, web, duration: .minutes(10), faults: crashes)
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
