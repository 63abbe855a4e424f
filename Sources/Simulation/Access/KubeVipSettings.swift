import SimKernel

/// kube-vip's control-plane virtual IP in ARP mode
/// (`AccessSettings.VirtualIPElector.kubeVip`; kube-vip/kube-vip). kube-vip
/// runs as a static pod on every master, and the instances elect the
/// address's holder with client-go's leader election on the Lease
/// `plndr-cp-lock` (`LeaseName.kubeVip`). Each reads and writes it through
/// its own master's apiserver: a control-plane kube-vip dials
/// `kubernetes:<port>` (pkg/manager/manager.go), a name its manifest's host
/// alias points at 127.0.0.1 (pkg/kubevip/config_generator.go). So the
/// address depends on the control plane it gives access to: when etcd
/// loses its quorum the renewals fail, the leader stops leading after its
/// renew deadline and takes the address down, and no one takes it again
/// until quorum is back and the lease has expired.
///
/// The leader binds the address and sends gratuitous ARP at once, then
/// every `vip_arpRate` (3,000 ms, pkg/kubevip/config_environment.go);
/// hasim takes the first announcement to reach every client. When it
/// stops leading it removes the address (`--preserveVipOnLeadershipLoss`
/// is false by default, cmd/kube-vip.go) and exits to restart ("lost
/// leadership, restarting kube-vip", pkg/cluster/clusterLeaderElection.go).
public struct KubeVipSettings: Hashable, Sendable {
    /// The Lease's timings: `--leaseDuration` 15 s, `--leaseRenewDuration`
    /// 10 s, `--leaseRetry` 2 s since v1.1.0 (cmd/kube-vip.go; they were
    /// 5 s / 3 s / 1 s up to v1.0.4, and the manifest kubeadm's
    /// ha-considerations.md shows still sets those). The restart after a
    /// lost lease is the same assumption as for the other static pods.
    public var election = LeaderElectionSettings()

    /// The timeout of kube-vip's Kubernetes client: pkg/k8s/client.go
    /// builds its rest config with `defaultTimeout` 10 s.
    public static let requestTimeout = SimDuration.seconds(10)

    public init() {}
}
