import SimKernel
import Testing

@testable import Simulation

/// An evicted pod takes its termination grace period to go (core/v1
/// `terminationGracePeriodSeconds`, 30 s by default), and kubectl drain
/// waits for it (kubernetes/kubectl pkg/drain/drain.go `waitForDelete`).
/// A Deployment's ReplicaSet replaces it at once, not counting terminating
/// pods (kubernetes pkg/controller/controller_utils.go `FilterActivePods`);
/// a StatefulSet creates the pod anew only once the old one is gone
/// (pkg/controller/statefulset/stateful_set_control.go).
@Suite struct DrainGracePeriodTests {
    func run(_ kind: Workload.Kind, until end: SimDuration) -> World {
        let db = DrainScenario.workload("db", kind: kind, replicas: 3, pdb: DisruptionBudget(.maxUnavailable(.count(1))))
        let scenario = DrainScenario.make(workers: 1, db, duration: end)
        var world = World(scenario: scenario, seed: 1)
        _ = world.run()
        return world
    }

    @Test func aStatefulSetsPodIsCreatedAnewOnlyOnceTheEvictedOneIsGone() {
        // 20 s into the grace period: the old pod still terminating, no new one.
        let during = run(.statefulSet, until: .minutes(2) + .seconds(20))
        #expect(during.workers.pods[0].terminating.reduce(0, +) == 1)
        #expect(during.workers.pods[0].ready == 2)
        #expect(during.workers.drains.active != nil)
        // 40 s in: gone at 30 s, created, bound and started within 5 s more.
        let after = run(.statefulSet, until: .minutes(2) + .seconds(40))
        #expect(after.workers.pods[0].terminating.reduce(0, +) == 0)
        #expect(after.workers.pods[0].ready == 3)
        #expect(after.workers.drains.completed == 1)
        #expect(after.workers.drains.longest == .seconds(30))
    }

    @Test func aDeploymentsPodIsReplacedAtOnce() {
        let during = run(.deployment, until: .minutes(2) + .seconds(20))
        #expect(during.workers.pods[0].ready == 3)
        // The drain still waits for the evicted pod to be gone.
        #expect(during.workers.drains.active != nil)
        #expect(during.workers.drains.completed == 0)
    }
}
