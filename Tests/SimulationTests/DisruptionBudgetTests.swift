import Testing

@testable import Simulation

/// A PodDisruptionBudget's arithmetic: the disruption controller's
/// expected and desired healthy pods (kubernetes
/// pkg/controller/disruption/disruption.go `getExpectedPodCount`, with
/// intstr `GetScaledValueFromIntOrPercent` rounding up) and
/// disruptionsAllowed (`updatePdbStatus`), and the eviction API's answer
/// (pkg/registry/core/pod/storage/eviction.go `Create`, `checkAndDecrement`).
@Suite struct DisruptionBudgetTests {
    @Test func desiredHealthyFollowsTheRuleAndRoundsPercentagesUp() {
        // maxUnavailable counts against the scale: 12 - 1.
        #expect(DisruptionBudget(.maxUnavailable(.count(1))).expectation(replicas: 12, pods: 10) == (12, 11))
        // An integer minAvailable against the pods that exist.
        #expect(DisruptionBudget(.minAvailable(.count(4))).expectation(replicas: 12, pods: 10) == (10, 4))
        // 50 % of 5 is 2.5: minAvailable rounds up to 3, and so does
        // maxUnavailable, leaving 2 desired.
        #expect(DisruptionBudget(.minAvailable(.percent(50))).expectation(replicas: 5, pods: 5) == (5, 3))
        #expect(DisruptionBudget(.maxUnavailable(.percent(50))).expectation(replicas: 5, pods: 5) == (5, 2))
        #expect(DisruptionBudget(.maxUnavailable(.count(9))).expectation(replicas: 5, pods: 5) == (5, 0))
    }

    @Test func evictionsSpendTheAllowedDisruptionsThenAreRefused() {
        var status = DisruptionBudgetStatus(DisruptionBudget(.maxUnavailable(.count(2))))
        status.sync(healthy: 10, replicas: 10, pods: 10)
        #expect(status.disruptionsAllowed == 2)
        let answers = (0..<3).map { _ in status.admit(podReady: true) }
        #expect(answers == [true, true, false])
        #expect(status.refusals == 1)
        // The controller's next sync sees the two gone: still none allowed.
        status.sync(healthy: 8, replicas: 10, pods: 10)
        #expect(status.disruptionsAllowed == 0)
        // A pod that is not Ready does not count toward healthy and goes
        // without spending the budget while the budget is met...
        status.sync(healthy: 9, replicas: 10, pods: 10)
        let unready = status.admit(podReady: false)
        #expect(unready)
        #expect(status.disruptionsAllowed == 1)
        // ...and is refused like any other when it is not.
        status.sync(healthy: 7, replicas: 10, pods: 10)
        let belowBudget = status.admit(podReady: false)
        #expect(!belowBudget)
        // No expected pods: nothing allowed (the controller's safe state).
        status.sync(healthy: 3, replicas: 0, pods: 3)
        #expect(status.disruptionsAllowed == 0)
    }
}
