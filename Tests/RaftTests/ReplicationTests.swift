import XCTest
@testable import Raft

final class ReplicationTests: XCTestCase {
    /// Story 9. Commitment needs a quorum of voters' matchIndex (raft.go maybeCommit,
    /// quorum/majority.go CommittedIndex): 2 of 3 commits, 1 of 3 does not.
    func testCommitNeedsQuorum() {
        var net = StoryNetwork(3)
        let l = net.electLeader()
        let f1 = (l + 1) % 3, f2 = (l + 2) % 3
        net.crash(f1)
        guard case .appended(let i) = net.propose(l, 7) else { return XCTFail() }
        XCTAssertEqual(net.nodes[l].log.committed, i)
        XCTAssertEqual(net.appliedData(l), [7])
        XCTAssertEqual(net.appliedData(f2), [7])
        net.crash(f2)
        guard case .appended(let j) = net.propose(l, 8) else { return XCTFail() }
        net.tick(5)
        XCTAssertEqual(net.nodes[l].log.committed, i, "entry \(j) must not commit with 1 of 3")
        XCTAssertEqual(net.appliedData(l), [7])
        net.tick(20)
        XCTAssertNotEqual(net.nodes[l].role, .leader, "checkQuorum made it step down")
        // Bring a follower back: a new leader commits the entry (it is in the
        // surviving log and gets committed via the new term's no-op).
        net.restart(f2)
        _ = net.electLeader()
        net.tick(3)
        XCTAssertEqual(net.nodes[l].log.committed, net.nodes[l].log.lastIndex)
        XCTAssertTrue(net.appliedData(f2).contains(8))
    }

    /// Proposals on followers are forwarded to the leader (raft.go stepFollower
    /// MsgProp); with no leader they are dropped (ErrProposalDropped).
    func testProposalForwardingAndDropping() {
        var net = StoryNetwork(3)
        XCTAssertEqual(net.propose(1, 5), .dropped, "no leader yet")
        let l = net.electLeader()
        let f = (l + 1) % 3
        XCTAssertEqual(net.propose(f, 9), .forwarded(to: l))
        for i in net.ids { XCTAssertEqual(net.appliedData(i), [9]) }
    }

    /// Log backtracking (raft.go stepLeader MsgAppResp reject + findConflictByTerm):
    /// a follower that missed many entries catches up, and a long divergent tail is
    /// repaired.
    func testFollowerCatchUpAfterLongOutage() {
        var net = StoryNetwork(3)
        let l = net.electLeader()
        let f = (l + 1) % 3
        net.crash(f)
        for d: UInt64 in 1...50 { _ = net.propose(l, d) }
        net.restart(f)
        net.tick(3)
        XCTAssertEqual(net.nodes[f].log.entries, net.nodes[l].log.entries)
        XCTAssertEqual(net.appliedData(f), Array(1...50))
    }

    /// Snapshots: a leader that compacted its log sends a snapshot (raft.go
    /// maybeSendSnapshot / handleSnapshot); the follower restores and continues.
    func testSnapshotCatchUp() {
        var net = StoryNetwork(3)
        let l = net.electLeader()
        let f = (l + 1) % 3
        net.crash(f)
        for d: UInt64 in 1...10 { _ = net.propose(l, d) }
        let meta = net.nodes[l].compact()
        net.disks[l].compact(meta)
        XCTAssertEqual(net.nodes[l].log.firstIndex, meta.index + 1)
        net.restart(f)
        net.tick(3)
        XCTAssertEqual(net.nodes[f].log.snapshotIndex, meta.index)
        XCTAssertEqual(net.nodes[f].log.committed, net.nodes[l].log.committed)
        XCTAssertEqual(net.disks[f].snapshot, meta)
        _ = net.propose(l, 99)
        XCTAssertEqual(net.appliedData(f).last, 99)
        // Restart from the snapshot-bearing disk image.
        net.crash(f)
        net.restart(f)
        XCTAssertEqual(net.nodes[f].log.snapshotIndex, meta.index)
        XCTAssertEqual(net.nodes[f].voters, meta.voters)
        net.tick(2)
        XCTAssertEqual(net.appliedData(f).last, 99)
    }

    /// Story 12. Restart from PersistentState (etcd RestartNode): term, vote and log
    /// survive; the node comes back as a follower and rejoins.
    func testRestartPreservesHardStateAndLog() {
        var net = StoryNetwork(3)
        let l = net.electLeader()
        for d: UInt64 in 1...3 { _ = net.propose(l, d) }
        net.tick(1)
        for i in net.ids {
            let before = net.nodes[i]
            net.crash(i)
            net.restart(i)
            let after = net.nodes[i]
            XCTAssertEqual(after.term, before.term)
            XCTAssertEqual(after.vote, before.vote)
            XCTAssertEqual(after.log.entries, before.log.entries)
            XCTAssertEqual(after.log.committed, before.log.committed)
            XCTAssertEqual(after.role, .follower)
            XCTAssertEqual(after.hardState, net.disks[i].hardState)
        }
        let l2 = net.electLeader()
        net.tick(2)
        XCTAssertGreaterThan(net.nodes[l2].term, 1)
        for i in net.ids { XCTAssertEqual(net.appliedData(i), [1, 2, 3], "replayed after restart") }
    }
}
