import SimKernel

/// A scenario's prices (`cost:`, docs/COST.md): per hour for each class of
/// host and for the load balancer, per GiB for traffic between zones, in
/// whatever currency the user writes them. hasim knows no price list of its
/// own: prices change and differ by provider, region, machine type and
/// discount, so a cost is printed only for the prices a scenario gives.
public struct CostModel: Hashable, Sendable {
    public var masterPerHour = 0.0
    /// A host of an external etcd cluster (`topology.etcd.external`).
    public var etcdHostPerHour = 0.0
    public var workerPerHour = 0.0
    /// The load balancer in front of the masters: a forwarding rule, as
    /// cluster/gce/util.sh create-loadbalancer makes it.
    public var loadBalancerPerHour = 0.0
    /// Per GiB sent between zones, each direction billed on its own (as
    /// Google Cloud's and AWS's inter-zone prices are).
    public var crossZonePerGiB = 0.0

    public init() {}

    /// Hours in the 365-day year the yearly figures use.
    public static let hoursPerYear = 365.0 * 24

    /// The yearly cost of `topology` whose runs of `duration` sent
    /// `crossZoneBytes` between zones on average: hosts and load balancer
    /// for every hour of the year, traffic at the runs' rate.
    public func yearly(_ topology: Topology, crossZoneBytes: Double, over duration: SimDuration) -> YearlyCost {
        let etcdHosts = topology.externalEtcdPerZone?.reduce(0, +) ?? 0
        let hosts =
            Double(topology.masterCount) * masterPerHour + Double(etcdHosts) * etcdHostPerHour
            + Double(topology.workerCount) * workerPerHour
        let gibPerYear = crossZoneBytes / 1_073_741_824 * (SimDuration.days(365).seconds / duration.seconds)
        return YearlyCost(
            hosts: hosts * Self.hoursPerYear,
            loadBalancer: (Self.hasLoadBalancer(topology) ? loadBalancerPerHour : 0) * Self.hoursPerYear,
            crossZoneGiB: gibPerYear, traffic: gibPerYear * crossZonePerGiB)
    }

    /// A load balancer fronts the masters when there is more than one and
    /// clients reach them by the external IP: create-loadbalancer runs when
    /// the second master is added (cluster/gce/util.sh); one master holds
    /// the IP itself, and DNS round robin needs none.
    public static func hasLoadBalancer(_ topology: Topology) -> Bool {
        guard topology.masterCount > 1, case .externalIP = topology.access.mode else { return false }
        return true
    }
}

/// A topology's cost for a year, by what it pays for.
public struct YearlyCost: Hashable, Sendable {
    public var hosts: Double
    public var loadBalancer: Double
    /// GiB a year sent between zones, at the runs' mean rate.
    public var crossZoneGiB: Double
    public var traffic: Double

    public var total: Double { hosts + loadBalancer + traffic }
}
