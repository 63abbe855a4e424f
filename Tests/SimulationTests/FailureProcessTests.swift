import SimKernel
import Simulation
import Testing

/// Failure processes (issue 14): each target alternates up and down for the
/// whole run, through the same holds as scheduled faults, with its own
/// random streams.
@Suite struct FailureProcessTests {
    let threeMasters = Topology(zones: ["a", "b", "c"], mastersPerZone: [1, 1, 1], workersPerZone: [0, 0, 0])

    func scenario(_ failures: [FailureProcess], topology: Topology? = nil, duration: SimDuration = .hours(1)) -> Scenario {
        var scenario = Scenario(name: "failures", duration: duration, topology: topology ?? threeMasters)
        scenario.failures = failures
        return scenario
    }

    func every(_ target: FailureTarget, up: Distribution, down: Distribution) -> FailureProcess {
        FailureProcess(target: target, timeToFailure: up, timeToRepair: down)
    }

    func starts(_ result: RunResult, entity: String, detail: String) -> [SimInstant] {
        result.events.filter { $0.kind == .faultStart && $0.entity == entity && $0.detail == detail }.map(\.time)
    }

    /// Fixed times: up 10 min, down 5 min, again and again to the end.
    @Test func aHostFailsAndIsRepairedForTheWholeRun() {
        let result = simulate(scenario([every(.host(1), up: .fixed(.minutes(10)), down: .fixed(.minutes(5)))]))
        #expect(starts(result, entity: "master-b-1", detail: "crash (failures[0])") == [10, 25, 40, 55].map { SimInstant(.minutes($0)) })
        let downs = result.events.filter { $0.entity == "master-b-1" && $0.kind == .hostDown }.map(\.time)
        #expect(downs == [10, 25, 40, 55].map { SimInstant(.minutes($0)) })
        #expect(result.metric(.failuresStarted) == 4)
        #expect(result.metric(.failuresStarted("host")) == 4)
        #expect(result.metric(.failuresDownSeconds("host")) == 1_200)
        let mastersUp: Double = 1 - (1_200.0 / 3_600) / 3
        #expect(result.metric(.mastersUpFraction) == mastersUp)
        // Scheduled faults are counted apart.
        #expect(result.metric(.faultsInjected) == 0)
    }

    /// A failure still in progress at the end counts up to the end.
    @Test func downTimeRunsToTheEndOfTheRun() {
        let result = simulate(scenario([every(.zone(2), up: .fixed(.minutes(50)), down: .fixed(.hours(1)))]))
        #expect(result.metric(.failuresDownSeconds("zone")) == 600)
        let zoneUp: Double = 50.0 / 60
        #expect(result.metric(.zoneAvailability("c")) == zoneUp)
    }

