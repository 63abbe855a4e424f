import SimKernel
import Testing

@testable import Simulation

/// An evicted pod is gone only when its kubelet has stopped it and
/// confirmed the deletion; on a node whose kubelet does not reach the API
/// it stays Terminating past its grace period (the StatefulSet
/// documentation's pods on unreachable nodes), and kubectl drain's
/// `waitForDelete` (kubernetes/kubectl pkg/drain/drain.go) waits for it,
/// until the node is back or `--timeout` ends the drain.
@Suite struct DrainOfADeadNodeTests {
    func scenario(timeout: SimDuration?) -> Scenario {
        let crash = Fault(kind: .hostCrash(.host(3)), at: .fixed(.minutes(1)), duration: .fixed(.minutes(5)))
        return DrainScenario.make(workers: 1, DrainScenario.workload(replicas: 6, pdb: nil), duration: .minutes(15), faults: [crash], timeout: timeout)
    }

    @Test func theDrainWaitsForTheDeadNodesKubeletToConfirm() {
        #expect(Topology(zones: ["a", "b", "c"], mastersPerZone: [1, 1, 1], workersPerZone: [1, 1, 1]).hosts[3].name == "worker-a-1")
        let waited = simulate(scenario(timeout: nil), seed: 1)
        #expect(waited.events.first { $0.kind == .drainEvicted }!.time == SimInstant.start + .minutes(2))
        // The host is back at 6m; its kubelet confirms at its first request.
        let done = waited.events.first { $0.kind == .drainCompleted }!.time
        #expect(done >= SimInstant.start + .minutes(6) && done < SimInstant.start + .minutes(7))
        #expect(waited.metric(.drainsCompleted) == 1)

        let gaveUp = simulate(scenario(timeout: .minutes(2)), seed: 1)
        let timedOut = gaveUp.events.first { $0.kind == .drainTimedOut }!
        #expect(timedOut.time == SimInstant.start + .minutes(4))
        #expect(timedOut.detail.contains("0 pods not evicted, 2 evicted and not yet gone"))
        #expect(gaveUp.metric(.drainsIncomplete) == 1)
    }
}
