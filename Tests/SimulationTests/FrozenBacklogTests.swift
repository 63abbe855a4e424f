import SimKernel
import Testing

@testable import Simulation

/// A frozen etcd member keeps what its peers send it only up to their
/// stream buffers (etcd rafthttp stream.go `streamBufSize = 4096`; peer.go
/// `send` drops past it), so a pause of any length holds bounded memory
/// (issue 21: a whole-run pause grew about 150 MB a simulated day).
@Suite struct FrozenBacklogTests {
    @Test func aWholeRunPauseKeepsAtMostABufferAPeer() {
        let topology = Topology(zones: ["a", "b", "c"], mastersPerZone: [1, 1, 1], workersPerZone: [0, 0, 0])
        // Two hours frozen: about 72,000 heartbeats from the leader alone.
        let scenario = Scenario(
            name: "pause", duration: .hours(2), topology: topology,
            faults: [Fault(kind: .hostPause(.host(0)), at: .fixed(.minutes(1)))], expectations: [])
        var world = World(scenario: scenario, seed: 1)
        _ = world.run()
        let frozen = world.etcd.members.first { $0.host == 0 }!
        // The leader's buffer filled; the other peer sent little or nothing.
        #expect(frozen.backlog.count >= EtcdMember.backlogPerPeer, "held \(frozen.backlog.count)")
        #expect(frozen.backlog.count <= 2 * EtcdMember.backlogPerPeer, "held \(frozen.backlog.count)")
    }
}
