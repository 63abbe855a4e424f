import SimKernel
import Simulation
import Testing

/// etcd behaviour in the World, each test naming the source it follows.
@Suite struct EtcdTests {
    /// `count` masters, one per zone (or all in one zone), stacked etcd.
    func topology(masters count: Int, oneZone: Bool = false, configure: (inout EtcdSettings) -> Void = { _ in }) -> Topology {
        let zones = oneZone ? ["a"] : (0..<count).map { "z\($0)" }
        var topology = Topology(zones: zones, mastersPerZone: oneZone ? [count] : Array(repeating: 1, count: count),
                                workersPerZone: Array(repeating: 0, count: zones.count))
        configure(&topology.etcd)
        return topology
    }

    func run(_ topology: Topology, _ faults: [Fault], duration: SimDuration = .minutes(2), seed: UInt64 = 1) -> RunResult {
        simulate(Scenario(name: "etcd", duration: duration, topology: topology, faults: faults), seed: seed)
    }

    func crash(_ host: Int, at: SimDuration = .seconds(30)) -> Fault {
        Fault(kind: .hostCrash(.host(host)), at: .fixed(at))
    }

    /// etcd FAQ, "What is failure tolerance?": 1 -> 0, 3 -> 1, 5 -> 2, 7 -> 3.
    /// Crashing that many followers keeps quorum; one more loses it for good.
    @Test(arguments: [(1, 0), (3, 1), (5, 2), (7, 3)])
    func failureToleranceMatchesTheFAQ(members: Int, tolerated: Int) {
        let topology = topology(masters: members)
        // Member 0 leads after the bootstrap; crash followers from the end.
        let survivable = run(topology, (0..<tolerated).map { crash(members - 1 - $0) })
        #expect(survivable.metric(.etcdQuorumAvailability) == 1)
        #expect(survivable.metric(.etcdWriteAvailability) == 1)
        let fatal = run(topology, (0...tolerated).map { crash(members - 1 - $0) })
        // Quorum is gone from the crash (t = 30 s) to the end (t = 120 s).
        #expect(fatal.metric(.etcdLeaderlessSeconds) == 90)
        #expect(fatal.metric(.etcdWriteAvailability)! < 0.8)
    }

    /// etcd defaults: 100 ms heartbeat, 1 s election timeout randomized over
    /// [10, 19] ticks (raft.go resetRandomizedElectionTimeout). Killing the
    /// leader at a random phase gives a new leader after the remaining
    /// members' timeouts run out: about 0.9 to 3 s.
    @Test func leaderFailoverWithEtcdDefaultsTakesAboutOneToTwoSeconds() {
        let topology = topology(masters: 3, oneZone: true)
        var longest: [Double] = []
        for seed in 1...40 as ClosedRange<UInt64> {
            let result = run(topology, [Fault(kind: .etcdCrash(.etcdLeader), at: .uniform(low: .seconds(60), high: .seconds(61)))], seed: seed)
            #expect(result.metric(.etcdElections) == 1)
            longest.append(result.metric(.etcdLeaderlessLongestSeconds)!)
        }
        #expect(longest.allSatisfy { (0.85...3.0).contains($0) }, "\(longest)")
        #expect(longest.min()! < 1.2 && longest.max()! > 1.5, "no spread: \(longest)")
    }

    /// Raft paper §9.3 (Ongaro and Ousterhout 2014): without randomness in
    /// the timeouts, elections split votes round after round; a little
    /// randomness settles them at once.
    @Test func withoutTimeoutRandomnessElectionsSplitVotes() {
        func failover(min: Int64, max: Int64) -> (seconds: Double, term: Double) {
            let topology = topology(masters: 5, oneZone: true) {
                $0.heartbeatInterval = .milliseconds(15)
                $0.electionTimeout = .range(min: .milliseconds(min), max: .milliseconds(max))
                $0.preVote = false
            }
            var total = 0.0, terms = 0.0
            for seed in 1...10 as ClosedRange<UInt64> {
                let result = run(topology, [Fault(kind: .etcdCrash(.etcdLeader), at: .uniform(low: .seconds(10), high: .seconds(11)))],
                                 duration: .seconds(60), seed: seed)
                total += result.metric(.etcdLeaderlessLongestSeconds)!
                terms += result.metric(.etcdTermMax)!
            }
            return (total / 10, terms / 10)
        }
        let fixed = failover(min: 150, max: 150)
        let randomized = failover(min: 150, max: 300)
        #expect(randomized.seconds < 0.5, "randomized failover \(randomized)")
        #expect(fixed.seconds > 3 * randomized.seconds, "fixed \(fixed) vs randomized \(randomized)")
        #expect(fixed.term > randomized.term + 1, "split votes raise the term: fixed \(fixed) vs randomized \(randomized)")
    }

