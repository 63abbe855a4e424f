/// The address a client of the apiserver dials, which decides whether the
/// master certificate verifies (see `CertificateCoverage`).
public enum ClientAddress: String, Hashable, Sendable, CaseIterable {
    /// The cluster's external IP: the single master's or the load balancer's.
    case externalIP
    /// A DNS name for the apiservers (the DNS round-robin mode).
    case dnsName
    /// One replica's internal (VPC) IP.
    case replicaInternalIP
    /// One replica's ephemeral public IP.
    case replicaPublicIP
}
