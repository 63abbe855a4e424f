import XCTest
@testable import Raft

final class ElectionTests: XCTestCase {
    /// Story 1. raft.go tickElection -> hup -> campaign(pre-election): the first node
    /// to time out pre-votes for term 1 without bumping its term, wins, becomes
    /// candidate at term 1 and leader; becomeLeader appends an empty entry that
    /// commits on a quorum and reaches everyone's state machine.
    func testFirstTimeoutWinsAtTerm1AndCommitsEmptyEntry() {
        var net = StoryNetwork(3)
        let l = net.electLeader()
        XCTAssertEqual(net.nodes[l].term, 1, "pre-vote does not bump the term; the winner's term is 1")
        for i in net.ids where i != l {
            XCTAssertEqual(net.nodes[i].role, .follower)
            XCTAssertEqual(net.nodes[i].leader, l)
            XCTAssertEqual(net.nodes[i].term, 1)
        }
        net.tick(1)  // a heartbeat carries the commit index to followers
        for i in net.ids {
            XCTAssertEqual(net.nodes[i].log.committed, 1)
            XCTAssertEqual(net.applied[i], [Entry(term: 1, index: 1, payload: .empty)])
            XCTAssertEqual(net.disks[i].hardState.term, 1)
        }
        XCTAssertEqual(net.disks[l].hardState.vote, l, "the candidate persisted its self-vote")
    }

    /// Story 3a. With min == max timeouts and lockstep ticking every node
    /// pre-votes, all pass (pre-votes for a future term are granted), all become
    /// candidates for the same term, each rejects the others: a split vote forever
    /// (the livelock randomized timeouts exist to break, Raft §5.2).
    func testSplitVoteWithoutRandomness() {
        for preVote in [true, false] {
            var net = StoryNetwork(3) { $0.randomizedTimeoutRange = 10...10; $0.preVote = preVote }
            net.tick(1000)
            XCTAssertNil(net.leader, "preVote=\(preVote)")
            XCTAssertEqual(net.nodes[0].term, 100, "one failed round per timeout; preVote=\(preVote)")
        }
    }

    /// Story 3b. With etcd's default [T, 2T-1] randomization a leader appears within a few timeouts.
    func testRandomizedTimeoutsBreakTies() {
        for seedBase: UInt64 in [1, 2, 3, 4, 5] {
            var net = StoryNetwork(3) { $0.randomSeed = seedBase &* 1000 &+ UInt64($0.id) }
            let ticks = net.tick(until: 200) { $0.leader != nil }
            XCTAssertNotNil(ticks)
            XCTAssertLessThanOrEqual(ticks ?? .max, 4 * 20, "seed \(seedBase)")
        }
    }

    /// Story 4. Leader crash: the surviving majority elects a new leader at a higher
    /// term; a lone survivor can never win (it cannot collect a quorum of pre-votes),
    /// and with pre-vote its term does not grow.
    func testLeaderCrash() {
        var net = StoryNetwork(3)
        let l1 = net.electLeader()
        let t1 = net.nodes[l1].term
        net.crash(l1)
        let l2 = net.electLeader()
        XCTAssertNotEqual(l2, l1)
        XCTAssertGreaterThan(net.nodes[l2].term, t1)
        let t2 = net.nodes[l2].term
        net.crash(l2)
        net.tick(300)
        XCTAssertNil(net.leader)
        let survivor = net.ids.first { net.up[$0] }!
        XCTAssertEqual(net.nodes[survivor].term, t2)
        XCTAssertEqual(net.nodes[survivor].role, .preCandidate)
    }

    /// Story 5. raft.go tickHeartbeat/MsgCheckQuorum: an isolated leader steps down
    /// within 2 x electionTick; the majority elects a new leader; on heal the old
    /// leader follows at the new term (it learns it from the new leader's
    /// heartbeat) and its uncommitted entry is overwritten (Raft §5.3).
    func testPartitionedLeaderStepsDownAndIsOverwritten() {
        var net = StoryNetwork(3)
        let old = net.electLeader()
        net.tick(1)
        net.isolate(old)
        guard case .appended(let idx) = net.propose(old, 111) else { return XCTFail("leader must append") }
        var stepDownTick: Int?
        for t in 1...40 where stepDownTick == nil {
            net.tick(1)
            if net.nodes[old].role != .leader { stepDownTick = t }
        }
        XCTAssertNotNil(stepDownTick)
        XCTAssertLessThanOrEqual(stepDownTick ?? 99, 2 * 10)
        XCTAssertGreaterThanOrEqual(stepDownTick ?? 0, 10)
        let new = net.electLeader()
        XCTAssertNotEqual(new, old)
        XCTAssertEqual(net.propose(new, 222), .appended(index: idx + 1), "index \(idx) holds the new leader's no-op")
        XCTAssertEqual(net.nodes[new].log.committed, idx + 1)
        let newTerm = net.nodes[new].term

        net.heal()
        net.tick(2)
        XCTAssertEqual(net.nodes[old].role, .follower)
        XCTAssertEqual(net.nodes[old].term, newTerm)
        XCTAssertEqual(net.nodes[old].leader, new)
        XCTAssertEqual(net.nodes[old].log.entries, net.nodes[new].log.entries)
        XCTAssertFalse(net.appliedData(old).contains(111))
        XCTAssertEqual(net.appliedData(old), [222])
        XCTAssertFalse(net.disks[old].entries.contains { $0.payload == .normal(111) }, "overwritten on disk too")
    }