    /// raft.go tickHeartbeat / stepLeader MsgCheckQuorum: a leader cut off from
    /// a quorum steps down within an election timeout; the majority elects a
    /// new leader.
    @Test func anIsolatedLeaderStepsDownAndTheMajorityElectsANewOne() {
        let result = run(topology(masters: 3), [
            Fault(kind: .partition(.isolate(.host(.etcdLeader))), at: .fixed(.seconds(30)), duration: .fixed(.seconds(30))),
        ])
        let oldLeader = result.intervals.filter { $0.entity == "etcd/master-z0-1" && $0.state == "leader" }
        #expect(oldLeader.count == 1)
        let leadEnd = oldLeader[0].end.sinceStart
        #expect(leadEnd > .seconds(30) && leadEnd <= .milliseconds(32_100), "stepped down at \(leadEnd)")
        #expect(result.metric(.etcdLeaderlessLongestSeconds)! < 3)
        #expect(result.metric(.etcdElections) == 1)
    }

    /// etcd 3.5 pre-vote (CHANGELOG-3.5) with check-quorum: a member that
    /// flaps in and out of a partition does not raise the term, so it never
    /// disrupts the leader; without pre-vote (etcd 3.4's default) each return
    /// forces an election.
    @Test func preVoteKeepsAFlappingMemberFromDisruptingTheLeader() {
        func flapping(preVote: Bool) -> RunResult {
            let faults = (0..<4).map { round in
                Fault(kind: .partition(.isolate(.host(.host(2)))), at: .fixed(.seconds(20 + 25 * Int64(round))), duration: .fixed(.seconds(10)))
            }
            return run(topology(masters: 3) { $0.preVote = preVote }, faults)
        }
        let with = flapping(preVote: true)
        #expect(with.metric(.etcdElections) == 0)
        #expect(with.metric(.etcdTermMax) == 1)
        #expect(with.metric(.etcdQuorumAvailability) == 1)
        let without = flapping(preVote: false)
        #expect(without.metric(.etcdElections)! >= 1)
        #expect(without.metric(.etcdTermMax)! > 10)
    }

    /// raft.go Step, "lease is not expired": with a bridge member between two
    /// halves that cannot talk, the cut-off member's campaign is refused by the
    /// bridge, which still hears from the leader; quorum holds throughout.
    @Test func aBridgeKeepsTheLeaderAndRefusesTheCutOffMembersCampaign() {
        let result = run(topology(masters: 3), [
            Fault(kind: .partition(.bridge(.host(1))), at: .fixed(.seconds(30)), duration: .fixed(.seconds(60))),
        ])
        #expect(result.metric(.etcdQuorumAvailability) == 1)
        #expect(result.metric(.etcdElections) == 0)
        #expect(result.metric(.etcdTermMax) == 1)
    }

    /// etcd tuning guide: a slow disk delays persistence and so every commit.
    @Test func aSlowDiskUnderTheLeaderSlowsWrites() {
        let normal = run(topology(masters: 3), [])
        let slow = run(topology(masters: 3), [
            Fault(kind: .slowDisk(.etcdLeader, fsync: .fixed(.milliseconds(40))), at: .fixed(.seconds(1))),
        ])
        #expect(normal.metric(.etcdWriteLatencyP50Seconds)! < 0.02)
        #expect(slow.metric(.etcdWriteLatencyP50Seconds)! >= 0.04)
        #expect(slow.metric(.etcdQuorumAvailability) == 1)
    }

    /// A paused leader (a gray failure) looks dead to the others, who elect a
    /// new leader; when it thaws it learns the new term and follows.
    @Test func aPausedLeaderIsReplacedAndFollowsWhenItThaws() {
        let result = run(topology(masters: 3), [
            Fault(kind: .hostPause(.etcdLeader), at: .fixed(.seconds(30)), duration: .fixed(.seconds(20))),
        ])
        #expect(result.metric(.etcdElections) == 1)
        #expect(result.metric(.etcdLeaderlessLongestSeconds)! < 3)
        let roles = result.intervals.filter { $0.entity == "etcd/master-z0-1" }.map(\.state)
        #expect(roles == ["leader", "follower"])
    }

