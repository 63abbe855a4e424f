import SimKernel

/// `upgradeMasters`: kubeadm's in-place upgrade of the control plane, one
/// master at a time (`kubeadm upgrade apply` on the first, `kubeadm upgrade
/// node` on each of the others, run by hand in turn, as the kubeadm upgrade
/// guide says). On each master kubeadm replaces the static pods in
/// `StaticPod.kubeadmOrder` (cmd/kubeadm/app/phases/upgrade/staticpods.go
/// StaticPodControlPlane: performEtcdStaticPodUpgrade first, then
/// upgradeComponent for each control-plane component): it moves the new
/// manifest into /etc/kubernetes/manifests, the kubelet stops the old pod
/// (a graceful stop of that process, World+StopAndReboot) and starts the
/// new one, and kubeadm waits, polling, for the new pod to be up before it
/// replaces the next one, giving up after `UpgradeManifestTimeout`.
public struct InPlaceUpgrade: Hashable, Sendable {
    /// The masters, in the order they are upgraded (the first runs
    /// `upgrade apply`).
    public var hosts: [Int]
    /// From the old process's exit to the new one's being up: the kubelet
    /// starting the new container (its image pulled beforehand, as the
    /// upgrade guide's `kubeadm config images pull` does) and the
    /// component's own start. An assumption, not a measured figure.
    public var restart: Distribution = .uniform(low: .seconds(5), high: .seconds(15))
    /// kubeadm's poll of the new pod (cmd/kubeadm/app/constants
    /// KubernetesAPICallRetryInterval, 500 ms).
    public var poll: SimDuration = .milliseconds(500)
    /// How long kubeadm waits for one component (staticpods.go
    /// UpgradeManifestTimeout, 5 min); then it rolls the manifest back and
    /// the upgrade stops there.
    public var timeout: SimDuration = .minutes(5)

    public init(hosts: [Int]) { self.hosts = hosts }
}

/// A control-plane static pod that kubeadm upgrades.
public enum StaticPod: String, Hashable, Sendable, CaseIterable {
    case etcd
    case kubeAPIServer = "kube-apiserver"
    case kubeControllerManager = "kube-controller-manager"
    case kubeScheduler = "kube-scheduler"

    /// staticpods.go StaticPodControlPlane: etcd first (skipped with
    /// external etcd), then constants.ControlPlaneComponents in order.
    public static let kubeadmOrder: [StaticPod] = [.etcd, .kubeAPIServer, .kubeControllerManager, .kubeScheduler]

    /// The lease the component elects its active instance with, if any.
    var lease: LeaseName? { LeaseName(rawValue: rawValue) }
}

/// Where an in-place upgrade is: which master (by position in the order),
/// which static pod, and since when kubeadm has been waiting for it.
struct UpgradeProgress: Equatable {
    var master: Int = 0
    var pod: Int = 0
    var waitingSince: SimInstant?
}
