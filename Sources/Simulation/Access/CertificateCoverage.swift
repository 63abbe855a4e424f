/// Which addresses the master TLS certificate is valid for. "Kubernetes
/// generates Master TLS certificates for the external public IP and local IP
/// for each replica. There are no certificates for the ephemeral public IP for
/// replicas; to access a replica via its ephemeral public IP, you must skip TLS
/// verification" (docs ha-master-gce, "Master certificates").
///
/// The external name is the external IP on GCE; a cluster reached by DNS
/// round-robin has its certificate issued for the DNS name instead (an
/// assumption: the operator issues it so, as for any DNS-fronted apiserver).
public struct CertificateCoverage: Hashable, Sendable {
    /// The name clients use from outside: `.externalIP` or `.dnsName`.
    public var externalName: ClientAddress

    public init(externalName: ClientAddress = .externalIP) {
        precondition(externalName == .externalIP || externalName == .dnsName,
                     "the certificate's external name is the external IP or a DNS name")
        self.externalName = externalName
    }

    /// Whether a client dialling `address` can verify the certificate.
    public func covers(_ address: ClientAddress) -> Bool {
        switch address {
        case .externalIP, .dnsName: return address == externalName
        case .replicaInternalIP: return true
        case .replicaPublicIP: return false
        }
    }

    /// Warnings for clients configured to dial `address`: a client that
    /// verifies an address the certificate does not cover cannot connect; one
    /// that skips verification connects but is open to impersonation.
    public func warnings(for address: ClientAddress, skipsVerification: Bool) -> [AccessWarning] {
        let covered = covers(address)
        if !covered && !skipsVerification {
            return [AccessWarning(
                code: "certificate-does-not-cover-address",
                message: "clients dial \(Self.describe(address)), which the master certificate does not cover: TLS verification fails and every request is refused; dial \(Self.describe(externalName)) instead (docs ha-master-gce, \"Master certificates\")")]
        }
        if skipsVerification {
            return [AccessWarning(
                code: "tls-verification-skipped",
                message: covered
                    ? "clients skip TLS verification although the certificate covers \(Self.describe(address)): turn verification on"
                    : "clients reach \(Self.describe(address)) only by skipping TLS verification, as the docs require for replicas' ephemeral public IPs: connections work but are not authenticated (docs ha-master-gce)")]
        }
        return []
    }

    static func describe(_ address: ClientAddress) -> String {
        switch address {
        case .externalIP: return "the external IP"
        case .dnsName: return "the DNS name"
        case .replicaInternalIP: return "a replica's internal IP"
        case .replicaPublicIP: return "a replica's ephemeral public IP"
        }
    }
}
