import SimKernel
import Testing

@testable import Simulation

/// kube-vip's BGP mode (`access.preset: kube-vip-bgp`): every master's
/// kube-vip advertises the address to the router, which spreads new flows
/// over the masters whose sessions are up; no Lease elects a holder
/// (kube-vip `docs/hybrid/static/index.md`: in BGP mode "all nodes ...
/// will advertise virtual IP addresses"). The router drops a silent
/// master's route after the hold time, 30 s with keepalives every 10 s
/// (kube-vip `cmd/kube-vip.go`, `--bgpHoldTimer`, `--bgpKeepAliveInterval`;
/// RFC 4271 §6.5), and a dead kube-vip's at once, its kernel closing the
/// session (RFC 4271 §8; kube-vip's e2e test `e2e_bgp_healthcheck_test.go`
/// sees the route withdrawn when kube-vip stops).
@Suite struct KubeVipBGPTests {
    func run(
        _ fault: FaultKind, preset: AccessPreset = .kubeVipBGP, for duration: SimDuration = .minutes(5), seed: UInt64 = 1,
        routeCheck: KubeVipRouteCheckSettings? = nil
    ) -> RunResult {
        var topology = Topology(zones: ["a", "b", "c"], mastersPerZone: [1, 1, 1], workersPerZone: [0, 0, 0])
        topology.access = preset.settings
        topology.access.bgp.controlPlaneHealthCheck = routeCheck
        let faults = [Fault(kind: fault, at: .fixed(.minutes(10)), duration: .fixed(duration))]
        let scenario = Scenario(name: "kube-vip-bgp", duration: .minutes(30), topology: topology, faults: faults, expectations: [])
        var world = World(scenario: scenario, seed: seed)
        return world.run()
    }

    func withdrawals(_ result: RunResult, of host: String) -> [Double] {
        result.events.filter { $0.kind == .backendUnhealthy && $0.entity == "lb-backend/\(host)" }.map { $0.time.sinceStart.seconds }
    }

    func attributed(_ result: RunResult, _ metric: String, _ mechanism: DowntimeMechanism) -> Double {
        result.downtime.filter { $0.metric == metric && $0.mechanism == mechanism.rawValue }.map(\.seconds).reduce(0, +)
    }

    /// A master's host crashes: the router keeps its route until the hold
    /// time runs out, 20 to 30 s after the last keepalive it heard, and
    /// hashes a share of kubectl's new connections to it meanwhile.
    @Test func aSilentMasterKeepsItsRouteForTheHoldTime() {
        let result = run(.hostCrash(.host(0)))
        let dropped = withdrawals(result, of: "master-a-1")
        #expect(dropped.count == 1)
        let after = (dropped.first ?? 0) - 600
        #expect(after > 20 && after <= 30, "route dropped \(after) s after the crash")
        let failing = attributed(result, "api.\(ClientClass.perRequestName)", .bgpRouteToMasterNotServing)
        #expect(failing > 0 && failing <= 30, "kubectl failing \(failing) s on the route to the dead master")
        // The address itself never goes (two masters keep their routes):
        // what is lost is etcd's election if the crashed master led.
        #expect(result.metric(.externalIPUnreachableSeconds)! <= result.metric(.etcdLeaderlessSeconds)!)
    }

    /// A long-lived client whose connection was on the crashed master is
    /// reset when the route goes (the next packet reaches another master,
    /// which knows no such connection), before client-go's HTTP/2 health
    /// check would have closed it at 45 s.
    @Test func aConnectionOnTheSilentMasterIsResetWhenItsRouteGoes() {
        var resetSeen = false
        for seed: UInt64 in 1...6 {
            let result = run(.hostCrash(.host(0)), seed: seed)
            if result.events.contains(where: { $0.kind == .connectionReset && $0.detail.hasSuffix("BGP route withdrawn") }) { resetSeen = true }
            let longest = result.metric(.clientLongestOutageSeconds(ClientClass.externalName))!
            #expect(longest <= 32, "seed \(seed): the long-lived client out \(longest) s")
        }
        #expect(resetSeen)
    }