    /// etcd server.go adjustTicks: a restarted member fast-forwards its
    /// election ticks, but a live leader's heartbeat reaches it first, so a
    /// follower's restart causes no election.
    @Test func aRestartedFollowerRejoinsWithoutAnElection() {
        let result = run(topology(masters: 3), [
            Fault(kind: .etcdCrash(.host(2)), at: .fixed(.seconds(30)), duration: .fixed(.seconds(10))),
        ])
        #expect(result.metric(.etcdElections) == 0)
        #expect(result.metric(.etcdQuorumAvailability) == 1)
        let roles = result.intervals.filter { $0.entity == "etcd/master-z2-1" }.map(\.state)
        #expect(roles == ["follower", "down", "follower"])
    }

    /// etcd FAQ: 5 members placed 3/1/1 lose quorum with zone a; 2/2/1 do not.
    @Test func placementDecidesWhetherAZoneOutageLosesQuorum() {
        func outage(_ placement: [Int]) -> RunResult {
            let topology = Topology(zones: ["a", "b", "c"], mastersPerZone: placement, workersPerZone: [0, 0, 0])
            return run(topology, [Fault(kind: .zoneOutage(.zone(0)), at: .fixed(.seconds(30)), duration: .fixed(.seconds(60)))])
        }
        #expect(outage([3, 1, 1]).metric(.etcdLeaderlessSeconds)! >= 60)
        #expect(outage([2, 2, 1]).metric(.etcdLeaderlessLongestSeconds)! < 3)
    }

    @Test func anEtcdRunIsReproducibleAndSeedSensitive() {
        let faults = [Fault(kind: .partition(.isolate(.zone(.zoneOf(.etcdLeader)))), at: .uniform(low: .seconds(20), high: .seconds(40)), duration: .fixed(.seconds(5)))]
        let a = run(topology(masters: 5), faults, seed: 4)
        #expect(a == run(topology(masters: 5), faults, seed: 4))
        #expect(a.digest != run(topology(masters: 5), faults, seed: 5).digest)
    }
}

/// Placement and per-link latency (issue 3: external etcd, per-link overrides).
@Suite struct EtcdPlacementTests {
    /// kubeadm's external etcd topology: members on their own hosts, so a
    /// master outage does not touch quorum, and an etcd zone outage does.
    @Test func externalEtcdRunsOnItsOwnHosts() {
        var topology = Topology(zones: ["a", "b", "c"], mastersPerZone: [1, 1, 0], workersPerZone: [0, 0, 0],
                                externalEtcdPerZone: [1, 1, 1])
        topology.etcd.writeProbeRate = 1
        let faults = [
            Fault(kind: .hostCrash(.host(0)), at: .fixed(.seconds(10)), duration: .fixed(.seconds(20))),
            Fault(kind: .zoneOutage(.zone(2)), at: .fixed(.seconds(60))),
        ]
        let result = simulate(Scenario(name: "external", duration: .minutes(2), topology: topology, faults: faults))
        #expect(Set(result.intervals.map(\.entity).filter { $0.hasPrefix("etcd/") }) == ["etcd/etcd-a-1", "etcd/etcd-b-1", "etcd/etcd-c-1"])
        #expect(result.metric(.etcdQuorumAvailability) == 1)
        #expect(result.metric(.etcdElections) == 0)
    }

    /// A static per-link override: a leader whose only links are slow waits
    /// a round trip on them for every commit.
    @Test func perLinkLatencyOverridesSlowCommits() {
        var topology = Topology(zones: ["a", "b", "c"], mastersPerZone: [1, 1, 1], workersPerZone: [0, 0, 0])
        topology.network.links = [LinkDegradation(between: .zone(.zone(0)), and: .union([.zone(.zone(1)), .zone(.zone(2))]),
                                                  latency: .fixed(.milliseconds(20)), loss: 0)]
        let result = simulate(Scenario(name: "links", duration: .minutes(2), topology: topology))
        // Probes go round-robin: at the leader a commit costs one 40 ms round
        // trip; at a follower another 20 ms hop to learn the commit.
        #expect(result.metric(.etcdWriteLatencyP50Seconds)! >= 0.04)
        #expect(result.metric(.etcdQuorumAvailability) == 1)
    }
}
