import XCTest
@testable import Raft

final class DeterminismTests: XCTestCase {
    /// Story 13. SplitMix64 reference outputs (Vigna's splitmix64.c).
    func testSplitMix64PinnedOutputs() {
        var g0 = SplitMix64(seed: 0)
        XCTAssertEqual((0..<4).map { _ in g0.next() },
                       [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F, 0xF88B_B8A8_724C_81EC])
        var g1 = SplitMix64(seed: 1)
        XCTAssertEqual((0..<4).map { _ in g1.next() },
                       [0x910A_2DEC_8902_5CC1, 0xBEEB_8DA1_658E_EC67, 0xF893_A2EE_FB32_555E, 0x71C1_8690_EE42_C90B])
    }

    /// Lemire's bounded draw stays in range and hits every value.
    func testBoundedDraws() {
        var g = SplitMix64(seed: 42)
        var seen = Array(repeating: 0, count: 7)
        for _ in 0..<7000 { seen[Int(g.next(below: 7))] += 1 }
        XCTAssertTrue(seen.allSatisfy { $0 > 800 && $0 < 1200 }, "\(seen)")
        XCTAssertEqual(g.next(in: 5...5), 5)
    }

    /// Story 2. raft.go resetRandomizedElectionTimeout: electionTick + rand(electionTick),
    /// i.e. whole ticks in [T, 2T-1]; an explicit range min == max is constant.
    func testRandomizedElectionTimeoutRange() {
        var n = RaftNode(config: RaftConfig(id: 0, voters: [0, 1, 2], randomSeed: 9))
        var seen = Set<Int>()
        for _ in 0..<10_000 {
            n.resetRandomizedElectionTimeout()
            XCTAssertTrue((10...19).contains(n.randomizedElectionTimeout))
            seen.insert(n.randomizedElectionTimeout)
        }
        XCTAssertEqual(seen, Set(10...19))

        var c = RaftNode(config: RaftConfig(id: 0, voters: [0, 1, 2], randomizedTimeoutRange: 7...7))
        for _ in 0..<100 { c.resetRandomizedElectionTimeout(); XCTAssertEqual(c.randomizedElectionTimeout, 7) }

        var fine = RaftNode(config: RaftConfig(id: 0, voters: [0, 1], electionTick: 150, heartbeatTick: 50,
                                               randomizedTimeoutRange: 150...300))
        var lo = Int.max, hi = Int.min
        for _ in 0..<10_000 {
            fine.resetRandomizedElectionTimeout()
            lo = min(lo, fine.randomizedElectionTimeout); hi = max(hi, fine.randomizedElectionTimeout)
        }
        XCTAssertEqual(lo, 150); XCTAssertEqual(hi, 300)
    }

    /// The timeout is redrawn when a node becomes follower (raft.go reset), and
    /// the whole cluster run is a pure function of the seeds.
    func testRunsAreReproducible() {
        func run() -> ([UInt64], Int, Int) {
            var net = StoryNetwork(5)
            let l = net.electLeader()
            net.crash(l)
            _ = net.electLeader()
            net.tick(50)
            return (net.nodes.map(\.term), net.leader ?? -1, net.delivered)
        }
        let a = run(), b = run()
        XCTAssertEqual(a.0, b.0); XCTAssertEqual(a.1, b.1); XCTAssertEqual(a.2, b.2)
    }

    /// The idle path: follower ticks below the timeout produce no Ready.
    func testIdleFollowerTickHasNoOutput() {
        var n = RaftNode(config: RaftConfig(id: 0, voters: [0, 1, 2], randomizedTimeoutRange: 50...50))
        _ = n.ready(); n.advance()
        for _ in 0..<49 { n.tick() }
        XCTAssertFalse(n.hasReady)
        n.tick()
        XCTAssertEqual(n.role, .preCandidate)
        XCTAssertEqual(n.ready().messages.map(\.type), [.preVote, .preVote])
    }
}