    /// Story 6a. Pre-vote (thesis §9.6, raft.go campaign(campaignPreElection)): an
    /// isolated follower keeps pre-campaigning at the same term; on rejoin the
    /// leader's heartbeat turns it back into a follower and nobody's term changes.
    func testPreVotePreventsDisruption() {
        var net = StoryNetwork(3)
        let l = net.electLeader()
        let t = net.nodes[l].term
        let f = (l + 1) % 3
        net.isolate(f)
        net.tick(200)
        XCTAssertEqual(net.nodes[f].term, t, "pre-vote never bumps the term")
        XCTAssertEqual(net.nodes[f].role, .preCandidate)
        net.heal()
        net.tick(30)
        XCTAssertEqual(net.leader, l)
        for i in net.ids { XCTAssertEqual(net.nodes[i].term, t) }
        XCTAssertEqual(net.nodes[f].leader, l)
    }

    /// Story 6b. Without pre-vote the isolated node's term inflates; on rejoin its
    /// reply to the leader's (lower-term) heartbeat carries that term
    /// (raft.go Step m.Term < r.Term branch) and the leader steps down: the term
    /// rises cluster-wide.
    func testWithoutPreVoteRejoinDisruptsLeader() {
        var net = StoryNetwork(3) { $0.preVote = false }
        let l = net.electLeader()
        let t = net.nodes[l].term
        let f = (l + 1) % 3
        net.isolate(f)
        net.tick(200)
        let inflated = net.nodes[f].term
        XCTAssertGreaterThan(inflated, t + 5)
        net.heal()
        net.tick(40)
        let l2 = net.electLeader()
        XCTAssertGreaterThanOrEqual(net.nodes[l2].term, inflated)
        for i in net.ids { XCTAssertEqual(net.nodes[i].term, net.nodes[l2].term) }
    }

    /// Story 7. raft.go Step "lease is not expired": with checkQuorum a follower
    /// that heard from the leader within electionTick ignores a higher-term vote
    /// request — no term bump, no vote, no reply. Once the lease runs out the same
    /// request is granted; with checkQuorum off it is granted at once.
    func testVoteLease() {
        var net = StoryNetwork(3) { $0.preVote = false }
        let l = net.electLeader()
        net.tick(1)
        let f = (l + 1) % 3, c = (l + 2) % 3
        let t = net.nodes[f].term
        let req = RaftMessage(type: .vote, from: c, to: f, term: t + 3,
                              logTerm: net.nodes[c].log.lastTerm, index: net.nodes[c].log.lastIndex)
        var node = net.nodes[f]
        node.step(req)
        XCTAssertEqual(node.term, t)
        XCTAssertEqual(node.vote, net.nodes[f].vote)
        XCTAssertTrue(node.ready().messages.isEmpty, "ignored silently")
        node.advance()
        // Lease expiry: electionTick ticks without hearing from the leader.
        for _ in 0..<10 { node.tick() }
        _ = node.ready(); node.advance()
        node.step(req)
        XCTAssertEqual(node.term, t + 3)
        XCTAssertEqual(node.vote, c)
        XCTAssertEqual(node.ready().messages.filter { $0.type == .voteResp && !$0.reject }.count, 1)

        var noCQ = StoryNetwork(3) { $0.preVote = false; $0.checkQuorum = false }
        let l2 = noCQ.electLeader()
        let f2 = (l2 + 1) % 3, c2 = (l2 + 2) % 3
        var n2 = noCQ.nodes[f2]
        n2.step(RaftMessage(type: .vote, from: c2, to: f2, term: n2.term + 3,
                            logTerm: n2.log.lastTerm, index: n2.log.lastIndex))
        XCTAssertEqual(n2.vote, c2, "without checkQuorum there is no lease")
    }

    /// Story 8. Election restriction (Raft §5.4.1, raft.go isUpToDate): a member
    /// missing committed entries keeps losing elections; the up-to-date member wins
    /// and no committed entry is lost.
    func testLaggingMemberCannotWin() {
        var net = StoryNetwork(3) { c in
            // Node 2 times out 3x sooner than node 1, so it always campaigns first.
            c.randomizedTimeoutRange = c.id == 2 ? 10...10 : (c.id == 1 ? 30...30 : 11...11)
        }
        let l = net.electLeader()
        XCTAssertEqual(l, 2)
        net.tick(1)
        // Make 0 the leader with 2 lagging: crash 2, let 0 win, commit entries with 0+1.
        net.crash(2)
        let l0 = net.electLeader()
        XCTAssertEqual(l0, 0)
        for d: UInt64 in 1...5 { XCTAssertEqual(net.propose(0, d), .appended(index: net.nodes[0].log.lastIndex)) }
        // The commit bump is sent right away (bcastAppend after maybeCommit).
        XCTAssertEqual(net.appliedData(1), [1, 2, 3, 4, 5])
        let committed = net.nodes[0].log.committed
        // Leader dies, the lagging node comes back (with its old log).
        net.crash(0)
        net.restart(2)
        var twoCampaigned = false
        let t = net.tick(until: 300) { n in
            if n.nodes[2].role == .preCandidate || n.nodes[2].role == .candidate { twoCampaigned = true }
            return n.leader != nil
        }
        XCTAssertNotNil(t)
        XCTAssertTrue(twoCampaigned)
        XCTAssertEqual(net.leader, 1, "only the up-to-date member can win")
        net.tick(2)
        XCTAssertGreaterThanOrEqual(net.nodes[2].log.committed, committed)
        XCTAssertEqual(net.appliedData(2), [1, 2, 3, 4, 5])
    }
}
