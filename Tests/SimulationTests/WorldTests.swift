import SimKernel
import Simulation
import Testing

@Suite struct WorldTests {
    let threeZones = Topology(zones: ["a", "b", "c"], mastersPerZone: [1, 1, 1], workersPerZone: [2, 2, 2])

    func scenario(_ faults: [Fault], topology: Topology? = nil, duration: SimDuration = .hours(2), expectations: [RunExpectation] = []) -> Scenario {
        Scenario(name: "test", duration: duration, topology: topology ?? threeZones, faults: faults, expectations: expectations)
    }

    func intervals(_ result: RunResult, _ entity: String) -> [String] {
        result.intervals.filter { $0.entity == entity }.map { "\($0.state) \($0.start)..\($0.end)" }
    }

    @Test func hostsAreNamedPerRoleAndZoneFromOne() {
        let topology = Topology(zones: ["a", "b"], mastersPerZone: [2, 1], workersPerZone: [1, 0])
        #expect(topology.hosts.map(\.name) == ["master-a-1", "master-a-2", "master-b-1", "worker-a-1"])
        #expect(topology.hosts.map(\.id) == [0, 1, 2, 3])
    }

    @Test func aZoneOutageTakesEveryHostInTheZoneDownAndBack() {
        let result = simulate(scenario([Fault(kind: .zoneOutage(.zone(0)), at: .fixed(.minutes(10)), duration: .fixed(.minutes(30)))]))
        #expect(intervals(result, "zone/a") == ["up t+0s..t+10m", "down t+10m..t+40m", "up t+40m..t+2h"])
        #expect(intervals(result, "master-a-1") == ["up t+0s..t+10m", "down t+10m..t+40m", "up t+40m..t+2h"])
        #expect(intervals(result, "worker-a-2") == ["up t+0s..t+10m", "down t+10m..t+40m", "up t+40m..t+2h"])
        #expect(intervals(result, "master-b-1") == ["up t+0s..t+2h"])
        // One of three masters down for a quarter of the run.
        #expect(result.metric(.mastersUpFraction) == 1 - 0.25 / 3)
        #expect(result.metric(.zoneAvailability("a")) == 0.75)
        #expect(result.metric(.zoneAvailability("b")) == 1)
        #expect(result.metric(.noMasterUpSeconds) == 0)
        #expect(result.metric(.faultsInjected) == 1)
        // Cluster conditions are recorded only while they hold. The etcd leader
        // (on master-a-1 under seed 1's bootstrap draw) goes down with zone a:
        // quorum is lost until the other two elect a leader.
        let cluster = Set(intervals(result, "cluster"))
        #expect(cluster.isSuperset(of: ["allMastersUp t+0s..t+10m", "anyMasterUp t+0s..t+2h", "anyZoneDown t+10m..t+40m", "allMastersUp t+40m..t+2h"]))
        // The zone held the etcd leader (seed 1's bootstrap draw): quorum is
        // lost for the election, and the external IP, on the load balancer,
        // reaches no serving apiserver for that moment too.
        #expect(cluster.count == 6)
        #expect(cluster.contains { $0.hasPrefix("externalIPUnreachable t+10m..t+10m") })
        #expect(cluster.contains { $0.hasPrefix("etcdQuorumLost t+10m..t+10m") })
    }

    @Test func overlappingOutagesEndWhenTheLastOneEnds() {
        let result = simulate(scenario([
            Fault(kind: .zoneOutage(.zone(1)), at: .fixed(.minutes(10)), duration: .fixed(.minutes(30))),
            Fault(kind: .zoneOutage(.zone(1)), at: .fixed(.minutes(20)), duration: .fixed(.minutes(40))),
            Fault(kind: .hostCrash(.host(1)), at: .fixed(.minutes(5)), duration: .fixed(.minutes(60))),
        ]))
        // master-b-1 is held down by its crash (5m..65m) and the two outages (10m..60m).
        #expect(intervals(result, "master-b-1") == ["up t+0s..t+5m", "down t+5m..t+1h5m", "up t+1h5m..t+2h"])
        #expect(intervals(result, "zone/b") == ["up t+0s..t+10m", "down t+10m..t+1h", "up t+1h..t+2h"])
        let lives = result.events.filter { $0.entity == "master-b-1" && $0.kind == .hostDown }
        #expect(lives.map(\.detail) == ["incarnation 1"])
    }

