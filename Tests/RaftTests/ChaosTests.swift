import XCTest
@testable import Raft

final class ChaosTests: XCTestCase {
    /// Seeded random crashes, restarts, partitions and proposals; the harness checks
    /// Election Safety, State Machine Safety and durable-term monotonicity on every
    /// Ready. After healing, the cluster must converge on one leader and one log.
    func testRandomFaultsKeepSafetyAndConverge() {
        for seed: UInt64 in 1...8 {
            for preVote in [true, false] {
                var rng = SplitMix64(seed: seed)
                var net = StoryNetwork(5) { $0.preVote = preVote; $0.randomSeed &+= seed }
                var nextData: UInt64 = 1
                for step in 0..<1500 {
                    if step % 25 == 0 {
                        switch rng.next(below: 5) {
                        case 0: net.heal()
                        case 1: net.isolate(Int(rng.next(below: 5)))
                        case 2: net.cut(Int(rng.next(below: 5)), Int(rng.next(below: 5)))
                        case 3:
                            let i = Int(rng.next(below: 5))
                            if net.up[i] && net.up.filter({ $0 }).count > 3 { net.crash(i) }
                        default:
                            for i in net.ids where !net.up[i] { net.restart(i) }
                        }
                    }
                    if rng.next(below: 3) == 0 {
                        let i = Int(rng.next(below: 5))
                        if net.up[i] { _ = net.nodes[i].propose(data: nextData); nextData += 1 }
                    }
                    net.tick()
                }
                net.heal()
                for i in net.ids where !net.up[i] { net.restart(i) }
                net.tick(60)
                let l = net.electLeader()
                _ = net.propose(l, 999_999)
                net.tick(5)
                for i in net.ids {
                    XCTAssertEqual(net.nodes[i].log.entries, net.nodes[l].log.entries, "seed \(seed) node \(i)")
                    XCTAssertEqual(net.appliedData(i), net.appliedData(l), "seed \(seed) node \(i)")
                }
                XCTAssertEqual(net.appliedData(l).last, 999_999)
                // The run really exercised elections and replication.
                XCTAssertGreaterThanOrEqual(net.leaderOfTerm.count, 3, "seed \(seed)")
                XCTAssertGreaterThan(net.appliedData(l).count, 50, "seed \(seed)")
            }
        }
    }
}
