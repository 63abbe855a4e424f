/// Which address a component on the masters (or a worker's kubelet) sends
/// its API requests to: the part of an access set-up that decides whether a
/// lost load balancer or virtual IP reaches the control plane itself
/// (`topology.access.dials`, docs/ACCESS-SETUPS.md "What dials what").
public enum ComponentDial: String, CaseIterable, Hashable, Sendable {
    /// The cluster's endpoint as `topology.access` makes it: the external IP
    /// or its load balancer, the virtual IP and its HAProxy, the NLB's or the
    /// DNS name. What `admin.conf` and a worker's `kubelet.conf` name.
    case clusterEndpoint
    /// The apiserver on the component's own master, over loopback or the
    /// master's own address: no network hop, no load balancer.
    case localAPIServer
}

/// The address each component dials (`ComponentDial`), one part per
/// component. Outside clients and pods are client classes with a `dials`
/// of their own (`ClientClass.Address`); kube-vip always talks to its own
/// master's apiserver (its manifest's host alias, `KubeVipSettings`).
public struct ComponentDials: Hashable, Sendable {
    /// kubeadm writes controller-manager.conf and scheduler.conf with the
    /// local API endpoint, the master's advertise address
    /// (kubernetes `cmd/kubeadm/app/phases/kubeconfig/kubeconfig.go`,
    /// `getKubeConfigSpecsBase`; the control-plane endpoint before 1.19.1,
    /// kubernetes PR 94398); kube-up writes `server:
    /// https://localhost:443` (kubernetes `cluster/gce/gci/configure-helper.sh`,
    /// `create-kubecontrollermanager-kubeconfig`, `create-kubescheduler-kubeconfig`).
    public var kubeControllerManager = ComponentDial.localAPIServer
    public var kubeScheduler = ComponentDial.localAPIServer
    /// kube-up runs cluster-autoscaler as a static pod on the master with
    /// `server: https://localhost:443` (configure-helper.sh
    /// `create-clusterautoscaler-kubeconfig`). kubeadm installs no
    /// autoscaler; hasim places it on the masters in every set-up.
    public var clusterAutoscaler = ComponentDial.localAPIServer
    /// kube-up's add-on manager runs kubectl against `https://localhost:443`
    /// (configure-helper.sh `create-addonmanager-kubeconfig`).
    public var addonManagers = ComponentDial.localAPIServer
    /// A worker runs no apiserver: its kubelet.conf names the control-plane
    /// endpoint (kubeadm `kubeconfig.go`, `GetControlPlaneEndpoint`;
    /// kube-up's node kubeconfig the master's address). The only value the
    /// reader accepts.
    public var workerKubelets = ComponentDial.clusterEndpoint
    /// The kubelets on the masters (`topology.kubelet.controlPlaneNodes`).
    /// kube-up's master kubelet dials `KUBELET_APISERVER`, the master's
    /// reserved external IP (kubernetes `cluster/gce/util.sh`,
    /// `create-master`); kubeadm's kubelet.conf names the control-plane
    /// endpoint unless the `ControlPlaneKubeletLocalMode` feature gate
    /// points a control-plane node's kubelet at its local apiserver (KEP-4471:
    /// alpha in 1.31, beta and on by default from 1.33; `AccessPreset`
    /// takes the gate on for the kubeadm presets).
    public var controlPlaneKubelets = ComponentDial.clusterEndpoint

    public init() {}

    /// What the candidates of `lease` dial. kube-vip's control-plane
    /// instance talks to `kubernetes:<port>`, which its manifest's host
    /// alias points at 127.0.0.1 (kube-vip `pkg/kubevip/config_generator.go`).
    public func dial(of lease: LeaseName) -> ComponentDial {
        switch lease {
        case .kubeControllerManager: return kubeControllerManager
        case .kubeScheduler: return kubeScheduler
        case .clusterAutoscaler: return clusterAutoscaler
        case .kubeVip: return .localAPIServer
        }
    }

    /// kubeadm 1.33 and later: the control-plane kubelets on their local
    /// apiserver (`ControlPlaneKubeletLocalMode` on by default, KEP-4471).
    static var kubeadm: ComponentDials {
        var dials = ComponentDials()
        dials.controlPlaneKubelets = .localAPIServer
        return dials
    }
}
