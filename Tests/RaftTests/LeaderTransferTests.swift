import XCTest

@testable import Raft

/// Leadership transfer, as etcd-io/raft does it (raft.go stepLeader
/// MsgTransferLeader, sendTimeoutNow; stepFollower MsgTimeoutNow ->
/// hup(campaignTransfer)), which etcd's server.go Stop uses before it stops
/// a leader (TransferLeadership / TryTransferLeadershipOnShutdown).
final class LeaderTransferTests: XCTestCase {
    /// An up-to-date transferee gets MsgTimeoutNow at once and wins the next
    /// term without a single tick: its vote request passes the other
    /// voter's leader lease (Step's `force`), which an ordinary one would not.
    func testTransfereeCampaignsAtOnceAndWins() {
        var net = StoryNetwork(3)
        let old = net.electLeader()
        net.tick(1)
        let transferee = net.ids.first { $0 != old }!
        let term = net.nodes[old].term
        XCTAssertTrue(net.nodes[old].transferLeadership(to: transferee))
        net.stabilize()
        XCTAssertEqual(net.leader, transferee)
        XCTAssertEqual(net.nodes[transferee].term, term + 1)
        XCTAssertEqual(net.nodes[old].role, .follower)
        XCTAssertEqual(net.nodes[old].leader, transferee)
        let third = net.ids.first { $0 != old && $0 != transferee }!
        XCTAssertEqual(net.nodes[third].leader, transferee, "the third voter voted inside its lease: the vote was forced")
    }

    /// A transferee that lags gets the missing entries first and
    /// MsgTimeoutNow once its match reaches the leader's last index
    /// (raft.go stepLeader MsgAppResp); proposals are dropped meanwhile.
    func testLaggingTransfereeCatchesUpFirst() {
        var net = StoryNetwork(3)
        let old = net.electLeader()
        let transferee = net.ids.first { $0 != old }!
        net.cut(old, transferee)
        XCTAssertNotEqual(net.propose(old, 7), .dropped)
        XCTAssertLessThan(net.nodes[old].match(of: transferee), net.nodes[old].log.lastIndex)
        net.heal()
        XCTAssertTrue(net.nodes[old].transferLeadership(to: transferee))
        XCTAssertEqual(net.nodes[old].propose(data: 8), .dropped, "no proposals while leadership is handed over")
        net.stabilize()
        XCTAssertEqual(net.leader, transferee)
        XCTAssertEqual(net.appliedData(transferee).first, 7, "the transferee had the entry before it campaigned")
    }

    /// A transfer to an unreachable voter is abandoned after an election
    /// timeout and the old leader leads on (raft.go tickHeartbeat
    /// abortLeaderTransfer); a learner or the leader itself is refused.
    func testTransferAbandonedAfterElectionTimeout() {
        var net = StoryNetwork(3, voters: [0, 1, 2])
        let old = net.electLeader()
        let transferee = net.ids.first { $0 != old }!
        net.cut(old, transferee)
        XCTAssertFalse(net.nodes[old].transferLeadership(to: old))
        XCTAssertTrue(net.nodes[old].transferLeadership(to: transferee))
        net.stabilize()
        XCTAssertEqual(net.nodes[old].leadTransferee, transferee)
        net.tick(net.configs[old].electionTick, only: [old])
        XCTAssertNil(net.nodes[old].leadTransferee)
        XCTAssertEqual(net.leader, old)
        XCTAssertNotEqual(net.nodes[old].propose(data: 9), .dropped)
    }
}
