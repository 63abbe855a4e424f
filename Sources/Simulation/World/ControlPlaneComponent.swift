/// The control-plane processes that run on every master, besides etcd.
public enum ControlPlaneComponent: String, CaseIterable, Hashable, Sendable {
    case apiserver
    case kubeControllerManager = "kube-controller-manager"
    case kubeScheduler = "kube-scheduler"
    case clusterAutoscaler = "cluster-autoscaler"
    case addonManager = "addon-manager"

    /// The lease the component elects its active instance with, if any.
    public var lease: LeaseName? { LeaseName(rawValue: rawValue) }
}

/// The three leader-election leases (FACTS.md, "Leader election"), in the
/// order their candidates, recorders and metrics are laid out.
public enum LeaseName: String, CaseIterable, Hashable, Sendable {
    case kubeControllerManager = "kube-controller-manager"
    case kubeScheduler = "kube-scheduler"
    case clusterAutoscaler = "cluster-autoscaler"

    var index: Int { LeaseName.allCases.firstIndex(of: self)! }
}
