import Simulation
import Testing

/// The static failure tolerance of an etcd placement. Source for every
/// number here: the etcd FAQ, https://etcd.io/docs/v3.5/faq/, "What is failure
/// tolerance?" (quorum floor(n/2)+1; tolerance 1 -> 0, 3 -> 1, 5 -> 2, 7 -> 3)
/// and "Why an odd number of cluster members?" (an even size tolerates no
/// more than the odd size below it; 2 members are worse than 1).
@Suite struct FailureToleranceTests {
    func tolerance(_ placement: KeyValuePairs<String, Int>) -> FailureTolerance {
        FailureTolerance(zones: placement.map(\.key), membersPerZone: placement.map(\.value))
    }

    func codes(_ tolerance: FailureTolerance) -> [String] {
        tolerance.warnings.map(\.code)
    }

    /// The brute-force definition: the largest k such that every set of k
    /// zones can be lost with quorum kept, over all 2^zones subsets.
    func bruteForceZoneLosses(_ membersPerZone: [Int]) -> Int {
        let members = membersPerZone.reduce(0, +)
        var tolerated = membersPerZone.count
        for mask in 0..<(1 << membersPerZone.count) {
            let lost = membersPerZone.indices.filter { mask & (1 << $0) != 0 }
            if members - lost.map({ membersPerZone[$0] }).reduce(0, +) < members / 2 + 1 {
                tolerated = min(tolerated, lost.count - 1)
            }
        }
        return tolerated
    }

    @Test(arguments: [(1, 1, 0), (2, 2, 0), (3, 2, 1), (4, 3, 1), (5, 3, 2), (6, 4, 2), (7, 4, 3)])
    func quorumAndHostFailuresFollowTheEtcdFAQTable(members: Int, quorum: Int, tolerated: Int) {
        let single = FailureTolerance(zones: ["a"], membersPerZone: [members])
        #expect(single.members == members)
        #expect(single.quorum == quorum)
        #expect(single.hostFailuresTolerated == tolerated)
    }

    @Test func fiveMembersPlacedThreeOneOneLoseQuorumWithZoneA() {
        let t = tolerance(["a": 3, "b": 1, "c": 1])
        #expect(t.hostFailuresTolerated == 2)
        #expect(t.singleZoneLosses.map(\.quorumKept) == [false, true, true])
        #expect(t.singleZoneLosses[0] == FailureTolerance.ZoneLoss(zones: ["a"], membersLeft: 2, quorumKept: false))
        #expect(t.zonePairLosses.map(\.zones) == [["a", "b"], ["a", "c"], ["b", "c"]])
        #expect(t.zonePairLosses.map(\.quorumKept) == [false, false, true])
        #expect(t.zoneLossesTolerated == 0)
        #expect(codes(t) == ["zone-holds-quorum-critical", "no-zone-loss-tolerated"])
        #expect(t.warnings[0].message == "zone a holds 3 of 5 members: losing it leaves 2, below quorum 3")
    }

    @Test func fiveMembersPlacedTwoTwoOneSurviveAnyOneZoneButNoPair() {
        let t = tolerance(["a": 2, "b": 2, "c": 1])
        #expect(t.singleZoneLosses.allSatisfy { $0.quorumKept })
        #expect(t.zonePairLosses.allSatisfy { !$0.quorumKept })
        #expect(t.zoneLossesTolerated == 1)
        #expect(t.warnings.isEmpty)
    }

    @Test func threeMembersOverTwoZonesLoseQuorumWithTheMajorityZone() {
        let t = tolerance(["a": 2, "b": 1])
        #expect(t.singleZoneLosses.map(\.quorumKept) == [false, true])
        #expect(t.zonePairLosses == [FailureTolerance.ZoneLoss(zones: ["a", "b"], membersLeft: 0, quorumKept: false)])
        #expect(t.zoneLossesTolerated == 0)
        // Two zones are too few for no-zone-loss-tolerated; the zone is still named.
        #expect(codes(t) == ["zone-holds-quorum-critical"])
        #expect(t.warnings[0].message.hasPrefix("zone a holds 2 of 3 members"))
    }

    @Test func twoMembersAreWarnedAsWorseThanOne() {
        let t = tolerance(["a": 1, "b": 1])
        #expect(t.hostFailuresTolerated == 0)
        #expect(codes(t) == ["two-members", "even-members", "zone-holds-quorum-critical", "zone-holds-quorum-critical"])
        #expect(t.warnings.filter { $0.code == "zone-holds-quorum-critical" }.map(\.message) == [
            "zone a holds 1 of 2 members: losing it leaves 1, below quorum 2",
            "zone b holds 1 of 2 members: losing it leaves 1, below quorum 2",
        ])
    }

    @Test func evenMembersAddNoToleranceOverTheOddSizeBelow() {
        let four = tolerance(["a": 2, "b": 1, "c": 1])
        #expect(four.hostFailuresTolerated == tolerance(["a": 1, "b": 1, "c": 1]).hostFailuresTolerated)
        #expect(codes(four).first == "even-members")
        #expect(four.warnings[0].message.hasPrefix("4 members tolerate 1 failure, no more than 3 would"))
        #expect(!codes(tolerance(["a": 1, "b": 1, "c": 1])).contains("even-members"))
    }

    @Test func allMembersInOneZoneAreWarnedOnceAsSingleZone() {
        #expect(codes(tolerance(["a": 3])) == ["single-zone"])
        // Empty zones do not spread anything: still one zone of members, and
        // single-zone already says what zone-holds-quorum-critical would.
        let t = tolerance(["a": 0, "b": 3, "c": 0])
        #expect(codes(t) == ["single-zone", "no-zone-loss-tolerated"])
        #expect(t.warnings[0].message == "all 3 members are in zone b: an outage of that zone loses every member")
    }

    @Test func moreThanSevenMembersAreWarned() {
        #expect(codes(tolerance(["a": 3, "b": 3, "c": 3])) == ["members-over-seven"])
        #expect(!codes(tolerance(["a": 3, "b": 2, "c": 2])).contains("members-over-seven"))
    }

    @Test func worstCaseZoneLossesMatchBruteForceOverEverySubset() {
        let placements: [[Int]] = [
            [1], [2], [1, 1], [2, 1], [1, 1, 1], [3, 1, 1], [2, 2, 1], [0, 3, 0], [2, 2, 2], [1, 1, 1, 1, 1],
            [2, 1, 1, 1, 1, 1], [3, 2, 2], [1, 0, 1, 0, 1], [4, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1, 1],
        ]
        for placement in placements {
            let zones = placement.indices.map { "z\($0)" }
            let t = FailureTolerance(zones: zones, membersPerZone: placement)
            #expect(t.zoneLossesTolerated == bruteForceZoneLosses(placement), "placement \(placement)")
        }
        #expect(FailureTolerance(zones: ["a", "b", "c", "d", "e"], membersPerZone: [1, 1, 1, 1, 1]).zoneLossesTolerated == 2)
    }

    @Test func topologyPlacesOneMemberPerMaster() {
        let topology = Topology(zones: ["a", "b", "c"], mastersPerZone: [2, 2, 1], workersPerZone: [5, 5, 5])
        #expect(FailureTolerance(topology: topology) == tolerance(["a": 2, "b": 2, "c": 1]))
    }
}
