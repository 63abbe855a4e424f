import Simulation
import Testing

/// Source: docs ha-master-gce, "Master certificates": "Kubernetes generates
/// Master TLS certificates for the external public IP and local IP for each
/// replica. There are no certificates for the ephemeral public IP for
/// replicas; to access a replica via its ephemeral public IP, you must skip
/// TLS verification."
@Suite struct CertificateCoverageTests {
    @Test func theCertificateCoversTheExternalIPAndInternalIPsButNotPublicOnes() {
        let gce = CertificateCoverage()
        #expect(ClientAddress.allCases.filter(gce.covers) == [.externalIP, .replicaInternalIP])
        let dns = CertificateCoverage(externalName: .dnsName)
        #expect(ClientAddress.allCases.filter(dns.covers) == [.dnsName, .replicaInternalIP])
    }

    @Test func aVerifyingClientOfAnUncoveredAddressIsWarnedAbout() {
        let warnings = CertificateCoverage().warnings(for: .replicaPublicIP, skipsVerification: false)
        #expect(warnings.map(\.code) == ["certificate-does-not-cover-address"])
        #expect(warnings[0].message.hasPrefix("clients dial a replica's ephemeral public IP, which the master certificate does not cover"))
    }

    @Test func skippingVerificationWorksButIsWarnedAbout() {
        let coverage = CertificateCoverage()
        #expect(coverage.warnings(for: .replicaPublicIP, skipsVerification: true).map(\.code) == ["tls-verification-skipped"])
        #expect(coverage.warnings(for: .externalIP, skipsVerification: true).map(\.code) == ["tls-verification-skipped"])
    }

    @Test func coveredVerifyingClientsGetNoWarning() {
        let coverage = CertificateCoverage()
        #expect(coverage.warnings(for: .externalIP, skipsVerification: false).isEmpty)
        #expect(coverage.warnings(for: .replicaInternalIP, skipsVerification: false).isEmpty)
        #expect(coverage.warnings(for: .dnsName, skipsVerification: false).map(\.code) == ["certificate-does-not-cover-address"])
    }
}
