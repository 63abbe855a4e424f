import ScenarioFile
import Simulation
import Testing

/// `topology.access.dials`: each preset's defaults, every part overridable,
/// and located errors for what no set-up can do.
@Suite struct ComponentDialsScenarioTests: ScenarioText {
    func access(_ keys: String) throws -> AccessSettings { try parse(head + "  access: \(keys)\n").topology.access }

    /// kube-up's kubeconfigs for the master components name
    /// `https://localhost:443` and its master kubelet the reserved external
    /// IP (kubernetes `cluster/gce/gci/configure-helper.sh`,
    /// `cluster/gce/util.sh` `create-master`); kubeadm's name the local
    /// endpoint for kube-controller-manager and kube-scheduler
    /// (`cmd/kubeadm/app/phases/kubeconfig/kubeconfig.go`), and from 1.33
    /// `ControlPlaneKubeletLocalMode` points control-plane kubelets at the
    /// local apiserver too (KEP-4471).
    @Test func eachPresetGivesItsDefaults() throws {
        for preset in AccessPreset.allCases {
            let dials = try access("{preset: \(preset.rawValue)}").dials
            #expect(dials.kubeControllerManager == .localAPIServer && dials.kubeScheduler == .localAPIServer, "\(preset)")
            #expect(dials.clusterAutoscaler == .localAPIServer && dials.addonManagers == .localAPIServer, "\(preset)")
            #expect(dials.workerKubelets == .clusterEndpoint, "\(preset)")
            let kubeadm = [AccessPreset.kubeadmKeepalivedHAProxy, .kubeVip, .kubeVipBGP, .awsNLB].contains(preset)
            #expect(dials.controlPlaneKubelets == (kubeadm ? .localAPIServer : .clusterEndpoint), "\(preset)")
        }
    }

    @Test func everyPartIsOverridableAndTheOthersKeepThePresets() throws {
        let dials = try parse(
            head
                + "  kubelet: {controlPlaneNodes: true}\n  access: {preset: kubeadm-keepalived-haproxy, dials: {kubeScheduler: clusterEndpoint, controlPlaneKubelets: clusterEndpoint}}\n"
        ).topology.access.dials
        #expect(dials.kubeScheduler == .clusterEndpoint && dials.controlPlaneKubelets == .clusterEndpoint)
        #expect(dials.kubeControllerManager == .localAPIServer && dials.addonManagers == .localAPIServer)
        let all = try access(
            "{dials: {kubeControllerManager: clusterEndpoint, clusterAutoscaler: clusterEndpoint, addonManagers: clusterEndpoint, workerKubelets: clusterEndpoint}}"
        ).dials
        #expect(all.kubeControllerManager == .clusterEndpoint && all.clusterAutoscaler == .clusterEndpoint && all.addonManagers == .clusterEndpoint)
        #expect(try parse(head + "  kubelet: {controlPlaneNodes: true}\n").topology.workerNodes.controlPlaneNodes)
    }

    @Test func badValuesAreLocatedErrors() {
        #expect(
            error(head + "  access: {dials: {workerKubelets: localAPIServer}}\n")
                == "s.yaml:7:36: topology.access.dials.workerKubelets: a worker runs no apiserver, so its kubelet cannot dial localAPIServer; expected clusterEndpoint"
        )
        #expect(
            error(head + "  access: {dials: {kubeControllerManager: loadBalancer}}\n")
                == #"s.yaml:7:43: topology.access.dials.kubeControllerManager: unknown dial target "loadBalancer"; expected one of clusterEndpoint, localAPIServer"#
        )
        #expect(
            error(head + "  access: {dials: {kubelets: localAPIServer}}\n")
                == (#"s.yaml:7:20: topology.access.dials.kubelets: unknown key "kubelets"; expected one of kubeControllerManager, kubeScheduler, clusterAutoscaler, addonManagers, workerKubelets, controlPlaneKubelets"#)
        )
        #expect(
            error(head + "  access: {dials: {controlPlaneKubelets: localAPIServer}}\n")
                == "s.yaml:7:42: topology.access.dials.controlPlaneKubelets: controlPlaneKubelets is set only with topology.kubelet.controlPlaneNodes: true"
        )
        #expect(
            error(head + "  kubelet: {controlPlaneNodes: maybe}\n").hasPrefix("s.yaml:7:32: topology.kubelet.controlPlaneNodes:")
        )
    }

    /// `hasim analyze` warns when a control-plane component depends on the
    /// address it is meant to keep working behind, and not for kubeadm's
    /// own kubeconfigs (the local endpoint, kubernetes PR 94398).
    @Test func analyzeWarnsAboutComponentsOnTheEndpoint() throws {
        #expect(try access("{preset: kubeadm-keepalived-haproxy}").warnings.map(\.code) == [])
        let warnings = try access("{preset: kubeadm-keepalived-haproxy, dials: {kubeControllerManager: clusterEndpoint, kubeScheduler: clusterEndpoint}}")
            .warnings
        #expect(warnings.map(\.code) == ["control-plane-dials-endpoint"])
        #expect(warnings.first?.message.hasPrefix("topology.access.dials sends kube-controller-manager, kube-scheduler through the cluster's endpoint") == true)
        #expect(AccessWarning.codes.contains("control-plane-dials-endpoint"))
    }
}
