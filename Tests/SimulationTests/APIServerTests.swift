import SimKernel
import Simulation
import Testing

/// API servers and add-on managers on every master.
@Suite struct APIServerTests {
    /// Add-on managers each on their own (kube-addons.sh
    /// ADDON_MANAGER_LEADER_ELECTION=false), so each master's is measured.
    let topology: Topology = {
        var topology = Topology(zones: ["a", "b", "c"], mastersPerZone: [1, 1, 1], workersPerZone: [0, 0, 0])
        topology.addonManagerLeaderElection = false
        return topology
    }()

    func run(_ faults: [Fault], duration: SimDuration = .minutes(10), seed: UInt64 = 1) -> RunResult {
        simulate(Scenario(name: "apiservers", duration: duration, topology: topology, faults: faults), seed: seed)
    }

    /// kubeadm HA topology (stacked etcd): the apiserver talks only to its
    /// local member, so it fails when that member is down even though quorum
    /// holds elsewhere; /readyz's etcd check times out after 2 s (FACTS.md).
    @Test func apiserverWithItsLocalMemberDownIsNotReadyOthersAre() {
        // Member 0 (master-a-1) leads after the bootstrap; crash a follower's.
        let result = run([Fault(kind: .etcdCrash(.host(2)), at: .fixed(.seconds(60)), duration: .fixed(.seconds(120)))])
        let states = result.intervals.filter { $0.entity == "apiserver/master-c-1" }
        #expect(states.map(\.state) == ["ready", "notReady", "ready"])
        #expect(states[1].start == SimInstant(.seconds(62)))
        // Back as soon as the restarted member hears from the leader.
        #expect((states[1].end - SimInstant(.seconds(180))).seconds < 1)
        #expect(result.metric(.apiServerReadyFraction(host: "master-a-1")) == 1)
        #expect(result.metric(.apiServerReadyFraction(host: "master-b-1")) == 1)
        #expect(result.metric(.noAPIServerReadySeconds) == 0)
        #expect(result.metric(.etcdQuorumAvailability) == 1)
    }

    /// Without quorum no apiserver can serve: all fail /readyz 2 s later.
    @Test func quorumLossMakesEveryApiserverNotReady() {
        let result = run([Fault(kind: .etcdCrash(.host(1)), at: .fixed(.seconds(60))), Fault(kind: .etcdCrash(.host(2)), at: .fixed(.seconds(60)))],
                         duration: .minutes(2))
        #expect(result.metric(.noAPIServerReadySeconds) == 58)
        // Every lease holder cuts off loses its lease; none can be taken over.
        #expect(result.metric(.leaseHolderlessSeconds(.kubeScheduler))! > 45)
    }

    /// cluster/addons/addon-manager with leader election off: every master syncs every 60 s on its own
    /// (each apply answered after the milliseconds of its apiserver's round trip to etcd).
    /// An add-on manager whose apiserver fails goes without a sync as long.
    @Test func addonStalenessFollowsTheLocalApiserverWhenIndependent() {
        let quiet = run([]).metric(.addonSyncStalenessMaxSeconds)!
        #expect(quiet >= 60 && quiet < 60.01, "\(quiet)")
        #expect(run([]).metric(.addonSyncAvailability) == 1)
        let crash = Fault(kind: .componentCrash(.apiserver, .host(2)), at: .fixed(.seconds(100)), duration: .fixed(.seconds(300)))
        let staleness = run([crash]).metric(.addonSyncStalenessMaxSeconds)!
        // The crash's 300 s plus up to one 60 s interval, plus the
        // milliseconds of the next apply's round trip.
        #expect(staleness >= 300 && staleness <= 360.1, "\(staleness)")
    }
}