    @Test func aCrashWithoutAnEndLastsToTheEndOfTheRun() {
        let result = simulate(scenario([Fault(kind: .hostCrash(.host(0)), at: .fixed(.hours(1)))]))
        #expect(intervals(result, "master-a-1") == ["up t+0s..t+1h", "down t+1h..t+2h"])
    }

    @Test func theLongestStretchWithNoMasterUpIsMeasured() {
        let topology = Topology(zones: ["a", "b"], mastersPerZone: [1, 1], workersPerZone: [0, 0])
        let result = simulate(scenario([
            Fault(kind: .zoneOutage(.zone(0)), at: .fixed(.minutes(10)), duration: .fixed(.minutes(50))),
            Fault(kind: .zoneOutage(.zone(1)), at: .fixed(.minutes(20)), duration: .fixed(.minutes(5))),
            Fault(kind: .zoneOutage(.zone(1)), at: .fixed(.minutes(30)), duration: .fixed(.minutes(15))),
        ], topology: topology, expectations: [.never(.noMasterUp), .always(.anyMasterUp)]))
        #expect(result.metric(.noMasterUpSeconds) == 1200.0)
        #expect(result.metric(.noMasterUpLongestSeconds) == 900.0)
        #expect(result.metric(.workersUpFraction) == nil)
        #expect(result.expectations.map(\.passed) == [false, false])
        #expect(result.expectations.map(\.observed) == [1200, 1200])
    }

    @Test func metricExpectationsCompareAgainstTheirBounds() {
        let result = simulate(scenario([Fault(kind: .zoneOutage(.zone(0)), at: .fixed(.minutes(10)), duration: .fixed(.minutes(30)))], expectations: [
            .metric(name: "zone.a.availability", atLeast: 0.7, atMost: 0.8),
            .metric(name: "zone.a.availability", atLeast: 0.9, atMost: nil),
            .never(.masterMajorityDown),
        ]))
        #expect(result.expectations.map(\.passed) == [true, false, true])
        #expect(result.expectations[0].name == "zone.a.availability atLeast 0.7 atMost 0.8")
        #expect(result.expectations[0].bound == ">= 0.7 and <= 0.8")
        #expect(!result.allExpectationsPassed)
    }

    @Test func faultsDrawnPastTheEndNeverStart() {
        let result = simulate(scenario([Fault(kind: .hostCrash(.host(0)), at: .uniform(low: .hours(3), high: .hours(4)))]))
        #expect(result.metric(.faultsInjected) == 0)
        // Only the clients' first connections happen.
        #expect(result.events.allSatisfy { $0.kind == .connectionOpened })
    }

    @Test func theSameSeedGivesTheSameRunAndAnotherSeedADifferentOne() {
        let random = scenario([
            Fault(kind: .hostCrash(.host(1)), at: .uniform(low: .minutes(20), high: .minutes(40)),
                  duration: .lognormal(median: .minutes(5), sigma: 0.5)),
        ])
        let first = simulate(random, seed: 1)
        let second = simulate(random, seed: 1)
        #expect(first == second)
        let other = simulate(random, seed: 2)
        #expect(other.digest != first.digest)
        #expect(other.unseed != first.unseed)
        #expect(first.seed == 1 && other.seed == 2)
    }
}

/// Determinism covers undefined metrics: NaN never equals itself under `==`,
/// so results compare metrics bit for bit.
@Suite struct UndefinedMetricTests {
    @Test func aRunWithUndefinedMetricsEqualsItsRepeat() {
        var topology = Topology(zones: ["a"], mastersPerZone: [1], workersPerZone: [0])
        topology.etcd.writeProbeRate = 0
        let scenario = Scenario(name: "nan", duration: .minutes(1), topology: topology)
        let first = simulate(scenario)
        #expect(first.metric(.etcdWriteAvailability)!.isNaN)
        #expect(first == simulate(scenario))
    }
}
