import Foundation
import Testing

/// End-to-end: `hasim analyze`, the static failure tolerance of each
/// scenario's etcd placement. Expected numbers follow the etcd FAQ,
/// https://etcd.io/docs/v3.5/faq/, "What is failure tolerance?" (quorum
/// floor(n/2)+1) and "Why an odd number of cluster members?".
@Suite struct AnalyzeCommandTests {
    static let threeZones = HASimProcess.scenario("three-zones-zone-outage.yaml")
    static let twoZones = HASimProcess.scenario("two-zones-majority-zone-outage.yaml")
    static let invalid = HASimProcess.fixtures.appendingPathComponent("invalid.yaml").path

    static let threeZonesText = """
        three-zones-zone-outage: 3 etcd members over 3 zones (a: 1, b: 1, c: 1), quorum 2
          tolerates 1 member failure anywhere
          zone losses tolerated (worst case): 1
          lose zone a: quorum kept (2 of 3 left)
          lose zone b: quorum kept (2 of 3 left)
          lose zone c: quorum kept (2 of 3 left)
          lose zones a+b: quorum lost (1 of 3 left)
          lose zones a+c: quorum lost (1 of 3 left)
          lose zones b+c: quorum lost (1 of 3 left)
          warnings: none

        """

    static let twoZonesText = """
        two-zones-majority-zone-outage: 3 etcd members over 2 zones (a: 2, b: 1), quorum 2
          tolerates 1 member failure anywhere
          zone losses tolerated (worst case): 0
          lose zone a: quorum lost (1 of 3 left)
          lose zone b: quorum kept (2 of 3 left)
          lose zones a+b: quorum lost (0 of 3 left)
          warnings:
            zone-holds-quorum-critical: zone a holds 2 of 3 members: losing it leaves 1, below quorum 2

        """

    @Test func oneMemberPerZoneOverThreeZonesSurvivesAnyOneZone() throws {
        let outcome = try hasim("analyze", Self.threeZones)
        #expect(outcome.status == 0)
        #expect(outcome.stdout == Self.threeZonesText)
        #expect(outcome.stderr.isEmpty)
    }

    @Test func twoOfThreeMembersInOneZoneLoseQuorumWithItAndExitZeroAnyway() throws {
        let outcome = try hasim("analyze", Self.twoZones)
        #expect(outcome.status == 0)
        #expect(outcome.stdout == Self.twoZonesText)
    }

    @Test func severalFilesAreSeparatedByABlankLine() throws {
        let outcome = try hasim("analyze", Self.threeZones, Self.twoZones)
        #expect(outcome.status == 0)
        #expect(outcome.stdout == Self.threeZonesText + "\n" + Self.twoZonesText)
    }

    @Test func jsonIsOneObjectWithSortedKeys() throws {
        let outcome = try hasim("analyze", "--json", Self.twoZones)
        #expect(outcome.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        #expect(Set(object.keys) == [
            "scenario", "scenarioPath", "zones", "membersPerZone", "members", "quorum", "hostFailuresTolerated",
            "singleZoneLosses", "zonePairLosses", "zoneLossesTolerated", "warnings",
        ])
        #expect(object["scenario"] as? String == "two-zones-majority-zone-outage")
        #expect(object["scenarioPath"] as? String == Self.twoZones)
        #expect(object["zones"] as? [String] == ["a", "b"])
        #expect(object["membersPerZone"] as? [Int] == [2, 1])
        #expect(object["quorum"] as? Int == 2)
        #expect(object["hostFailuresTolerated"] as? Int == 1)
        #expect(object["zoneLossesTolerated"] as? Int == 0)
        let losses = try #require(object["singleZoneLosses"] as? [[String: Any]])
        #expect(Set(losses[0].keys) == ["zones", "membersLeft", "quorumKept"])
        #expect(losses.map { $0["quorumKept"] as? Bool } == [false, true])
        let warnings = try #require(object["warnings"] as? [[String: String]])
        #expect(warnings.map { $0["code"] } == ["zone-holds-quorum-critical"])
        // Sorted keys: the text is stable, so scripts can diff it.
        let keys = outcome.stdout.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map { $0.split(separator: "\"")[1] }
        #expect(keys == keys.sorted())
    }

    @Test func jsonIsAnArrayWhenSeveralFilesAreGiven() throws {
        let outcome = try hasim("analyze", "--json", Self.threeZones, Self.twoZones)
        #expect(outcome.status == 0)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [[String: Any]])
        #expect(array.map { $0["scenario"] as? String } == ["three-zones-zone-outage", "two-zones-majority-zone-outage"])
    }

    @Test func invalidInputExitsTwoAfterAnalysingTheOtherFiles() throws {
        let expected = "error: \(Self.invalid):5:3: topology.wrkers: unknown key \"wrkers\"; expected one of zones, masters, workers, etcd, network, leaderElection, scaling, access, addonManager, kubelet, nodeLifecycle, scheduler, ... (13 in all) (did you mean \"workers\"?)\n"
        let alone = try hasim("analyze", Self.invalid)
        #expect(alone.status == 2)
        #expect(alone.stderr == expected)
        #expect(alone.stdout.isEmpty)
        let mixed = try hasim("analyze", Self.invalid, Self.threeZones)
        #expect(mixed.status == 2)
        #expect(mixed.stderr == expected)
        #expect(mixed.stdout == Self.threeZonesText)
    }
}
