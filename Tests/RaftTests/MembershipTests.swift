import XCTest
@testable import Raft

final class MembershipTests: XCTestCase {
    /// Story 11a. Adding a voter raises the quorum as soon as the change is applied
    /// (etcd FAQ "Why should I add one member at a time"): 4 voters need 3 acks, so
    /// with only 2 of 4 up nothing commits.
    func testAddVoterRaisesQuorum() {
        // Node 3 starts outside the configuration (not promotable) and learns it from the log.
        var net = StoryNetwork(4, voters: [0, 1, 2])
        let l = net.electLeader()
        XCTAssertEqual(net.nodes[l].quorum, 2)
        XCTAssertNotNil(net.nodes[l].proposeConfChange(.addNode(3)).appendedIndex)
        net.stabilize()
        net.tick(2)
        for i in net.ids {
            XCTAssertEqual(net.nodes[i].voters, NodeSet([0, 1, 2, 3]), "node \(i)")
            XCTAssertEqual(net.nodes[i].quorum, 3)
        }
        XCTAssertEqual(net.nodes[3].log.entries, net.nodes[l].log.entries)
        let others = [0, 1, 2, 3].filter { $0 != l }
        net.crash(others[0]); net.crash(others[1])
        guard case .appended(let idx) = net.propose(l, 1) else { return XCTFail() }
        net.tick(5)
        XCTAssertLessThan(net.nodes[l].log.committed, idx, "2 of 4 is not a quorum")
        net.restart(others[0])
        net.tick(3)
        XCTAssertGreaterThanOrEqual(net.nodes[net.leader ?? l].log.committed, idx)
    }

    /// Story 11b. Removing members: quorum shrinks; a removed leader steps down
    /// (raft.go switchToConfig, StepDownOnRemoval) and the rest elect a new one.
    func testRemoveMembersIncludingLeader() {
        var net = StoryNetwork(3)
        let l = net.electLeader()
        let f = (l + 1) % 3
        _ = net.nodes[l].proposeConfChange(.removeNode(f))
        net.stabilize()
        XCTAssertEqual(net.nodes[l].voters.count, 2)
        XCTAssertEqual(net.nodes[l].quorum, 2)
        net.crash(f)
        XCTAssertNotNil(net.propose(l, 3).appendedIndex)
        XCTAssertEqual(net.appliedData(l), [3])

        _ = net.nodes[l].proposeConfChange(.removeNode(l))
        net.stabilize()
        net.tick(1)
        XCTAssertNotEqual(net.nodes[l].role, .leader, "removed leader stepped down")
        XCTAssertEqual(net.nodes[l].propose(data: 4), .dropped)
        let survivor = 3 - l - f
        XCTAssertEqual(net.nodes[survivor].voters, NodeSet([survivor]))
        net.tick(40)
        XCTAssertEqual(net.leader, survivor, "a single voter elects itself")
        XCTAssertNotEqual(net.nodes[l].role, .preCandidate, "a removed node never campaigns")
    }

    /// Story 11c. Learners (raft.go promotable, tracker IsLearner): they receive and
    /// apply entries, never campaign, and their acks do not count toward quorum.
    func testLearner() {
        var net = StoryNetwork(4, voters: [0, 1, 2], learners: [3])
        let l = net.electLeader()
        XCTAssertNotEqual(l, 3)
        _ = net.propose(l, 1)
        XCTAssertEqual(net.appliedData(3), [1])
        XCTAssertTrue(net.nodes[3].isLearner)
        // Isolated for a long time, a learner still never campaigns.
        net.isolate(3)
        net.tick(100)
        XCTAssertEqual(net.nodes[3].role, .follower)
        XCTAssertEqual(net.nodes[3].term, net.nodes[l].term)
        net.heal()
        // Leader + learner alone cannot commit.
        for i in [0, 1, 2] where i != l { net.crash(i) }
        guard case .appended(let idx) = net.propose(l, 2) else { return XCTFail() }
        XCTAssertEqual(net.nodes[3].log.lastIndex, idx, "learner has the entry")
        XCTAssertLessThan(net.nodes[l].log.committed, idx, "but its ack does not count")
        // Promotion makes it a voter.
        for i in [0, 1, 2] where i != l { net.restart(i) }
        net.tick(3)
        let l2 = net.leader!
        XCTAssertNotNil(net.nodes[l2].proposeConfChange(.promoteLearner(3)).appendedIndex)
        net.stabilize()
        XCTAssertTrue(net.nodes[3].voters.contains(3))
        XCTAssertFalse(net.nodes[3].isLearner)
    }

    /// Story 11d. One conf change at a time (raft.go stepLeader MsgProp,
    /// pendingConfIndex > applied); a new leader also blocks conf changes until its
    /// whole initial tail is applied (becomeLeader sets pendingConfIndex = lastIndex).
    func testSecondConfChangeRefusedWhilePending() {
        var net = StoryNetwork(5, voters: [0, 1, 2])
        let l = net.electLeader()
        XCTAssertNotNil(net.nodes[l].proposeConfChange(.addLearner(3)).appendedIndex)
        XCTAssertEqual(net.nodes[l].proposeConfChange(.addLearner(4)), .dropped)
        net.stabilize()
        XCTAssertNotNil(net.nodes[l].proposeConfChange(.addLearner(4)).appendedIndex)
        net.stabilize()
        XCTAssertEqual(net.nodes[l].learners, NodeSet([3, 4]))
    }
}

extension ProposalResult {
    var appendedIndex: UInt64? { if case .appended(let i) = self { return i } else { return nil } }
}
