/// The static failure tolerance of an etcd placement: how many member and
/// zone failures it survives with quorum, worked out from the placement alone
/// (no run, no randomness).
///
/// etcd needs a quorum of floor(n/2)+1 of its n voting members; the failure
/// tolerance is n minus the quorum (etcd FAQ, "What is failure tolerance?",
/// https://etcd.io/docs/v3.5/faq/): 1 -> 0, 3 -> 1, 5 -> 2, 7 -> 3, and an even
/// size tolerates no more than the odd size below it ("Why an odd number of
/// cluster members?"). Zone failures are correlated: a zone outage takes every
/// member placed in it at once, so 5 members placed 3/1/1 lose quorum with
/// their first zone while 2/2/1 survive any one zone.
public struct FailureTolerance: Hashable, Sendable, Encodable {
    /// Losing a set of zones, and whether the members left still form a quorum.
    public struct ZoneLoss: Hashable, Sendable, Encodable {
        /// The zones lost, in topology order.
        public var zones: [String]
        public var membersLeft: Int
        public var quorumKept: Bool

        public init(zones: [String], membersLeft: Int, quorumKept: Bool) {
            self.zones = zones
            self.membersLeft = membersLeft
            self.quorumKept = quorumKept
        }
    }

    /// Something an architect should know about the placement: a stable
    /// short code to match on, and a sentence to read.
    public struct Warning: Hashable, Sendable, Encodable {
        public var code: String
        public var message: String

        public init(code: String, message: String) {
            self.code = code
            self.message = message
        }

        /// Every code `placementWarnings` and the access set-up can give, for `analyze --fail-on`
        /// to refuse a misspelt one rather than never match it.
        public static let codes = ["two-members", "even-members", "members-over-seven", "single-zone",
                                   "zone-holds-quorum-critical", "no-zone-loss-tolerated", "vip-depends-on-control-plane",
                                   "nlb-zone-without-master", "control-plane-dials-endpoint"]
    }

    public var zones: [String]
    /// etcd members per zone, parallel to `zones`.
    public var membersPerZone: [Int]
    public var members: Int
    /// floor(n/2)+1 members.
    public var quorum: Int
    /// Members that can fail wherever they are with quorum kept: n - quorum.
    public var hostFailuresTolerated: Int
    /// Losing each zone on its own, in zone order.
    public var singleZoneLosses: [ZoneLoss]
    /// Losing each pair of zones, in lexicographic zone order (a+b, a+c, b+c).
    public var zonePairLosses: [ZoneLoss]
    /// The largest k such that every set of k zones can be lost with quorum kept.
    public var zoneLossesTolerated: Int
    /// In a fixed order: member-count warnings first, then placement warnings in zone order.
    public var warnings: [Warning]

    public init(zones: [String], membersPerZone: [Int]) {
        precondition(zones.count == membersPerZone.count, "one member count per zone")
        self.zones = zones
        self.membersPerZone = membersPerZone
        members = membersPerZone.reduce(0, +)
        quorum = members / 2 + 1
        hostFailuresTolerated = max(0, members - quorum)
        let (members, quorum) = (members, quorum)
        func loss(_ lost: [Int]) -> ZoneLoss {
            let left = members - lost.map { membersPerZone[$0] }.reduce(0, +)
            return ZoneLoss(zones: lost.map { zones[$0] }, membersLeft: left, quorumKept: left >= quorum)
        }
        singleZoneLosses = zones.indices.map { loss([$0]) }
        zonePairLosses = zones.indices.flatMap { first in zones.indices.filter { $0 > first }.map { loss([first, $0]) } }
        zoneLossesTolerated = Self.worstCaseZoneLosses(membersPerZone: membersPerZone, quorum: quorum)
        warnings = []
        warnings = placementWarnings()
    }

    /// The analysis of a scenario's topology: its etcd placement, plus the
    /// outside client's TLS set-up, the other static mistake `hasim analyze`
    /// reports (issue 5: certificates), and an NLB zone left without a
    /// master (issue 24).
    public init(topology: Topology) {
        self.init(zones: topology.zones, membersPerZone: topology.etcdMembersPerZone)
        warnings += topology.access.warnings
        if topology.access.usesNetworkLoadBalancer {
            warnings += topology.access.nlb.warnings(zones: topology.zones, masterZones: topology.hosts.filter { $0.role == .master }.map(\.zone))
        }
    }

    /// The worst set of k zones to lose is the k zones holding the most
    /// members: any other k-set loses no more. So the largest k for which
    /// losing the k fullest zones keeps quorum is the largest k for which
    /// every k-set does. This gives the brute-force answer over all subsets
    /// (the tests check it against one) without its 2^zones cost.
    static func worstCaseZoneLosses(membersPerZone: [Int], quorum: Int) -> Int {
        var left = membersPerZone.reduce(0, +)
        var tolerated = 0
        for count in membersPerZone.sorted(by: >) {
            left -= count
            guard left >= quorum else { break }
            tolerated += 1
        }
        return tolerated
    }

    private func placementWarnings() -> [Warning] {
        var result: [Warning] = []
        if members == 2 {
            result.append(Warning(code: "two-members", message: "2 members are worse than 1: quorum is 2, so either member failing loses quorum, and there are twice as many members to fail (etcd FAQ)"))
        }
        if members > 0, members.isMultiple(of: 2) {
            result.append(Warning(code: "even-members", message: "\(members) members tolerate \(hostFailuresTolerated) failure\(hostFailuresTolerated == 1 ? "" : "s"), no more than \(members - 1) would: an even member count adds no failure tolerance (etcd FAQ, \"Why an odd number of cluster members?\")"))
        }
        if members > 7 {
            result.append(Warning(code: "members-over-seven", message: "\(members) members: etcd recommends probably no more than seven, since every write must reach a quorum and more members slow writes down (etcd FAQ)"))
        }
        let occupied = membersPerZone.indices.filter { membersPerZone[$0] > 0 }
        if occupied.count == 1, let only = occupied.first {
            result.append(Warning(code: "single-zone", message: "all \(members) members are in zone \(zones[only]): an outage of that zone loses every member"))
        }
        // With members in one zone only, single-zone above already says it.
        if occupied.count >= 2 {
            for (zone, loss) in zip(zones.indices, singleZoneLosses) where !loss.quorumKept {
                result.append(Warning(code: "zone-holds-quorum-critical", message: "zone \(zones[zone]) holds \(membersPerZone[zone]) of \(members) members: losing it leaves \(loss.membersLeft), below quorum \(quorum)"))
            }
        }
        if zones.count >= 3, zoneLossesTolerated == 0 {
            result.append(Warning(code: "no-zone-loss-tolerated", message: "\(zones.count) zones, yet losing the wrong single zone loses quorum: spread the members so that no zone holds more than \(hostFailuresTolerated)"))
        }
        return result
    }
}
