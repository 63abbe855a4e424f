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

    /// k-of-n with q = 30 min / (90 d + 30 min) per master: 3q^2 - 2q^3 =
    /// 1.6e-7, 0.084 min a year; zones down 4 h a year each add the rest.
    @Test func failureProcessesAddTheQuorumAvailabilityTheyPredict() throws {
        let outcome = try hasim("analyze", HASimProcess.scenario("year-3-masters-random-failures.yaml"))
        #expect(outcome.status == 0)
        #expect(outcome.stdout.hasSuffix("""
              warnings: none
              quorum availability from the failure processes (independent, exponential, steady state; docs/FAILURES.md):
                each member down 0.000231; each zone down 0.000456
                member failures alone (k-of-n, 2 of 3 up): 0.999999839, 0.0844 min of quorum loss a year
                with zone failures: 0.99999858, 0.745 min of quorum loss a year
                expected over this run (365d, everything up at the start): 0.99999858, 0.745 min of quorum loss a year

            """))
        let json = try hasim("analyze", "--json", HASimProcess.scenario("year-3-masters-random-failures.yaml"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let figures = try #require(object["quorumAvailability"] as? [String: Any])
        #expect(Set(figures.keys) == ["memberDown", "zoneDown", "members", "quorum", "memberFailuresLost", "withZonesLost", "overRunLost", "runSeconds"])
        let q = 30.0 / (90 * 1_440 + 30)
        let lost = try #require(figures["memberFailuresLost"] as? Double)
        #expect(abs(lost - (3 * q * q - 2 * q * q * q)) < 1e-15)
    }

    /// The formula printed is for exponential times: another distribution
    /// on a process that reaches etcd gets the reason instead (a load
    /// balancer process reaches no member and does not matter).
    @Test func aRepairTimeThatIsNotExponentialGetsTheReason() throws {
        let path = HASimProcess.fixtures.appendingPathComponent("failures-lognormal-repair.yaml").path
        let outcome = try hasim("analyze", path)
        #expect(outcome.status == 0)
        #expect(outcome.stdout.hasSuffix("  quorum availability: not computed: failures[1] reaches etcd and its mtbf or mttr is not exponential (docs/FAILURES.md)\n"))
        let json = try hasim("analyze", "--json", path)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["quorumAvailability"] == nil)
        #expect((object["quorumAvailabilityNote"] as? String)?.hasPrefix("not computed: failures[1]") == true)
    }

    @Test func invalidInputExitsTwoAfterAnalysingTheOtherFiles() throws {
        let expected = "error: \(Self.invalid):5:3: topology.wrkers: unknown key \"wrkers\"; expected one of zones, masters, workers, etcd, network, leaderElection, scaling, access, addonManager, kubelet, nodeLifecycle, scheduler, ... (14 in all) (did you mean \"workers\"?)\n"
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
