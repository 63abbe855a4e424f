import SimKernel

/// How clients reach the apiservers: the external IP (a master, or the load
/// balancer behind it) or DNS round robin, the load balancer's health
/// checks, the `kubernetes` service's endpoint reconciler, and the client
/// probes that measure it all (docs/EXTERNAL-ACCESS.md).
public struct AccessSettings: Hashable, Sendable {
    /// Time for a load balancer's creation or removal to take effect: about
    /// 20 minutes (GCE HA master docs; kube-up polls up to 30 minutes).
    public var loadBalancerPropagation: Distribution = ExternalEndpoint.defaultPropagation
    public var mode: Mode = .externalIP
    /// How masters are added and removed behind the external IP.
    public var procedure: Procedure = .gceScripts
    /// The load balancer's health check; nil: none, so the target pool
    /// forwards to every instance in it, dead or not. create-loadbalancer
    /// creates its target pool without one (cluster/gce/util.sh), so none is
    /// the scripted procedure's default; the legacy procedure's is `.gcp`.
    public var healthCheck: HealthCheckSettings?
    /// Durations of the scripted procedure's steps (`Procedure.gceScripts`).
    public var steps = ProcedureSteps()
    /// With `kubernetesService: master-count`: whether --apiserver-count is
    /// changed with every master added or removed, as the HA docs ask, or
    /// stays as configured, as happens when operators forget.
    public var apiserverCountFollowsMasters = false
    /// kube-apiserver --endpoint-reconciler-type, lease by default since v1.11.
    public var serviceReconciler: KubernetesServiceEndpoints.Reconciler = .lease
    /// Requests per second of the client outside the cluster (0: none).
    public var externalClientRate: Double = 1
    /// Requests per second of the client inside the cluster, through the `kubernetes` service.
    public var inClusterClientRate: Double = 1
    /// The client classes a scenario lists (`clients:`); nil: the default
    /// population (`ClientClass.defaultPopulation`).
    public var clients: [ClientClass]?
    /// The client classes that run: the listed ones, or the default population.
    public var population: [ClientClass] { clients ?? ClientClass.defaultPopulation(self) }
    /// How long a client waits for an accepted request before giving up. An
    /// assumption, as an SLO prober's timeout; kubectl sets none by default.
    public var clientTimeout: SimDuration = .seconds(5)
    /// client-go's HTTP/2 health check on the clients' connections
    /// (kubernetes PR 95981): a ping after ReadIdleTimeout without a frame,
    /// the connection closed after PingTimeout without an answer.
    public var http2ReadIdleTimeout: SimDuration = ClientConnection.defaultReadIdleTimeout
    public var http2PingTimeout: SimDuration = ClientConnection.defaultPingTimeout

    /// What the outside client dials; nil: the cluster's external name
    /// (the external IP, or the DNS name in DNS mode).
    public var clientAddress: ClientAddress?
    /// The replica dialled when `clientAddress` is a replica's address; nil: the first master.
    public var clientReplica: Int?
    /// Whether the outside client skips TLS verification (--insecure-skip-tls-verify).
    public var clientSkipsVerification = false
    /// The external name the master certificate carries; nil: the one the mode uses.
    public var certificateName: ClientAddress?

    /// The address clients use and the certificate's name, defaults resolved.
    public var resolvedClientAddress: ClientAddress { clientAddress ?? defaultExternalName }
    public var certificate: CertificateCoverage { CertificateCoverage(externalName: certificateName ?? defaultExternalName) }

    var defaultExternalName: ClientAddress {
        if case .dns = mode { return .dnsName }
        // The NLB's endpoint is its DNS name, which CAPA puts in the
        // apiserver certificate and the kubeconfigs' server URL.
        return mode == .networkLoadBalancer ? .dnsName : .externalIP
    }

    /// Warnings `hasim analyze` prints about the outside client's TLS set-up.
    public var certificateWarnings: [AccessWarning] {
        certificate.warnings(for: resolvedClientAddress, skipsVerification: clientSkipsVerification)
    }

    /// The order in which a master joins or leaves the external IP.
    public enum Procedure: String, Hashable, Sendable {
        /// kubernetes cluster/gce/util.sh: adding the second master runs
        /// create-loadbalancer (detach the static IP from the first master,
        /// create the target pool with it, create the forwarding rule on the
        /// IP and wait up to 1,800 s for it to answer) and then
        /// replicate-master (add the etcd member, create the VM, add it to
        /// the target pool); kube-down removes the etcd member, takes the
        /// replica out of the pool, deletes the VM and, with one master left,
        /// deletes the forwarding rule and attaches the IP to that master.
        case gceScripts = "gce-scripts"
        /// The documentation's description, not what the scripts do: a new
        /// master's VM first, then its etcd member, and the load balancer
        /// created after it joins, with the IP kept on the first master while
        /// it propagates; a removed master leaves the load balancer first.
        case legacy
        /// kubeadm behind a virtual IP (`Mode.virtualIP`): `kubeadm join
        /// --control-plane` on a booted VM adds the etcd member and starts
        /// it (cmd/kubeadm/app/cmd/phases/join/controlplanejoin.go, the etcd
        /// phase); every master's HAProxy lists every master from the start,
        /// so the new one takes traffic once its checks pass, with no load
        /// balancer to create or propagate. `kubeadm reset` on a removed
        /// master removes its etcd member (cmd/kubeadm/app/cmd/phases/reset,
        /// `removeetcdmember`) before the VM goes. Behind an NLB
        /// (`Mode.networkLoadBalancer`) the new master is a registered target
        /// from the moment its VM runs, as Cluster API AWS registers a
        /// running control-plane instance (controllers/awsmachine_controller.go
        /// `reconcileLBAttachment`), and takes traffic once it passes the
        /// target group's checks: nothing propagates either. With kube-vip's
        /// BGP mode (`Mode.bgp`) the new master's kube-vip advertises the
        /// address as it starts, and the router sends it new flows once the
        /// session is up.
        case kubeadm
    }

