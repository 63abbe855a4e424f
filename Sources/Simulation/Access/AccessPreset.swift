/// `topology.access.preset`: a whole access set-up named as people build it,
/// each part of which a scenario's other `access` keys may still override
/// (docs/ACCESS-SETUPS.md).
public enum AccessPreset: String, CaseIterable, Hashable, Sendable {
    /// The seed document's set-up, kubernetes `cluster/gce` scripts: one
    /// external IP, moved to a target pool without a health check when a
    /// second master is added, the forwarding rule propagating for about
    /// 20 minutes (`AccessSettings.Procedure.gceScripts`).
    case gceScripts = "gce-scripts"
    /// kubeadm with keepalived and HAProxy on every master
    /// (kubernetes/kubeadm `docs/ha-considerations.md`): a VRRP virtual IP
    /// on one master, HAProxy's `/healthz` checks with its defaults, masters
    /// added by `kubeadm join` with no propagation.
    case kubeadmKeepalivedHAProxy = "kubeadm-keepalived-haproxy"
    /// kube-vip in ARP mode on every master (kube-vip/kube-vip): the
    /// holder of the Lease `plndr-cp-lock`, renewed through the apiservers,
    /// binds the virtual IP, and its own apiserver answers on it; masters
    /// added by `kubeadm join` (kube-vip's documented install is a kubeadm
    /// static pod).
    case kubeVip = "kube-vip"
    /// kube-vip in BGP mode on every master: each advertises the address
    /// to the network's router, which spreads new flows over the masters
    /// whose sessions are up (`BGPSettings`); no Lease, so the address does
    /// not depend on the control plane.
    case kubeVipBGP = "kube-vip-bgp"
    /// Round-robin DNS records over the masters, 30 s TTL (`Mode.dns`).
    case dnsRoundRobin = "dns-round-robin"
    /// Cluster API AWS's apiserver NLB
    /// (kubernetes-sigs/cluster-api-provider-aws): a node in every zone,
    /// cross-zone load balancing off, the target group's TCP checks (every
    /// 5 s, timeout 4 s, healthy 2, unhealthy 6), established connections
    /// kept on an unhealthy target, masters added by `kubeadm join` and
    /// registered when their VM runs (`NetworkLoadBalancerSettings`).
    case awsNLB = "aws-nlb"

    /// The settings the preset stands for, before the scenario's own keys.
    public var settings: AccessSettings {
        var settings = AccessSettings()
        switch self {
        case .gceScripts:
            break
        case .kubeadmKeepalivedHAProxy:
            settings.mode = .virtualIP
            settings.procedure = .kubeadm
            settings.healthCheck = settings.haproxy.healthCheck
        case .kubeVip:
            settings.mode = .virtualIP
            settings.procedure = .kubeadm
            settings.virtualIPElector = .kubeVip
            settings.virtualIPListener = .apiserver
        case .kubeVipBGP:
            settings.mode = .bgp
            settings.procedure = .kubeadm
            settings.healthCheck = settings.bgp.sessionCheck
        case .awsNLB:
            settings.mode = .networkLoadBalancer
            settings.procedure = .kubeadm
            settings.healthCheck = .clusterAPIAWS
        case .dnsRoundRobin:
            settings.mode = .dns(ttl: .seconds(30))
        }
        // The presets joined by `kubeadm join` are kubeadm's control planes
        // (Cluster API AWS's too, through its kubeadm providers), whose
        // kubeconfigs decide what each component dials.
        if settings.procedure == .kubeadm { settings.dials = .kubeadm }
        return settings
    }
}
