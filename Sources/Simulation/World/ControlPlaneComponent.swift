/// The control-plane processes that run on every master, besides etcd.
public enum ControlPlaneComponent: String, CaseIterable, Hashable, Sendable {
    case apiserver
    case kubeControllerManager = "kube-controller-manager"
    case kubeScheduler = "kube-scheduler"
    case clusterAutoscaler = "cluster-autoscaler"
    case addonManager = "addon-manager"
    /// kube-vip's control-plane static pod (`topology.access.virtualIPElector:
    /// kube-vip`, or `mode: bgp`).
    case kubeVip = "kube-vip"
    /// keepalived's VRRP daemon (`virtualIPElector: keepalived`).
    case keepalived
    /// The HAProxy in front of the apiservers (`virtualIPListener: haproxy`).
    case haproxy

    /// The lease the component elects its active instance with, if any.
    public var lease: LeaseName? { LeaseName(rawValue: rawValue) }
}

extension AccessSettings {
    /// The components every master runs in this set-up: the control
    /// plane's, and keepalived, HAProxy or kube-vip where the virtual IP
    /// needs them.
    public var components: [ControlPlaneComponent] {
        var result: [ControlPlaneComponent] = [.apiserver, .kubeControllerManager, .kubeScheduler, .clusterAutoscaler, .addonManager]
        if electsVirtualIPByVRRP { result.append(.keepalived) }
        if electsVirtualIPByLease || usesBGP { result.append(.kubeVip) }
        if forwardsThroughHAProxy { result.append(.haproxy) }
        return result
    }
}

/// The leader-election leases, in the order their candidates, recorders
/// and metrics are laid out: the three of every control plane, then
/// kube-vip's, which only a kube-vip set-up has (`Topology.leases`).
public enum LeaseName: String, CaseIterable, Hashable, Sendable {
    case kubeControllerManager = "kube-controller-manager"
    case kubeScheduler = "kube-scheduler"
    case clusterAutoscaler = "cluster-autoscaler"
    /// kube-vip's control-plane Lease, `plndr-cp-lock` in kube-system
    /// (kube-vip `cmd/kube-vip.go`, `--leaseName`): its holder binds the
    /// virtual IP.
    case kubeVip = "kube-vip"

    /// The leases of every control plane.
    public static let controlPlane: [LeaseName] = [.kubeControllerManager, .kubeScheduler, .clusterAutoscaler]

    var index: Int { LeaseName.allCases.firstIndex(of: self)! }
}
