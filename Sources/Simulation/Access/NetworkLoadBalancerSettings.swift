import SimKernel

/// An AWS Network Load Balancer in front of the apiservers
/// (`AccessSettings.Mode.networkLoadBalancer`), as Cluster API AWS creates
/// it for the control plane (kubernetes-sigs/cluster-api-provider-aws
/// `pkg/cloud/services/elb/loadbalancer.go`). The NLB is a cloud service in
/// no zone with one node in every enabled zone; its DNS name answers with
/// the nodes' addresses, and a node forwards a new connection to a healthy
/// target of its own zone, or of every zone with cross-zone load balancing.
public struct NetworkLoadBalancerSettings: Hashable, Sendable {
    /// `load_balancing.cross_zone.enabled`: CAPA sets it from the cluster's
    /// `crossZoneLoadBalancing`, "Defaults to false" (api/v1beta2
    /// awscluster_types.go; loadbalancer.go sets the attribute), and AWS
    /// turns it off for an NLB by default (ELB knowledge center,
    /// "elb-dns-cross-zone-balance-configuration").
    public var crossZone = false
    /// The TTL of the NLB's DNS records: how long a client may keep a node's
    /// address after DNS stopped answering with it. 60 s (ELB docs: the load
    /// balancer's DNS records have a 60 s TTL).
    public var dnsTTL: SimDuration = .seconds(60)
    /// The NLB's idle timeout for TCP flows: a flow without a packet for this
    /// long is forgotten, and the next packet on it gets a TCP RST (ELB docs,
    /// "Network Load Balancers", "Connection idle timeout"; "Update the TCP
    /// idle timeout": 350 s by default for TCP flows, 60 to 6000 s).
    /// CAPA leaves it at AWS's default for an NLB (loadbalancer.go sets
    /// `idle_timeout.timeout_seconds` only for other load balancer types).
    public var idleTimeout: SimDuration = .seconds(350)

    public init() {}

    /// Every problem with the settings, as sentences.
    public var problems: [String] {
        var result: [String] = []
        // ELB docs: the TCP idle timeout can be set from 60 to 6000 seconds.
        if idleTimeout < .seconds(60) || idleTimeout > .seconds(6_000) {
            result.append("idleTimeout must be 60s to 6000s, as AWS accepts for TCP listeners; got \(idleTimeout)")
        }
        if dnsTTL <= .zero { result.append("dnsTTL must be positive, got \(dnsTTL)") }
        return result
    }
}

extension NetworkLoadBalancerSettings {
    /// `hasim analyze`'s warning for an NLB whose cross-zone load balancing
    /// is off while a zone it spans (every zone, `Access`) holds no master:
    /// that zone's node never has a target, so DNS never answers with it and
    /// the zone adds nothing to the failover; and when every target fails
    /// the NLB fails open and answers with it too, so the clients it takes
    /// fail even once a master is back until its checks pass.
    public func warnings(zones: [String], masterZones: [Int]) -> [AccessWarning] {
        guard !crossZone else { return [] }
        let empty = zones.indices.filter { !masterZones.contains($0) }.map { zones[$0] }
        guard !empty.isEmpty else { return [] }
        let names = empty.joined(separator: ", ")
        return [
            AccessWarning(
                code: "nlb-zone-without-master",
                message:
                    "cross-zone load balancing is off and the NLB has a node in zone\(empty.count == 1 ? "" : "s") \(names) without a master: that node never has a target, so DNS leaves it out and the zone adds nothing when another zone's masters fail, and when every target fails the NLB fails open and the clients that node takes fail; place a master in every zone or set nlb.crossZone: true (ELB docs, \"Health checks for Network Load Balancer target groups\")"
            )
        ]
    }
}
