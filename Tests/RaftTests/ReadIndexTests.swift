import XCTest
@testable import Raft

final class ReadIndexTests: XCTestCase {
    /// Story 10. ReadOnlySafe (raft.go sendMsgReadIndexResponse, read_only.go):
    /// the leader records its commit index, confirms leadership with a heartbeat
    /// round carrying the request id, and releases the read on a quorum of acks.
    func testLeaderReadIndex() {
        var net = StoryNetwork(3)
        let l = net.electLeader()
        _ = net.propose(l, 1)
        XCTAssertTrue(net.nodes[l].readIndex(requestID: 42))
        net.stabilize()
        XCTAssertEqual(net.readStates[l], [ReadState(requestID: 42, index: net.nodes[l].log.committed)])
    }

    /// A leader cut off from its quorum never produces the ReadState (it cannot
    /// collect acks), even though it still believes it is leader.
    func testPartitionedLeaderServesNoRead() {
        var net = StoryNetwork(3)
        let l = net.electLeader()
        net.isolate(l)
        XCTAssertTrue(net.nodes[l].readIndex(requestID: 43))
        net.tick(5)
        XCTAssertEqual(net.nodes[l].role, .leader)
        net.tick(30)
        XCTAssertTrue(net.readStates[l].isEmpty)
        XCTAssertNotEqual(net.nodes[l].role, .leader)
    }

    /// Follower reads are forwarded (raft.go stepFollower MsgReadIndex) and answered
    /// with MsgReadIndexResp; without a leader they are dropped.
    func testFollowerReadIndex() {
        var net = StoryNetwork(3)
        XCTAssertFalse(net.nodes[0].readIndex(requestID: 1), "no leader: dropped")
        let l = net.electLeader()
        let f = (l + 1) % 3
        _ = net.propose(l, 5)
        XCTAssertTrue(net.nodes[f].readIndex(requestID: 44))
        net.stabilize()
        XCTAssertEqual(net.readStates[f], [ReadState(requestID: 44, index: net.nodes[l].log.committed)])
        XCTAssertTrue(net.readStates[l].isEmpty)
    }

    /// raft.go stepLeader MsgReadIndex: a new leader postpones reads until it has
    /// committed an entry of its own term (its commit index may be stale before).
    func testReadWaitsForCommitInCurrentTerm() {
        var net = StoryNetwork(3)
        net.drop = { $0.type == .appendResp }
        let l = net.electLeader()
        XCTAssertEqual(net.nodes[l].log.committed, 0)
        XCTAssertTrue(net.nodes[l].readIndex(requestID: 7))
        net.tick(2)
        XCTAssertTrue(net.readStates[l].isEmpty)
        net.drop = { _ in false }
        net.tick(1)
        XCTAssertEqual(net.readStates[l], [ReadState(requestID: 7, index: 1)])
    }
}
