import HASim
import Testing

/// What each component dials (`topology.access.dials`, docs/ACCESS-SETUPS.md
/// "What dials what") decides whether a lost virtual IP reaches the control
/// plane itself. kubeadm writes controller-manager.conf and scheduler.conf
/// with the master's own advertise address and kubelet.conf with the
/// control-plane endpoint (kubernetes `cmd/kubeadm/app/phases/kubeconfig/kubeconfig.go`),
/// unless `ControlPlaneKubeletLocalMode` (KEP-4471: beta and on by default
/// from 1.33) points a control-plane node's kubelet at its local apiserver.
@Suite struct ComponentDialsTests {
    /// kubeadm's keepalived and HAProxy set-up with every master a node,
    /// `dials` as given, and keepalived killed on every master at 10 minutes
    /// for 5 minutes: no master holds the virtual IP, while every apiserver
    /// and etcd stay as they were.
    func virtualIPLost(dials: String) throws -> TestRun {
        try TestScenario(
            yaml: """
                name: vip-lost
                duration: 30m
                topology:
                  zones: [a, b, c]
                  masters: {a: 1, b: 1, c: 1}
                  access: {preset: kubeadm-keepalived-haproxy, dials: \(dials)}
                  kubelet: {controlPlaneNodes: true}
                faults:
                  - {at: 10m, componentCrash: {component: keepalived, host: master-a-1}, for: 5m}
                  - {at: 10m, componentCrash: {component: keepalived, host: master-b-1}, for: 5m}
                  - {at: 10m, componentCrash: {component: keepalived, host: master-c-1}, for: 5m}
                """
        ).run(seed: 1)
    }

    /// Before kubeadm 1.33 a control-plane kubelet renews its node Lease
    /// through the control-plane endpoint: with the virtual IP gone every
    /// renewal fails, and the node lifecycle controller (on its local
    /// apiserver, which still serves) marks each master's node Unknown after
    /// the 50 s grace period (nodelifecycle config v1alpha1 defaults), until
    /// keepalived returns 5 minutes later.
    @Test func controlPlaneNodesGoNotReadyWhenTheirKubeletsDialALostVirtualIP() throws {
        let run = try virtualIPLost(dials: "{controlPlaneKubelets: clusterEndpoint}")
        #expect(run.result.events.contains { $0.kind == .virtualIPLost })
        let notReady = try run.value(.controlPlaneNodesNotReadySeconds)
        // Each of the 3 nodes: about 300 s less the 40 to 50 s before the grace ran out.
        #expect(notReady > 3 * 230 && notReady < 3 * 300, "\(notReady) node-s")
        #expect(run.result.events.contains { $0.kind == .nodesNotReady })
        // kube-controller-manager dials its local apiserver and keeps its lease.
        #expect(try run.value(.leaseHolderlessSeconds(.kubeControllerManager)) == 0)
    }

    /// With `ControlPlaneKubeletLocalMode` (the kubeadm presets' default) the
    /// same loss leaves every master's node Ready: its kubelet renews
    /// through the apiserver on its own host.
    @Test func controlPlaneNodesStayReadyWhenTheirKubeletsDialTheLocalAPIServer() throws {
        let run = try virtualIPLost(dials: "{}")
        #expect(run.result.events.contains { $0.kind == .virtualIPLost })
        #expect(try run.value(.controlPlaneNodesNotReadySeconds) == 0)
        #expect(try run.value(.nodesNotReadyPeak) == 0)
    }

    /// A kube-controller-manager whose kubeconfig names the control-plane
    /// endpoint (kubeadm before 1.19.1, which kubernetes PR 94398 changed to
    /// the local endpoint, or a hand-made kubeconfig) cannot renew its lease through a lost virtual IP: it
    /// stops leading after the renew deadline (10 s, client-go
    /// leaderelection.go `renew`) and no instance can take the lease until
    /// the address is back. kube-scheduler, on its local apiserver, keeps its own.
    @Test func aControllerManagerDiallingTheEndpointLosesItsLeaseWithTheVirtualIP() throws {
        let run = try virtualIPLost(dials: "{kubeControllerManager: clusterEndpoint}")
        let holderless = try run.value(.leaseHolderlessSeconds(.kubeControllerManager))
        #expect(holderless > 250 && holderless < 300, "\(holderless) s without a leader")
        #expect(try run.value(.leaseHolderlessSeconds(.kubeScheduler)) == 0)
        #expect(run.result.events.contains { $0.entity == "lease/kube-controller-manager" && $0.kind == .leaseLost })
    }

    /// The masters' kubelets are slots of the Workers subsystem, so the
    /// fast-forward still skips a quiet day (docs/FAST-FORWARD.md): their
    /// renewals, every 10 s plus up to 4 % jitter (component-helpers
    /// `apimachinery/lease/controller.go`), are counted at their mean rate
    /// and agree with the detailed run within 1 %.
    @Test func aQuietDayWithControlPlaneNodesIsStillSkipped() throws {
        func day(fastForward: Bool) throws -> RunResult {
            try TestScenario(
                yaml: """
                    name: quiet-control-plane-nodes
                    duration: 6h
                    fastForward: \(fastForward)
                    topology:
                      zones: [a, b, c]
                      masters: {a: 1, b: 1, c: 1}
                      access: {preset: kubeadm-keepalived-haproxy}
                      kubelet: {controlPlaneNodes: true}
                    """
            ).run(seed: 3).result
        }
        let (skipping, detailed) = (try day(fastForward: true), try day(fastForward: false))
        #expect(skipping.quietTimeSkipped > .hours(5))
        let renewals = (skipping.metric(.nodeLeaseRenewals)!, detailed.metric(.nodeLeaseRenewals)!)
        // Three kubelets, one renewal every 10.2 s on average, for 6 hours.
        #expect(abs(renewals.1 - 3 * 6 * 3600 / 10.2) < 0.01 * renewals.1, "\(renewals)")
        #expect(abs(renewals.0 - renewals.1) <= 0.01 * renewals.1, "\(renewals)")
        #expect(skipping.metric(.controlPlaneNodesNotReadySeconds) == 0 && detailed.metric(.controlPlaneNodesNotReadySeconds) == 0)
    }
}
