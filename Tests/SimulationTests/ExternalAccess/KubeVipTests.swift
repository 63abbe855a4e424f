import SimKernel
import Testing

@testable import Simulation

/// kube-vip's control-plane virtual IP in ARP mode (`access.preset:
/// kube-vip`): the holder of the Lease `plndr-cp-lock` binds the address
/// and its own apiserver answers on it. The Lease runs client-go's leader
/// election with kube-vip's timings, 15 s / 10 s / 2 s since v1.1.0
/// (kube-vip `cmd/kube-vip.go`), through the apiserver on the instance's
/// own master (`pkg/manager/manager.go` dials `kubernetes:<port>`, which
/// the manifest's host alias points at 127.0.0.1); the leader removes the
/// address when it stops leading (`pkg/cluster/clusterLeaderElection.go`,
/// `--preserveVipOnLeadershipLoss` false).
@Suite struct KubeVipTests {
    /// Three masters, one a zone, under `preset`, with `faults`.
    func run(_ faults: [Fault], preset: AccessPreset = .kubeVip, seed: UInt64 = 1, adjust: (inout AccessSettings) -> Void = { _ in }) -> RunResult {
        var topology = Topology(zones: ["a", "b", "c"], mastersPerZone: [1, 1, 1], workersPerZone: [0, 0, 0])
        var access = preset.settings
        adjust(&access)
        topology.access = access
        let scenario = Scenario(name: "kube-vip", duration: .minutes(30), topology: topology, faults: faults, expectations: [])
        var world = World(scenario: scenario, seed: seed)
        return world.run()
    }

    func fault(_ kind: FaultKind, at start: SimDuration = .minutes(10), for duration: SimDuration = .minutes(2)) -> Fault {
        Fault(kind: kind, at: .fixed(start), duration: .fixed(duration))
    }

    func vipEvents(_ result: RunResult) -> [EventRecord] {
        result.events.filter { $0.kind == .virtualIPLost || $0.kind == .virtualIPMoved }
    }

    /// A standby takes the lease once the holder's record has gone
    /// unchanged for leaseDuration by its own clock, at its next retry
    /// (RetryPeriod plus up to 1.2 × RetryPeriod of jitter): the address is
    /// gone 15 to 19.4 s, where keepalived's VRRP takes 3.6 s.
    @Test func aCrashOfTheHolderCostsTheLeaseDuration() {
        let crash = [fault(.hostCrash(.leaseHolder(.kubeVip)), for: .minutes(5))]
        let result = run(crash)
        let gone = result.metric(.externalIPUnreachableSeconds)!
        #expect(gone >= 15 && gone <= 19.5, "address gone \(gone) s")
        #expect(vipEvents(result).map(\.kind) == [.virtualIPLost, .virtualIPMoved])
        #expect(result.metric(.leaseTransitions(.kubeVip)) == 1)
        let keepalived = run([fault(.hostCrash(.host(0)), for: .minutes(5))], preset: .kubeadmKeepalivedHAProxy)
        #expect(keepalived.metric(.externalIPUnreachableSeconds)! < 4)
        // kube-vip v1.0.4 and before (5 s / 3 s / 1 s): a third of it.
        let older = run(crash) { access in
            access.kubeVip.election.leaseDuration = .seconds(5)
            access.kubeVip.election.renewDeadline = .seconds(3)
            access.kubeVip.election.retryPeriod = .seconds(1)
        }
        let olderGone = older.metric(.externalIPUnreachableSeconds)!
        #expect(olderGone >= 5 && olderGone <= 7.5, "address gone \(olderGone) s")
    }

    /// Two of three etcd members down for 2 minutes, longer than the lease:
    /// the leader's renewals fail, it stops leading after its renew deadline
    /// (10 s) and removes the address; once quorum is back a standby, whose
    /// last observation of the record is long past, takes the lease at its
    /// next retry and binds the address again.
    @Test func aQuorumLossLongerThanTheLeaseDropsTheAddressUntilQuorumReturns() {
        let loss = [fault(.etcdCrash(.host(1))), fault(.etcdCrash(.host(2)))]
        let result = run(loss)
        let events = vipEvents(result)
        #expect(events.map(\.kind) == [.virtualIPLost, .virtualIPMoved])
        let lost = events[0].time.sinceStart.seconds, back = events[1].time.sinceStart.seconds
        #expect(events[0].detail.hasSuffix("kube-vip stopped leading, address removed"))
        #expect(lost > 600 && lost <= 600 + 12, "dropped at \(lost) s")
        #expect(back > 720 && back < 720 + 5, "back at \(back) s")
        // The address's own recovery after quorum is charged to it.
        #expect(result.downtime.map(\.mechanism).contains(DowntimeMechanism.virtualIPLostWithControlPlane.rawValue))
        // A quorum loss shorter than the renew deadline leaves it in place.
        let short = run([fault(.etcdCrash(.host(1)), for: .seconds(5)), fault(.etcdCrash(.host(2)), for: .seconds(5))])
        #expect(vipEvents(short).isEmpty)
    }

    /// The holder's own apiserver dies: it answers on the address no more,
    /// and kube-vip, renewing through it, gives the address up only after
    /// its renew deadline; a standby takes it when the lease has expired by
    /// its clock. Behind keepalived and HAProxy the same fault costs
    /// per-request clients nothing (HAProxy redispatches).
    @Test func aDeadAPIServerOnTheHolderTakesTheAddressWithIt() {
        let crash = [fault(.componentCrash(.apiserver, .leaseHolder(.kubeVip)), for: .minutes(5))]
        let result = run(crash)
        let outage = result.metric(.clientLongestOutageSeconds(ClientClass.perRequestName))!
        #expect(outage >= 14 && outage <= 20, "kubectl's longest outage \(outage) s")
        #expect(vipEvents(result).first?.detail.hasSuffix("kube-vip stopped leading, address removed") == true)
        let haproxy = run([fault(.componentCrash(.apiserver, .host(0)), for: .minutes(5))], preset: .kubeadmKeepalivedHAProxy)
        // At most the one command (1/s) in flight to the dying apiserver.
        #expect(haproxy.metric(.clientLongestOutageSeconds(ClientClass.perRequestName))! < 2)
    }

    /// `hasim analyze` names the dependency; keepalived has none.
    @Test func analyzeWarnsThatTheAddressDependsOnTheControlPlane() {
        var topology = Topology(zones: ["a", "b", "c"], mastersPerZone: [1, 1, 1], workersPerZone: [0, 0, 0])
        topology.access = AccessPreset.kubeVip.settings
        #expect(FailureTolerance(topology: topology).warnings.map(\.code) == ["vip-depends-on-control-plane"])
        topology.access = AccessPreset.kubeadmKeepalivedHAProxy.settings
        #expect(FailureTolerance(topology: topology).warnings.isEmpty)
    }

    /// Same scenario, same seed: the same run; the Lease's first holder is
    /// drawn from its own stream.
    @Test func runsAreDeterministic() {
        let crash = [fault(.hostCrash(.leaseHolder(.kubeVip)))]
        #expect(run(crash, seed: 7).digest == run(crash, seed: 7).digest)
    }
}
