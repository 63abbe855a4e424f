import SimKernel
import Testing

@testable import Simulation

/// `kubectl drain` against a PodDisruptionBudget: the eviction API refuses
/// (429) an eviction that disruptionsAllowed does not cover (kubernetes
/// pkg/registry/core/pod/storage/eviction.go `checkAndDecrement`), the
/// disruption controller allows one more once a replacement is Ready
/// (pkg/controller/disruption/disruption.go `updatePdbStatus`:
/// currentHealthy - desiredHealthy), and kubectl asks again every
/// `EvictErrorRetryDelay`, 5 s (kubernetes/kubectl pkg/drain/drain.go
/// `evictPods`), then waits for each pod's grace period (`waitForDelete`).
@Suite struct DrainBlockedByBudgetTests {
    /// Six workers, two a zone, and 12 pods of web: two on each node.
    func scenario(startup: SimDuration, pdb: DisruptionBudget?) -> Scenario {
        DrainScenario.make(workers: 2, DrainScenario.workload(replicas: 12, pdb: pdb, startup: startup), duration: .minutes(10))
    }

    func times(_ result: RunResult, _ kind: EventKind) -> [SimDuration] {
        result.events.filter { $0.kind == kind }.map { $0.time - SimInstant.start - .minutes(2) }
    }

    /// maxUnavailable 1 of 12: the first pod is admitted, the second refused
    /// until the first one's replacement is Ready on another node. With a
    /// startup of 7 s the retry at 5 s is refused again and the one at 10 s
    /// goes through; with 2 s the first retry does. The drain ends one grace
    /// period (30 s) after the last eviction.
    @Test func aRefusedEvictionIsRetriedEveryFiveSecondsUntilAReplacementIsReady() {
        let budget = DisruptionBudget(.maxUnavailable(.count(1)))
        let slow = simulate(scenario(startup: .seconds(7), pdb: budget), seed: 1)
        #expect(times(slow, .nodeCordoned) == [.zero])
        #expect(times(slow, .drainEvicted) == [.zero, .seconds(10)])
        #expect(times(slow, .drainEvictionRefused) == [.zero, .seconds(5)])
        #expect(times(slow, .drainCompleted) == [.seconds(40)])
        #expect(slow.metric(.drainsEvictionsRefused) == 2)
        #expect(slow.metric(.workloadEvictionsRefused("web")) == 2)
        #expect(slow.metric(.drainsLongestSeconds) == 40)
        #expect(slow.metric(.drainsCompleted) == 1)
        #expect(slow.metric(.drainsIncomplete) == 0)
        // The refusal quotes the status as it stood: the first eviction spent
        // the one disruption, and the controller has not counted it out yet.
        #expect(slow.events.first { $0.kind == .drainEvictionRefused }!.detail.contains("1 of web (needs 11 healthy, has 12)"))

        let quick = simulate(scenario(startup: .seconds(2), pdb: budget), seed: 1)
        #expect(times(quick, .drainEvicted) == [.zero, .seconds(5)])
        #expect(times(quick, .drainEvictionRefused) == [.zero])
        #expect(times(quick, .drainCompleted) == [.seconds(35)])
        // Never more than one pod of twelve missing at once.
        #expect(quick.metric(.workloadAvailability("web"))! > 1 - 2.0 * 2.1 / 12 / 600)
    }

    /// Without a budget nothing is refused: both pods are evicted at once
    /// and the drain ends after one grace period.
    @Test func withoutABudgetEveryPodIsEvictedAtOnce() {
        let result = simulate(scenario(startup: .seconds(7), pdb: nil), seed: 1)
        #expect(times(result, .drainEvicted) == [.zero])
        #expect(result.events.first { $0.kind == .drainEvicted }!.detail.hasPrefix("2 of web"))
        #expect(times(result, .drainEvictionRefused) == [])
        #expect(times(result, .drainCompleted) == [.seconds(30)])
        #expect(result.metric(.drainsPodsEvicted) == 2)
        #expect(result.metric(.workloadEvictionsRefused("web")) == nil)
    }

    /// The replacements go elsewhere: the cordoned node takes none
    /// (the scheduler's NodeUnschedulable filter), so all 12 pods run on
    /// the other five nodes, and the node stays cordoned after the drain.
    @Test func theCordonedNodeTakesNoReplacement() {
        var world = World(scenario: scenario(startup: .seconds(2), pdb: DisruptionBudget(.maxUnavailable(.count(1)))), seed: 1)
        _ = world.run()
        let drained = world.workers.nodes.firstIndex { world.hosts[$0.host].name == "worker-a-1" }!
        #expect(world.workers.nodes[drained].unschedulable)
        #expect(world.workers.nodes[drained].allocatedPods == 0)
        #expect(world.workers.pods[0].ready == 12)
        #expect(world.workers.pods[0].bound.reduce(0, +) == 12)
    }
}
