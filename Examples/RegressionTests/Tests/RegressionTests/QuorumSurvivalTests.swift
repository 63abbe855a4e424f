import Foundation
import HASim
import Testing

/// "Losing any one zone never loses etcd's quorum", as regression tests.
@Suite struct QuorumSurvivalTests {
    static let scenarios = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Scenarios")

    /// The scenario file's own expectations hold, for several seeds.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func theDesignKeepsItsExpectations(seed: UInt64) throws {
        let scenario = try TestScenario(file: Self.scenarios.appendingPathComponent("three-zones.yaml").path)
        try scenario.run(seed: seed).requireExpectationsPassed()
    }

    /// Any one zone dark for an hour: quorum is never gone longer than an election.
    @Test(arguments: ["a", "b", "c"])
    func losingOneZoneNeverLosesQuorum(zone: String) throws {
        let scenario = try TestScenario(yaml: """
            name: lose-zone-\(zone)
            duration: 2h
            topology:
              zones: [a, b, c]
              masters: {a: 1, b: 1, c: 1}
            faults:
              - {at: 10m, zoneOutage: \(zone), for: 1h}
            """)
            .expecting(.never(.etcdMajorityDown), .neverLongerThan(.etcdQuorumLost, .seconds(5)))
        let run = scenario.run(seed: 1)
        try run.requireExpectationsPassed()
        try run.require(.etcdQuorumAvailability, atLeast: 0.999)
        #expect(try run.value(.zoneAvailability(zone)) == 0.5)
    }

    /// Two zones at once are more than three masters survive: the check says so.
    @Test func losingTwoZonesLosesTheMajority() throws {
        let scenario = try TestScenario(yaml: """
            name: lose-two-zones
            duration: 1h
            topology:
              zones: [a, b, c]
              masters: {a: 1, b: 1, c: 1}
            faults:
              - {at: 10m, zoneOutage: a, for: 10m}
              - {at: 10m, zoneOutage: b, for: 10m}
            """)
        let run = scenario.expecting(.never(.etcdMajorityDown)).run(seed: 1)
        #expect(!run.passed)
        #expect(run.failedExpectations.map(\.observed) == [600])
    }
}
