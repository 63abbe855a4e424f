import Foundation
import SimKernel
import Simulation
import Testing

/// The k-of-n formula and its zone-correlated variant (FACTS.md,
/// "Availability arithmetic"), against closed forms worked by hand, and
/// what `QuorumAvailability` reads from a scenario's failure processes.
@Suite struct QuorumProbabilityTests {
    func close(_ a: Double, _ b: Double, relative: Double = 1e-12) -> Bool { abs(a - b) <= relative * max(abs(a), abs(b)) }

    @Test func aMemberIsDownMttrOverMtbfPlusMttr() {
        #expect(QuorumProbability.unavailability(meanUp: 90, meanDown: 10) == 0.1)
    }

    /// 1 of 1: q; 2 of 3: 3q^2(1-q) + q^3; 3 of 5: 10q^3(1-q)^2 + 5q^4(1-q) + q^5.
    @Test(arguments: [0.5, 0.1, 1e-4])
    func kOfNMatchesItsClosedForms(q: Double) {
        #expect(close(QuorumProbability.quorumLost(members: 1, needed: 1, memberDown: q), q))
        #expect(close(QuorumProbability.quorumLost(members: 3, needed: 2, memberDown: q), 3 * q * q * (1 - q) + q * q * q))
        let five = 10 * q * q * q * (1 - q) * (1 - q) + 5 * q * q * q * q * (1 - q) + q * q * q * q * q
        #expect(close(QuorumProbability.quorumLost(members: 5, needed: 3, memberDown: q), five))
        // The zone form with one zone that never fails is the k-of-n formula.
        for n in [1, 3, 5, 7] {
            #expect(close(QuorumProbability.quorumLost(memberDown: [Array(repeating: q, count: n)], zoneDown: [0], needed: n / 2 + 1),
                          QuorumProbability.quorumLost(members: n, needed: n / 2 + 1, memberDown: q)))
        }
    }

    /// Small down-probabilities keep their digits: 2 of 3 with q = 1e-9 is
    /// 3e-18, which 1 - P(up) would round to zero.
    @Test func tinyProbabilitiesAreNotCancelledAway() {
        #expect(close(QuorumProbability.quorumLost(members: 3, needed: 2, memberDown: 1e-9), 3e-18, relative: 1e-8))
    }

    /// 5 members placed 2/2/1 over zones down with probability z, hosts
    /// never: quorum (3) is lost exactly when two zones or more are down.
    @Test func zonesTakeTheirMembersTogether() {
        let z = 0.1
        let lost = QuorumProbability.quorumLost(memberDown: [[0, 0], [0, 0], [0]], zoneDown: [z, z, z], needed: 3)
        #expect(close(lost, 3 * z * z * (1 - z) + z * z * z))
        // 3/1/1 loses quorum with zone a, and only with it: a alone is a quorum.
        let lopsided = QuorumProbability.quorumLost(memberDown: [[0, 0, 0], [0], [0]], zoneDown: [z, z, z], needed: 3)
        #expect(close(lopsided, z))
    }

    func failing(_ failures: [FailureProcess], masters: [Int] = [1, 1, 1], external: [Int]? = nil, duration: SimDuration = .days(365)) -> Scenario {
        var scenario = Scenario(name: "a", duration: duration,
                                topology: Topology(zones: ["a", "b", "c"], mastersPerZone: masters, workersPerZone: [0, 0, 0], externalEtcdPerZone: external))
        scenario.failures = failures
        return scenario
    }

    func exponential(_ target: FailureTarget, _ up: SimDuration, _ down: SimDuration) -> FailureProcess {
        FailureProcess(target: target, timeToFailure: .exponential(mean: up), timeToRepair: .exponential(mean: down))
    }

    @Test func aScenarioGivesItsMembersAndZonesTheirProcesses() throws {
        let figures = try QuorumAvailability(failing([
            exponential(.everyMaster, .days(90), .minutes(30)),
            exponential(.everyZone, .days(365), .hours(4)),
            exponential(.host(0), .days(30), .hours(1)),
            exponential(.everyAPIServer, .days(1), .hours(1)),
        ]))
        let master = 30.0 / (90 * 1_440 + 30), named = 1.0 / (30 * 24 + 1), zone = 4.0 / (365 * 24 + 4)
        #expect(figures.members == 3 && figures.quorum == 2)
        #expect(close(figures.memberDown[0], 1 - (1 - master) * (1 - named)))
        #expect(close(figures.memberDown[1], master) && figures.memberDown[2] == figures.memberDown[1])
        #expect(figures.zoneDown.allSatisfy { close($0, zone) })
        #expect(figures.withZonesLost > figures.memberFailuresLost)
    }

    /// External etcd: master failures do not reach its members; etcd process failures do.
    @Test func onlyFailuresReachingEtcdCount() throws {
        #expect(throws: QuorumAvailability.Unavailable.noFailureReachesEtcd) {
            try QuorumAvailability(failing([exponential(.everyMaster, .days(1), .hours(1))], external: [1, 1, 1]))
        }
        let figures = try QuorumAvailability(failing([exponential(.everyEtcdMember, .days(1), .hours(1))], external: [1, 1, 1]))
        #expect(figures.members == 3)
        #expect(throws: QuorumAvailability.Unavailable.notExponential(process: 1)) {
            try QuorumAvailability(failing([
                exponential(.loadBalancer, .days(1), .hours(1)),
                FailureProcess(target: .everyZone, timeToFailure: .exponential(mean: .days(1)), timeToRepair: .fixed(.hours(1))),
            ]))
        }
    }

    /// One member starting up: the run's expected fraction down is
    /// q (1 - (tau/T)(1 - e^(-T/tau))), tau = 1/(lambda + mu).
    @Test func aRunFromEverythingUpSeesLessThanTheSteadyState() throws {
        let figures = try QuorumAvailability(failing([exponential(.everyMaster, .minutes(15), .minutes(10))], masters: [1, 0, 0], duration: .hours(3)))
        let q = 0.4, tau = 360.0, run = 10_800.0
        #expect(close(figures.memberFailuresLost, q))
        #expect(close(figures.overRunLost, q * (1 - tau / run * (1 - exp(-run / tau))), relative: 1e-9))
        #expect(close(figures.averageLost(over: 1e9), q, relative: 1e-5))
    }
}
