import SimKernel
import Testing

@testable import Simulation

/// A PodDisruptionBudget's status is written by the disruption controller
/// in kube-controller-manager (kubernetes pkg/controller/disruption/disruption.go
/// `trySync`); the eviction API only reads it and spends it
/// (pkg/registry/core/pod/storage/eviction.go `checkAndDecrement`). With no
/// kube-controller-manager working, the disruption the status still allows
/// is spent, the ReplicaSet controller (the same process) creates no
/// replacement, and every later eviction is refused until a leader works again.
@Suite struct DrainWithoutTheControllerManagerTests {
    @Test func aStaleBudgetAdmitsWhatItStillAllowsThenHoldsTheDrain() {
        let crashes = (0..<3).map {
            Fault(kind: .componentCrash(.kubeControllerManager, .host($0)), at: .fixed(.seconds(110)), duration: .fixed(.minutes(3)))
        }
        let web = DrainScenario.workload(replicas: 12, pdb: DisruptionBudget(.maxUnavailable(.count(1))))
        let result = simulate(DrainScenario.make(workers: 2, web, duration: .minutes(10), faults: crashes), seed: 1)
        let evicted = result.events.filter { $0.kind == .drainEvicted }.map(\.time)
        #expect(evicted.count == 2)
        #expect(evicted.first == SimInstant.start + .minutes(2))
        // The controllers are back from 4m50s: the second pod goes only after that.
        #expect(evicted.last! > SimInstant.start + .seconds(290))
        // Refused every 5 s from 2m until then.
        #expect(result.metric(.drainsEvictionsRefused)! >= 34)
        #expect(result.metric(.drainsCompleted) == 1)
    }
}
