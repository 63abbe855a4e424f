/// A metric's name, typed: `.etcdQuorumAvailability` instead of the string
/// `"etcd.quorum.availability"`. The names are those of `MetricCatalog`
/// (a test checks that every constant here is one of them); a name that is
/// not listed can still be written as a string literal.
public struct Metric: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var name: String

    public init(_ name: String) { self.name = name }
    public init(stringLiteral name: String) { self.name = name }
    public var description: String { name }

    // MARK: Hosts and zones

    /// Time-average of the fraction of master hosts up (ratio).
    public static let mastersUpFraction = Metric("hosts.masters.up.fraction")
    /// Total seconds with no master host up.
    public static let noMasterUpSeconds = Metric("hosts.masters.noneUp.seconds")
    /// The longest stretch, in seconds, with no master host up.
    public static let noMasterUpLongestSeconds = Metric("hosts.masters.noneUp.longest.seconds")
    /// Total seconds with fewer than a majority of master hosts up.
    public static let masterMajorityDownSeconds = Metric("hosts.masters.majorityDown.seconds")
    /// Time-average of the fraction of worker hosts up (ratio; only with workers).
    public static let workersUpFraction = Metric("hosts.workers.up.fraction")
    /// Fraction of the run the zone was not in an outage (ratio).
    public static func zoneAvailability(_ zone: String) -> Metric { Metric("zone.\(zone).availability") }
    /// Faults that started within the run.
    public static let faultsInjected = Metric("faults.injected")

    // MARK: etcd

    /// Fraction of the run with a leader that reaches a quorum (ratio).
    public static let etcdQuorumAvailability = Metric("etcd.quorum.availability")
    /// Total seconds with no leader that reaches a quorum.
    public static let etcdLeaderlessSeconds = Metric("etcd.leaderless.seconds")
    /// The longest stretch, in seconds, with no leader that reaches a quorum.
    public static let etcdLeaderlessLongestSeconds = Metric("etcd.leaderless.longest.seconds")
    /// Elections won during the run (the bootstrap not counted).
    public static let etcdElections = Metric("etcd.elections")
    /// The highest Raft term reached.
    public static let etcdTermMax = Metric("etcd.term.max")
    /// Probe writes sent.
    public static let etcdWriteProbes = Metric("etcd.write.probes")
    /// Probe writes applied over writes judged (ratio).
    public static let etcdWriteAvailability = Metric("etcd.write.availability")
    /// Median latency of successful probe writes, seconds.
    public static let etcdWriteLatencyP50Seconds = Metric("etcd.write.latency.p50.seconds")
    /// 99th percentile latency of successful probe writes, seconds.
    public static let etcdWriteLatencyP99Seconds = Metric("etcd.write.latency.p99.seconds")

    // MARK: Access and clients

    /// Seconds a load balancer creation or removal was propagating.
    public static let loadBalancerPropagatingSeconds = Metric("access.loadBalancer.propagating.seconds")
    /// Outside requests an apiserver served (ratio).
    public static let externalAvailability = Metric("api.external.availability")
    /// Longest time from a failed outside request to the next served one, seconds.
    public static let externalLongestOutageSeconds = Metric("api.external.longestOutage.seconds")
    /// In-cluster requests an apiserver served (ratio).
    public static let inClusterAvailability = Metric("api.incluster.availability")
    /// Longest time from a failed in-cluster request to the next served one, seconds.
    public static let inClusterLongestOutageSeconds = Metric("api.incluster.longestOutage.seconds")

    // MARK: Control plane

    /// Time-average of the fraction of apiservers whose /readyz passes (ratio).
    public static let apiServerReadyFraction = Metric("apiserver.ready.fraction")
    /// Total seconds with no apiserver ready.
    public static let noAPIServerReadySeconds = Metric("apiserver.noneReady.seconds")
    /// Fraction of the run the apiserver on this master was ready (ratio).
    public static func apiServerReadyFraction(host: String) -> Metric { Metric("apiserver.\(host).ready.fraction") }
    /// Total seconds more than one instance believed it led (split brain).
    public static func leaseOverlapSeconds(_ lease: LeaseName) -> Metric { Metric("lease.\(lease.rawValue).overlap.seconds") }
    /// Total seconds no instance believed it led.
    public static func leaseHolderlessSeconds(_ lease: LeaseName) -> Metric { Metric("lease.\(lease.rawValue).holderless.seconds") }
    /// Leader transitions of the lease record during the run.
    public static func leaseTransitions(_ lease: LeaseName) -> Metric { Metric("lease.\(lease.rawValue).transitions") }
    /// Add-on manager syncs that succeeded over syncs tried (ratio).
    public static let addonSyncAvailability = Metric("addons.sync.availability")

    /// The constants above, for the test that keeps them in step with `MetricCatalog`.
    static func named(zones: [String], masters: [String]) -> [Metric] {
        var all: [Metric] = [
            .mastersUpFraction, .noMasterUpSeconds, .noMasterUpLongestSeconds, .masterMajorityDownSeconds,
            .workersUpFraction, .faultsInjected, .etcdQuorumAvailability, .etcdLeaderlessSeconds,
            .etcdLeaderlessLongestSeconds, .etcdElections, .etcdTermMax, .etcdWriteProbes, .etcdWriteAvailability,
            .etcdWriteLatencyP50Seconds, .etcdWriteLatencyP99Seconds, .loadBalancerPropagatingSeconds,
            .externalAvailability, .externalLongestOutageSeconds, .inClusterAvailability,
            .inClusterLongestOutageSeconds, .apiServerReadyFraction, .noAPIServerReadySeconds, .addonSyncAvailability,
        ]
        all += zones.map(zoneAvailability)
        all += masters.map { apiServerReadyFraction(host: $0) }
        for lease in LeaseName.allCases {
            all += [leaseOverlapSeconds(lease), leaseHolderlessSeconds(lease), leaseTransitions(lease)]
        }
        return all
    }
}