    /// Each class drives its fault kind on each of its targets.
    @Test func eachClassDrivesItsFault() {
        let up = Distribution.fixed(.minutes(20)), down = Distribution.fixed(.minutes(1))
        let result = simulate(scenario([
            every(.everyEtcdMember, up: up, down: down), every(.everyAPIServer, up: up, down: down),
            every(.everyZone, up: .fixed(.minutes(45)), down: down), every(.loadBalancer, up: .fixed(.minutes(30)), down: down),
            every(.everyMaster, up: .fixed(.minutes(50)), down: down),
        ]))
        let started = result.events.filter { $0.kind == .faultStart }.map { "\($0.time) \($0.entity) \($0.detail)" }
        #expect(started.filter { $0.hasPrefix("t+20m ") } == [
            "t+20m etcd/master-a-1 etcdCrash (failures[0])", "t+20m etcd/master-b-1 etcdCrash (failures[0])", "t+20m etcd/master-c-1 etcdCrash (failures[0])",
            "t+20m apiserver/master-a-1 componentCrash apiserver (failures[1])", "t+20m apiserver/master-b-1 componentCrash apiserver (failures[1])",
            "t+20m apiserver/master-c-1 componentCrash apiserver (failures[1])",
        ])
        #expect(started.filter { $0.hasPrefix("t+30m ") } == ["t+30m external-ip loadBalancerOutage (failures[3])"])
        #expect(started.filter { $0.hasPrefix("t+45m ") } == ["t+45m zone/a zoneOutage (failures[2])", "t+45m zone/b zoneOutage (failures[2])", "t+45m zone/c zoneOutage (failures[2])"])
        #expect(result.metric(.failuresStarted("etcd")) == 6 && result.metric(.failuresStarted("apiserver")) == 6)
        #expect(result.metric(.failuresDownSeconds("zone")) == 180)
        // Every etcd member down at once for a minute, twice: no quorum.
        let quorumLostAtLeast: Double = 2 * 60.0 / 3_600
        #expect(result.metric(.etcdQuorumAvailability)! <= 1 - quorumLostAtLeast)
        #expect(result.metric(.apiServerReadyFraction)! < 1)
        let zoneUp: Double = 59.0 / 60
        #expect(result.metric(.zoneAvailability("a")) == zoneUp)
        // Every master down at 50 min, as the zones were at 45: the holds stack.
        #expect(result.metric(.failuresStarted("master")) == 3)
        #expect(result.metric(.noMasterUpSeconds) == 120)
    }

    /// Labels `failures/<index>/<target>/up` and `/down`: another entry
    /// after it, or another target of the same class, moves none of a
    /// target's failure times.
    @Test func addingAnEntryOrATargetMovesNoOtherTargetsDraws() {
        let masters = every(.everyMaster, up: .exponential(mean: .minutes(20)), down: .exponential(mean: .minutes(5)))
        let alone = simulate(scenario([masters]), seed: 7)
        let withZones = simulate(scenario([masters, every(.everyZone, up: .exponential(mean: .minutes(30)), down: .fixed(.minutes(2)))]), seed: 7)
        let fourZones = Topology(zones: ["a", "b", "c", "d"], mastersPerZone: [1, 1, 1, 1], workersPerZone: [0, 0, 0, 0])
        let moreMasters = simulate(scenario([masters], topology: fourZones), seed: 7)
        let times = starts(alone, entity: "master-a-1", detail: "crash (failures[0])")
        #expect(times.count >= 2)
        #expect(starts(withZones, entity: "master-a-1", detail: "crash (failures[0])") == times)
        #expect(starts(moreMasters, entity: "master-a-1", detail: "crash (failures[0])") == times)
        // A different seed draws differently.
        #expect(starts(simulate(scenario([masters]), seed: 8), entity: "master-a-1", detail: "crash (failures[0])") != times)
    }

    /// A master that no operation has added cannot fail: its failures pass
    /// unnoticed and are not counted.
    @Test func aMasterThatDoesNotExistDoesNotFail() {
        let result = simulate(scenario([every(.everyMaster, up: .fixed(.minutes(10)), down: .fixed(.minutes(5)))], topology: growingFromOneMaster()))
        #expect(Set(result.events.filter { $0.kind == .faultStart }.map(\.entity)) == ["master-a-1"])
        #expect(result.metric(.failuresStarted("master")) == 4)
    }

    @Test func theSameSeedGivesTheSameRun() {
        let failing = scenario([
            every(.everyMaster, up: .exponential(mean: .minutes(15)), down: .lognormal(median: .minutes(2), sigma: 1)),
            every(.everyZone, up: .weibull(shape: 1.5, scale: .minutes(40)), down: .exponential(mean: .minutes(3))),
        ])
        let first = simulate(failing, seed: 3), second = simulate(failing, seed: 3)
        #expect(first.digest == second.digest && first.unseed == second.unseed)
        #expect(first.metrics == second.metrics)
        #expect(simulate(failing, seed: 4).digest != first.digest)
    }

    @Test func withoutFailuresThereAreNoFailureMetrics() {
        let result = simulate(scenario([]))
        #expect(!result.metrics.contains { $0.name.hasPrefix("failures.") })
    }
}
