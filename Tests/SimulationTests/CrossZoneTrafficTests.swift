import SimKernel
import Simulation
import Testing

/// The cross-zone count (docs/COST.md): only messages between hosts in
/// different zones count, the fast-forward accounts for the windows it
/// skips, and the yearly cost is the prices times the hours and GiB.
@Suite struct CrossZoneTrafficTests {
    func scenario(masters: [Int], fastForward: Bool = true, duration: SimDuration = .minutes(30)) -> Scenario {
        var topology = Topology(zones: ["a", "b", "c"], mastersPerZone: masters, workersPerZone: [0, 0, 0])
        topology.access.externalClientRate = 1
        topology.access.inClusterClientRate = 0
        var scenario = Scenario(name: "traffic", duration: duration, topology: topology)
        scenario.fastForward = fastForward
        return scenario
    }

    func bytes(_ result: RunResult, _ kind: CrossZoneTraffic.Kind) -> Int {
        result.traffic.bytes[CrossZoneTraffic.Kind.allCases.firstIndex(of: kind)!]
    }

    /// Three members in one zone talk a lot and cross nothing; one a zone,
    /// every Raft message and every apiserver call to a remote leader does.
    @Test func onlyMessagesBetweenZonesCount() {
        let oneZone = simulate(scenario(masters: [3, 0, 0]), seed: 1)
        #expect(oneZone.traffic.totalBytes == 0)
        let spread = simulate(scenario(masters: [1, 1, 1]), seed: 1)
        // The leader heartbeats each follower every 100 ms and each answers:
        // at least 2 x 2 x 10 messages a second for 30 minutes.
        let peer = spread.traffic.messages[CrossZoneTraffic.Kind.allCases.firstIndex(of: .etcdPeer)!]
        #expect(peer >= 2 * 2 * 10 * 1800)
        #expect(bytes(spread, .etcdPeer) >= peer * 74)
        // The outside client reaches the apiservers from no zone: not counted.
        #expect(bytes(spread, .apiRequest) == 0)
    }

    /// Skipped quiet windows carry the quiet window's traffic: a quiet hour
    /// counts within a percent of what dispatching every event counts.
    @Test func theFastForwardCountsTheWindowsItSkips() {
        let skipped = simulate(scenario(masters: [1, 1, 1], duration: .hours(1)), seed: 2)
        let full = simulate(scenario(masters: [1, 1, 1], fastForward: false, duration: .hours(1)), seed: 2)
        #expect(skipped.quietSkips > 0)
        let ratio = Double(skipped.traffic.totalBytes) / Double(full.traffic.totalBytes)
        #expect(abs(ratio - 1) < 0.01, "fast-forward \(skipped.traffic.totalBytes) bytes, every event \(full.traffic.totalBytes)")
    }

    @Test func theYearlyCostIsPricesTimesHoursAndGiB() {
        var topology = Topology(zones: ["a", "b", "c"], mastersPerZone: [1, 1, 1], workersPerZone: [2, 2, 2], externalEtcdPerZone: [1, 1, 1])
        var model = CostModel()
        model.masterPerHour = 0.5
        model.etcdHostPerHour = 0.25
        model.workerPerHour = 0.1
        model.loadBalancerPerHour = 0.025
        model.crossZonePerGiB = 0.01
        // A day's run that sent 2 GiB sends 730 GiB a year.
        let cost = model.yearly(topology, crossZoneBytes: 2 * 1_073_741_824, over: .days(1))
        #expect(cost.hosts == (3 * 0.5 + 3 * 0.25 + 6 * 0.1) * 8760)
        #expect(cost.loadBalancer == 0.025 * 8760)
        #expect(abs(cost.crossZoneGiB - 730) < 1e-9)
        #expect(abs(cost.traffic - 7.3) < 1e-9)
        // One master holds the external IP itself; DNS round robin needs no load balancer.
        topology.mastersPerZone = [1, 0, 0]
        #expect(!CostModel.hasLoadBalancer(topology))
        topology.mastersPerZone = [1, 1, 1]
        topology.access.mode = .dns(ttl: .seconds(30))
        #expect(!CostModel.hasLoadBalancer(topology))
    }
}
