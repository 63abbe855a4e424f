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
    /// GCP's legacy health check by default (gcloud health-checks reference).
    public var healthCheck: HealthCheckSettings = .gcp
    /// kube-apiserver --endpoint-reconciler-type, lease by default since v1.11.
    public var serviceReconciler: KubernetesServiceEndpoints.Reconciler = .lease
    /// Requests per second of the client outside the cluster (0: none).
    public var externalClientRate: Double = 1
    /// Requests per second of the client inside the cluster, through the `kubernetes` service.
    public var inClusterClientRate: Double = 1
    /// How long a client waits for an accepted request before giving up. An
    /// assumption, as an SLO prober's timeout; kubectl sets none by default.
    public var clientTimeout: SimDuration = .seconds(5)

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
        return .externalIP
    }

    /// Warnings `hasim analyze` prints about the outside client's TLS set-up.
    public var certificateWarnings: [AccessWarning] {
        certificate.warnings(for: resolvedClientAddress, skipsVerification: clientSkipsVerification)
    }

    public enum Mode: Hashable, Sendable {
        /// One external IP: the single master, or the load balancer.
        case externalIP
        /// Round-robin DNS records over the masters, cached by clients for the TTL.
        case dns(ttl: SimDuration)
    }

    public init() {}
}
