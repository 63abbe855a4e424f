import HASim
import Testing

/// The masters as nodes (`topology.kubelet.controlPlaneNodes`, docs/WORKERS.md
/// "Control-plane nodes"): kubeadm registers every control-plane node's
/// kubelet and taints the node `node-role.kubernetes.io/control-plane:NoSchedule`
/// (kubernetes `cmd/kubeadm/app/phases/markcontrolplane`); the node lifecycle
/// controller watches it as any node (its 50 s grace period,
/// nodelifecycle config v1alpha1 defaults).
@Suite struct ControlPlaneNodesTests {
    /// Three zones under kubeadm's keepalived and HAProxy set-up, every
    /// master a node; `topology` adds keys to the topology, `rest` the
    /// scenario's other sections.
    func run(_ name: String, masters: String = "{a: 1, b: 1, c: 1}", topology: String = "", _ rest: String) throws -> TestRun {
        try TestScenario(
            yaml: """
                name: \(name)
                duration: 30m
                topology:
                  zones: [a, b, c]
                  masters: \(masters)
                  access: {preset: kubeadm-keepalived-haproxy}
                  kubelet: {controlPlaneNodes: true}
                \(topology)
                \(rest)
                """
        ).run(seed: 1)
    }

    /// No workload tolerates the control-plane taint, so pods that do not
    /// fit on the workers stay pending instead of landing on a master.
    @Test func noWorkloadPodRunsOnAMaster() throws {
        let run = try run(
            "masters-take-no-pods", topology: "  workers: {a: {count: 1, pods: 110}}",
            "workloads:\n  - {name: web, replicas: 200, cpu: 10m, memory: 16Mi}")
        // maxPods 110 on the one worker (kubelet config v1beta1 defaults):
        // 90 pods wait, although every master has room for them.
        #expect(try run.value(.podsPendingPeak) == 90)
        #expect(abs(try run.value(.workloadAvailability("web")) - 110.0 / 200) < 1e-9)
        #expect(try run.value(.nodesNotReadyPeak) == 0)
    }

    /// A master whose host dies has a kubelet no more, whatever it dials:
    /// its node turns Unknown after the grace period and Ready again once
    /// the host is back, while the other masters' nodes stay Ready.
    @Test func aCrashedMastersNodeGoesNotReadyAfterTheGracePeriod() throws {
        let run = try run("master-node-crash", "faults:\n  - {at: 10m, crash: master-b-1, for: 5m}")
        let notReady = try run.value(.controlPlaneNodesNotReadySeconds)
        // 300 s of crash less the 40 to 50 s before the grace ran out, plus
        // up to 10 s until the restarted kubelet posts Ready.
        #expect(notReady > 240 && notReady < 275, "\(notReady) node-s")
        #expect(try run.value(.nodesNotReadyPeak) == 1)
    }

    /// `kubeadm join --control-plane` starts the new master's kubelet, which
    /// registers its node (kubernetes `cmd/kubeadm/app/cmd/phases/join/kubelet.go`);
    /// the autoscaler counts no node of its own.
    @Test func aJoinedMasterRegistersItsNode() throws {
        let run = try run("joined-master-node", masters: "{a: 1}", "operations:\n  - {at: 5m, scaleMasters: {a: 1, b: 1, c: 1}}")
        let registered = run.result.events.filter { $0.kind == .nodeRegistered }.map(\.entity)
        #expect(registered == ["master-b-1", "master-c-1"])
        #expect(try run.value(.controlPlaneNodesNotReadySeconds) == 0)
    }
}
