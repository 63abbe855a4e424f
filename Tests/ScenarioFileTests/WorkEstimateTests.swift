import ScenarioFile
import Simulation
import SimKernel
import Testing

/// The work estimate against what runs dispatch (docs/PERFORMANCE.md's
/// measured rates) and its printed form.
@Suite struct WorkEstimateTests {
    func scenario(_ text: String) throws -> Scenario { try ScenarioParser.parse(text, file: "s.yaml") }

    /// An idle three-member cluster costs about 59 events per simulated
    /// second (docs/benchmarks/idle-3-members.yaml: 5.13 million in a day):
    /// the leader's 10 ticks, 40 heartbeat messages, and a follower's tick
    /// only when it could fire its election timeout.
    @Test func anIdleThreeMemberClusterMatchesTheMeasuredRate() throws {
        let idle = try scenario("name: t\ntopology:\n  zones: [a, b, c]\n  masters: {a: 1, b: 1, c: 1}\n  etcd: {writeProbe: {rate: 0}}\n  access: {clients: {external: 0, inCluster: 0}}\nclients: []\n")
        // 10 leader ticks + 2 followers x 1/1.45 s (the mean of 10-19 ticks)
        // + 40 heartbeat messages + 4.5 leader-election tries per second; no
        // health checks (the scripts' target pool has none).
        #expect(abs(WorkEstimate.rate(idle) - (10 + 2 / 1.45 + 40 + 4.5)) < 0.01)
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

/// The estimate knows what keeps the fast-forward from engaging, so a run
/// it calls cheap is cheap (issue 21: whole-run faults, loss and timeouts
/// below the round trip ran 63 to 1,300 times their estimate); where it is
/// still wrong, the run guard stops the run at ten times the estimate.
@Suite struct WorkEstimateAgainstDispatchTests {
    static let base = "name: t\nduration: 30m\ntopology:\n  zones: [a, b, c]\n  masters: {a: 1, b: 1, c: 1}\n"

    @Test(arguments: [
        "faults:\n  - {at: 1m, pause: master-a-1}\n",
        "faults:\n  - {at: 1m, clockDrift: {host: master-a-1, ppm: 200}}\n",
        "faults:\n  - {at: 1m, partition: {isolate: master-a-1}}\n",
        "faults:\n  - {at: 1m, slowDisk: {host: master-a-1, fsync: {uniform: [40ms, 80ms]}}}\n",
        "faults:\n  - {at: 1m, grayLeader: kube-controller-manager}\n",
        "faults:\n  - {at: 1m, componentCrash: {component: apiserver, host: master-a-1}}\n",
        "faults:\n  - {at: 1m, degrade: {between: a, and: [b, c], latency: 50ms}}\n",
        "  network: {loss: 0.3}\n",
        "  network: {loss: 0.01}\n",
        "  access: {clients: {external: 100, timeout: 1ms}}\n",
        "  access: {kubernetesService: master-count, apiserverCount: 1}\n",
        "  workers: {a: 3}\n  nodeLifecycle: {nodeMonitorPeriod: 10ms}\n",
    ])
    func theEstimateIsWithinTenTimesTheEventsDispatched(addition: String) throws {
        let scenario = try ScenarioParser.parse(Self.base + addition, file: "s.yaml")
        let estimate = WorkEstimate.events(scenario)
        do {
            let dispatched = Double(try simulate(scenario, limits: RunLimits(events: WorkEstimate.eventLimit(scenario))).eventsDispatched)
            #expect(estimate <= 10 * dispatched && dispatched <= 10 * estimate, "estimate \(estimate), dispatched \(dispatched)")
        } catch {
            // Stopped by the guard: also a kept promise, never a silent hour.
            #expect(Double(error.eventsDispatched) >= WorkEstimate.guardFactor * estimate)
        }
    }

    @Test func theGuardIsTenTimesTheEstimateWithinAFloorAndACeiling() throws {
        let idle = try ScenarioParser.parse(Self.base, file: "s.yaml")
        #expect(WorkEstimate.eventLimit(idle) == 10_000_000)
        let year = try ScenarioParser.parse(Self.base.replacingOccurrences(of: "30m", with: "365d")
            + "  etcd: {writeProbe: {rate: 100}}\nfastForward: false\n", file: "s.yaml")
        #expect(WorkEstimate.eventLimit(year) == 2_000_000_000)
    }

    @Test func aRunPastItsLimitStopsAndSaysWhere() throws {
        let scenario = try ScenarioParser.parse(Self.base, file: "s.yaml")
        do {
            _ = try simulate(scenario, limits: RunLimits(events: 10_000))
            Issue.record("the run was not stopped")
        } catch {
            #expect(error.limit == .events(10_000))
            #expect(error.eventsDispatched >= 10_000 && error.eventsDispatched < 10_000 + 4_096)
            #expect(error.description.hasPrefix("the run was stopped at t+"))
        }
        let pending = try ScenarioParser.parse(Self.base + "  access: {clients: {external: 100000, timeout: 60s}}\n", file: "s.yaml")
        #expect(throws: RunStopped.self) { _ = try simulate(pending, limits: RunLimits(events: .max, pendingEvents: 50_000)) }
    }

    @Test func aRunWithinItsLimitsIsTheSameRun() throws {
        let scenario = try ScenarioParser.parse(Self.base + "faults:\n  - {at: 5m, crash: master-a-1, for: 2m}\n", file: "s.yaml")
        let limited = try simulate(scenario, limits: RunLimits(events: WorkEstimate.eventLimit(scenario)))
        let free = simulate(scenario)
        #expect(limited.digest == free.digest && limited.eventsDispatched == free.eventsDispatched)
    }
}
