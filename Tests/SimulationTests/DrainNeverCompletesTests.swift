import SimKernel
import Testing

@testable import Simulation

/// A drain that a PodDisruptionBudget blocks for good: minAvailable equal
/// to the replicas leaves disruptionsAllowed at 0 (kubernetes
/// pkg/controller/disruption/disruption.go `updatePdbStatus`), so every
/// eviction is refused (pkg/registry/core/pod/storage/eviction.go
/// `checkAndDecrement`). kubectl drain's `--timeout` ends it (kubernetes/kubectl
/// pkg/drain/drain.go `evictPods`: "global timeout reached"); it is reported,
/// the next operation runs, and the run ends.
@Suite struct DrainNeverCompletesTests {
    func scenario(timeout: SimDuration?) -> Scenario {
        DrainScenario.make(
            workers: 1, DrainScenario.workload(replicas: 6, pdb: DisruptionBudget(.minAvailable(.count(6)))), duration: .minutes(10),
            drains: [(.minutes(1), "worker-a-1"), (.minutes(2), "worker-b-1")], timeout: timeout)
    }

    /// Both pods on worker-a-1 are refused at every attempt, every 5 s,
    /// until the 2-minute timeout: 24 attempts of 2 pods. The drain is
    /// reported as timed out and incomplete, nothing was evicted, and the
    /// next drain (queued behind it) begins when it ends.
    @Test func aBlockedDrainStopsAtItsTimeoutAndIsReported() {
        let result = simulate(scenario(timeout: .minutes(2)), seed: 1)
        let timedOut = result.events.filter { $0.kind == .drainTimedOut }
        #expect(timedOut.map(\.entity) == ["worker-a-1", "worker-b-1"])
        #expect(timedOut.first!.time == SimInstant.start + .minutes(3))
        #expect(timedOut.first!.detail.contains("2 pods not evicted, 0 evicted and not yet gone, 48 evictions refused"))
        let started = result.events.filter { $0.kind == .drainStarted }
        #expect(started.map(\.time) == [SimInstant.start + .minutes(1), SimInstant.start + .minutes(3)])
        #expect(result.metric(.drainsStarted) == 2)
        #expect(result.metric(.drainsCompleted) == 0)
        #expect(result.metric(.drainsIncomplete) == 2)
        #expect(result.metric(.drainsPodsEvicted) == 0)
        #expect(result.metric(.drainsEvictionsRefused) == 96)
        #expect(!result.events.contains { $0.kind == .drainCompleted || $0.kind == .drainEvicted })
        // The budget held: no pod was ever down.
        #expect(result.metric(.workloadAvailability("web")) == 1)
    }

    /// With the default timeout (1 h) a drain still blocked when a 10-minute
    /// run ends counts as incomplete, and the run ends at its duration.
    @Test func aDrainStillBlockedAtTheEndCountsAsIncomplete() {
        let result = simulate(scenario(timeout: nil), seed: 1)
        #expect(result.metric(.drainsStarted) == 1)
        #expect(result.metric(.drainsIncomplete) == 1)
        #expect(result.metric(.drainsCompleted) == 0)
        #expect(!result.events.contains { $0.kind == .drainTimedOut })
        // A round every 5 s from 1m to the run's last instant, 10m, both pods each time.
        #expect(result.metric(.drainsEvictionsRefused) == 218)
    }
}