    public enum Mode: Hashable, Sendable {
        /// One external IP: the single master, or the load balancer.
        case externalIP
        /// Round-robin DNS records over the masters, cached by clients for the TTL.
        case dns(ttl: SimDuration)
        /// A virtual IP that keepalived's VRRP keeps on one master
        /// (`VirtualIPSettings`), in front of the HAProxy that runs on every
        /// master (`HAProxySettings`): the kubeadm HA set-up.
        case virtualIP
        /// An AWS Network Load Balancer, a cloud service in no zone with a
        /// node in every zone, reached through its DNS name
        /// (`NetworkLoadBalancerSettings`): the Cluster API AWS set-up.
        case networkLoadBalancer
        /// kube-vip's BGP mode: every master advertises the address to a
        /// router in no zone, which spreads new flows over the masters whose
        /// routes it holds (`BGPSettings`).
        case bgp
    }

    /// Who keeps the virtual IP on one master (`Mode.virtualIP`).
    public enum VirtualIPElector: String, CaseIterable, Hashable, Sendable {
        /// keepalived's VRRP between the masters (`VirtualIPSettings`).
        case keepalived
        /// kube-vip's Lease, held through the apiservers (`KubeVipSettings`).
        case kubeVip = "kube-vip"
    }

    /// What answers on the virtual IP's port on the master that holds it.
    public enum VirtualIPListener: String, CaseIterable, Hashable, Sendable {
        /// HAProxy, forwarding each connection to an apiserver it checks
        /// (`HAProxySettings`), as in kubeadm's keepalived example.
        case haproxy
        /// The holder's own apiserver: kube-vip's control-plane ARP mode
        /// without its optional IPVS balancer (`lb_enable` off by default).
        case apiserver
    }

    public var virtualIPElector: VirtualIPElector = .keepalived
    public var virtualIPListener: VirtualIPListener = .haproxy
    /// keepalived's VRRP settings (`VirtualIPElector.keepalived`).
    public var virtualIP = VirtualIPSettings()
    /// kube-vip's Lease settings (`VirtualIPElector.kubeVip`).
    public var kubeVip = KubeVipSettings()
    /// HAProxy's settings on every master (`VirtualIPListener.haproxy`).
    public var haproxy = HAProxySettings()

    /// The NLB's settings (`Mode.networkLoadBalancer`).
    public var nlb = NetworkLoadBalancerSettings()
    /// kube-vip's BGP timers (`Mode.bgp`).
    public var bgp = BGPSettings()
    /// Which address each component dials (`topology.access.dials`).
    public var dials = ComponentDials()

    /// Whether the endpoint is a virtual IP on one of the masters.
    public var usesVirtualIP: Bool { mode == .virtualIP }
    /// Whether kube-vip's Lease decides which master holds the virtual IP.
    public var electsVirtualIPByLease: Bool { usesVirtualIP && virtualIPElector == .kubeVip }
    /// Whether keepalived's VRRP decides which master holds the virtual IP.
    public var electsVirtualIPByVRRP: Bool { usesVirtualIP && virtualIPElector == .keepalived }
    /// Whether the virtual IP's holder forwards through HAProxy.
    public var forwardsThroughHAProxy: Bool { usesVirtualIP && virtualIPListener == .haproxy }
    /// Whether the endpoint is an AWS NLB's DNS name.
    public var usesNetworkLoadBalancer: Bool { mode == .networkLoadBalancer }
    /// Whether the endpoint is kube-vip's address advertised over BGP by every master.
    public var usesBGP: Bool { mode == .bgp }

    public init() {}
}

/// How long the scripted procedure's cloud calls take. The forwarding
/// rule's propagation is `AccessSettings.loadBalancerPropagation`.
public struct ProcedureSteps: Hashable, Sendable {
    /// `attach-external-ip` with no address: delete the VM's access config
    /// and add an ephemeral one. An assumption (two gcloud calls).
    public var ipDetach: Distribution = .uniform(low: .seconds(10), high: .seconds(30))
    /// `target-pools create` and `add-instances`. An assumption.
    public var targetPool: Distribution = .uniform(low: .seconds(5), high: .seconds(15))
    /// `attach-external-ip` with the static address, in kube-down. An assumption.
    public var ipAttach: Distribution = .uniform(low: .seconds(10), high: .seconds(30))
    /// create-loadbalancer's wait: `curl -m1` once a second, giving up after
    /// 1,800 tries (cluster/gce/util.sh), which ends kube-up with exit 2.
    public var loadBalancerWait: SimDuration = .seconds(1_800)

    public init() {}
}
