import ScenarioFile
import Simulation
import SimKernel
import Testing

/// The work estimate against what runs dispatch (docs/PERFORMANCE.md's
/// measured rates) and its printed form.
@Suite struct WorkEstimateTests {
    func scenario(_ text: String) throws -> Scenario { try ScenarioParser.parse(text, file: "s.yaml") }

    /// An idle member costs about 70 events per simulated second with three
    /// members (10 ticks, and 20 heartbeat messages per follower).
    @Test func anIdleThreeMemberClusterMatchesTheMeasuredRate() throws {
        let idle = try scenario("name: t\ntopology:\n  zones: [a, b, c]\n  masters: {a: 1, b: 1, c: 1}\n  etcd: {writeProbe: {rate: 0}}\n  access: {clients: {external: 0, inCluster: 0}}\n")
        // 30 ticks + 40 heartbeat messages + 4.5 leader-election tries per
        // second; no health checks (the scripts' target pool has none).
        #expect(abs(WorkEstimate.rate(idle) - 74.5) < 0.01)
    }

    @Test func theEstimateIsCloseToTheEventsARunDispatches() throws {
        let small = try scenario("name: t\nduration: 10m\ntopology:\n  zones: [a, b, c]\n  masters: {a: 1, b: 1, c: 1}\nfaults:\n  - {at: 2m, crash: master-a-1, for: 1m}\n")
        let dispatched = Double(simulate(small).eventsDispatched)
        let estimate = WorkEstimate.events(small)
        #expect(estimate >= 0.9 * dispatched && estimate <= 2 * dispatched, "estimate \(estimate), dispatched \(dispatched)")
    }

    @Test func theEstimateIsPrintedInScientificNotationWithATime() {
        #expect(WorkEstimate.describe(4.8e13) == "about 4.8e13 events (278 days at 2.0e6 events/s)")
        #expect(WorkEstimate.describe(999) == "about 999 events (under a second at 2.0e6 events/s)")
        #expect(WorkEstimate.describe(1.5e8) == "about 1.5e8 events (75 s at 2.0e6 events/s)")
        #expect(WorkEstimate.describe(9.96e8) == "about 1.0e9 events (8 min at 2.0e6 events/s)")
    }
}
