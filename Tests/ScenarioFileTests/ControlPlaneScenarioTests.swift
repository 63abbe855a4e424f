import ScenarioFile
import SimKernel
import Simulation
import Testing

/// The control-plane keys of scenario files (issue 4): leader-election
/// timings checked as client-go's NewLeaderElector checks them
/// (tools/leaderelection/leaderelection.go), and the control-plane faults.
@Suite struct ControlPlaneScenarioTests: ScenarioText {
    func fault(_ entry: String) -> String { error(head + "faults:\n  - \(entry)\n") }

    /// component-base LeaderElectionConfiguration defaults (FACTS.md).
    @Test func leaderElectionDefaultsFollowClientGo() throws {
        let settings = try parse(head).topology.leaderElection
        #expect(settings.leaseDuration == .seconds(15) && settings.renewDeadline == .seconds(10) && settings.retryPeriod == .seconds(2))
    }

    @Test func readsLeaderElectionSettings() throws {
        let settings = try parse(head + "  leaderElection: {leaseDuration: 60s, renewDeadline: 30s, retryPeriod: 5s, restartDelay: 10s}\n")
            .topology.leaderElection
        #expect(settings.leaseDuration == .seconds(60) && settings.renewDeadline == .seconds(30) && settings.retryPeriod == .seconds(5))
        #expect(settings.restartDelay == .fixed(.seconds(10)))
    }