    /// kube-vip dies on a live master: the session ends with it and the
    /// route goes at once, so no new connection is sent there; it comes
    /// back with the new session's first keepalive.
    @Test func aDeadKubeVipWithdrawsTheRouteAtOnce() {
        let result = run(.componentCrash(.kubeVip, .host(1)))
        #expect(withdrawals(result, of: "master-b-1") == [600])
        let back = result.events.filter { $0.kind == .backendHealthy && $0.entity == "lb-backend/master-b-1" }.map { $0.time.sinceStart.seconds }
        #expect(back.count == 1 && back[0] > 900 && back[0] <= 910, "route back at \(back)")
        #expect(attributed(result, "api.\(ClientClass.perRequestName)", .bgpRouteToMasterNotServing) == 0)
        // A graceful stop sends kube-vip SIGTERM with the others: its
        // session closes and the route goes at once too.
        #expect(withdrawals(run(.hostStop(.host(1))), of: "master-b-1") == [600])
    }

    /// Without a Lease the address does not depend on the control plane: a
    /// two-minute etcd quorum loss, which makes kube-vip's ARP mode drop
    /// its address, leaves every route in place.
    @Test func aQuorumLossLeavesEveryRoute() {
        var topology = Topology(zones: ["a", "b", "c"], mastersPerZone: [1, 1, 1], workersPerZone: [0, 0, 0])
        topology.access = AccessPreset.kubeVipBGP.settings
        let faults = [1, 2].map { Fault(kind: .etcdCrash(.host($0)), at: .fixed(.minutes(10)), duration: .fixed(.minutes(2))) }
        let scenario = Scenario(name: "kube-vip-bgp", duration: .minutes(30), topology: topology, faults: faults, expectations: [])
        var world = World(scenario: scenario, seed: 1)
        let result = world.run()
        #expect(result.events.filter { $0.kind == .backendUnhealthy }.isEmpty)
        #expect(!result.downtime.contains { $0.mechanism == DowntimeMechanism.virtualIPLostWithControlPlane.rawValue })
        #expect(FailureTolerance(topology: topology).warnings.isEmpty)
    }

    /// The apiserver process dies on a live master whose kube-vip runs.
    /// Without kube-vip's control-plane health check (its default) the
    /// route stays, and the router keeps hashing a share of kubectl's new
    /// connections to the dead apiserver for the whole five minutes. With
    /// it (kube-vip `pkg/cluster/service.go` `bgpHealthCheckLoop`: a GET
    /// every 5 s, the route withdrawn after 3 failures in a row and
    /// announced at the first success) the route goes 10 to 15 s after
    /// the crash and comes back within a period of the apiserver's return.
    @Test func theControlPlaneHealthCheckWithdrawsTheRouteOfADeadAPIServer() {
        let kubectl = "api.\(ClientClass.perRequestName)"
        let unchecked = run(.componentCrash(.apiserver, .host(1)))
        #expect(withdrawals(unchecked, of: "master-b-1").isEmpty)
        #expect(attributed(unchecked, kubectl, .bgpRouteToMasterNotServing) > 30)

        let checked = run(.componentCrash(.apiserver, .host(1)), routeCheck: KubeVipRouteCheckSettings())
        let dropped = withdrawals(checked, of: "master-b-1")
        #expect(dropped.count == 1)
        let after = (dropped.first ?? 0) - 600
        #expect(after > 10 && after <= 15, "route withdrawn \(after) s after the crash")
        #expect(checked.events.contains { $0.kind == .bgpRouteWithdrawn && $0.entity == "kube-vip/master-b-1" })
        let back = checked.events.filter { $0.kind == .bgpRouteAnnounced && $0.entity == "kube-vip/master-b-1" }.map { $0.time.sinceStart.seconds }
        #expect(back.count == 1 && back[0] > 900, "route announced again at \(back)")
        let failing = attributed(checked, kubectl, .bgpRouteToMasterNotServing)
        #expect(failing > 0 && failing <= 15, "kubectl failing \(failing) s on the route to the dead apiserver")
    }

    /// Same scenario, same seed: the same run.
    @Test func runsAreDeterministic() {
        #expect(run(.hostCrash(.host(0)), seed: 5).digest == run(.hostCrash(.host(0)), seed: 5).digest)
    }
}