    /// NewLeaderElector: "leaseDuration must be greater than renewDeadline",
    /// "renewDeadline must be greater than retryPeriod*JitterFactor".
    @Test func rejectsTimingsClientGoRejects() {
        #expect(error(head + "  leaderElection: {leaseDuration: 10s}\n")
            == "s.yaml:7:19: topology.leaderElection: leaseDuration (10s) must be greater than renewDeadline (10s), as client-go requires")
        #expect(error(head + "  leaderElection: {retryPeriod: 9s}\n")
            == "s.yaml:7:19: topology.leaderElection: renewDeadline (10s) must be greater than retryPeriod*1.2 (10.8s), as client-go requires")
        #expect(error(head + "  leaderElection: {renewDead: 9s}\n").hasPrefix(
            "s.yaml:7:20: topology.leaderElection.renewDead: unknown key \"renewDead\"; expected one of leaseDuration, renewDeadline, retryPeriod, restartDelay"))
    }

    @Test func readsEveryControlPlaneFaultAndSelector() throws {
        let faults = try parse(head + """
            faults:
              - {at: 1m, componentCrash: {component: apiserver, host: master-a-1}, for: 1m}
              - {at: 1m, componentCrash: {component: kube-scheduler, host: lease-holder:kube-scheduler}}
              - {at: 2m, clockStep: {host: master-b-1, forward: 5s}}
              - {at: 2m, clockStep: {host: master-b-1, backward: 1h}}
              - {at: 3m, clockDrift: {host: master-c-1, ppm: -50000}, for: 10m}
              - {at: 4m, grayLeader: cluster-autoscaler, for: 5m}
              - {at: 5m, zoneOutage: zone-of:lease-holder:kube-controller-manager}
            """).faults.map(\.kind)
        #expect(faults == [
            .componentCrash(.apiserver, .host(0)),
            .componentCrash(.kubeScheduler, .leaseHolder(.kubeScheduler)),
            .clockStep(.host(1), by: .seconds(5)),
            .clockStep(.host(1), by: .zero - .hours(1)),
            .clockDrift(.host(2), ppm: -50_000),
            .grayLeader(.clusterAutoscaler),
            .zoneOutage(.zoneOf(.leaseHolder(.kubeControllerManager)))
        ])
    }

    @Test func controlPlaneFaultErrorsAreExact() {
        #expect(fault("{at: 1m, componentCrash: {component: kube-proxy, host: master-a-1}}")
            == "s.yaml:8:42: faults[0].componentCrash.component: unknown component \"kube-proxy\"; expected one of apiserver, kube-controller-manager, kube-scheduler, cluster-autoscaler, addon-manager")
        #expect(fault("{at: 1m, componentCrash: {component: apiserver, host: worker-a-1}}").hasPrefix(
            "s.yaml:8:59: faults[0].componentCrash.host: unknown master \"worker-a-1\"; expected one of master-a-1, master-b-1, master-c-1, etcd-leader"))
        #expect(fault("{at: 1m, clockStep: {host: master-a-1, forward: 1s, backward: 1s}}")
            == "s.yaml:8:25: faults[0].clockStep: expected exactly one of forward or backward")
        #expect(fault("{at: 1m, clockStep: {host: master-a-1, forward: 1s}, for: 1m}")
            == "s.yaml:8:63: faults[0].for: a clock step is instantaneous and takes no for; step back with another clockStep")
        #expect(fault("{at: 1m, clockDrift: {host: master-a-1, ppm: -1000000}}")
            == "s.yaml:8:50: faults[0].clockDrift.ppm: expected parts per million above -1000000 and at most 1000000, found -1000000.0")
        #expect(fault("{at: 1m, grayLeader: kube-schedular}")
            == "s.yaml:8:26: faults[0].grayLeader: unknown lease \"kube-schedular\"; expected one of kube-controller-manager, kube-scheduler, cluster-autoscaler (did you mean \"kube-scheduler\"?)")
        #expect(fault("{at: 1m, crash: lease-holder:kcm}")
            == "s.yaml:8:21: faults[0].crash: unknown lease holder \"lease-holder:kcm\"; expected one of lease-holder:kube-controller-manager, lease-holder:kube-scheduler, lease-holder:cluster-autoscaler")
    }

    /// keepalived, HAProxy and kube-vip run on every master only in the
    /// set-ups that have them; a fault on one elsewhere is refused.
    @Test func virtualIPProcessesCrashOnlyWhereTheyRun() throws {
        let kubeadm = head + "  access: {preset: kubeadm-keepalived-haproxy}\n"
        let faults = try parse(kubeadm + """
            faults:
              - {at: 1m, componentCrash: {component: keepalived, host: master-a-1}, for: 1m}
              - {at: 1m, componentCrash: {component: haproxy, host: master-b-1}, for: 1m}
            """).faults.map(\.kind)
        #expect(faults == [.componentCrash(.keepalived, .host(0)), .componentCrash(.haproxy, .host(1))])
        let kubeVip = try parse(head + "  access: {preset: kube-vip}\n" + """
            faults:
              - {at: 1m, componentCrash: {component: kube-vip, host: lease-holder:kube-vip}, for: 1m}
              - {at: 1m, grayLeader: kube-vip, for: 1m}
            """).faults.map(\.kind)
        #expect(kubeVip == [.componentCrash(.kubeVip, .leaseHolder(.kubeVip)), .grayLeader(.kubeVip)])
        #expect(error(kubeadm + "faults:\n  - {at: 1m, componentCrash: {component: kube-vip, host: master-a-1}}\n")
            == "s.yaml:9:42: faults[0].componentCrash.component: unknown component \"kube-vip\"; expected one of apiserver, kube-controller-manager, kube-scheduler, cluster-autoscaler, addon-manager, keepalived, haproxy")
        #expect(fault("{at: 1m, crash: lease-holder:kube-vip}")
            == "s.yaml:8:21: faults[0].crash: unknown lease holder \"lease-holder:kube-vip\"; expected one of lease-holder:kube-controller-manager, lease-holder:kube-scheduler, lease-holder:cluster-autoscaler")
    }

    @Test func newConditionsAndMetricsAreAccepted() throws {
        let expectations = try parse(head + """
            expect:
              - {never: splitBrain}
              - {never: noAPIServerReady}
              - {metric: lease.kube-scheduler.holderless.seconds, atMost: 25}
              - {metric: apiserver.master-a-1.ready.fraction, atLeast: 0.99}
              - {metric: addons.sync.staleness.max.seconds, atMost: 120}
            """).expectations
        #expect(expectations.count == 5)
        #expect(expectations[0] == .never(.splitBrain))
    }
}
