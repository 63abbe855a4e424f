import SimKernel

/// The external IP following the masters (`ExternalEndpoint`): a master
/// added joins the load balancer last, a master removed leaves it first (the
/// GCE procedure's order), and creations and removals of the load balancer
/// take effect after their propagation delay.
extension World {
    /// The provisioned masters, ascending, as the endpoint's backends.
    var provisionedMasters: [Int] { hosts.indices.filter { hosts[$0].role == .master && fleet.provisioned[$0] } }

    /// Tells the endpoint the masters changed, excluding `leaving` (removed
    /// from the load balancer before its etcd member and VM go).
    mutating func updateExternalEndpoint(excluding leaving: Int? = nil) {
        // A virtual IP's HAProxy lists every master, the NLB's targets are
        // the running masters, and with BGP every master advertises the
        // address itself; their checks and sessions do the rest.
        guard !usesVirtualIP && !usesNetworkLoadBalancer && !usesBGP else {
            followNetworkLoadBalancer()
            return announce(.externalIP)
        }
        access.advanceEndpoint(to: now)
        let masters = provisionedMasters.filter { $0 != leaving }
        let next = access.mastersChanged(to: masters, at: now, propagation: scenario.topology.access.loadBalancerPropagation, random: &kernel.random)
        recordEndpointTransitions()
        if let next { queue.schedule(.access(.externalEndpointDue), at: next) }
    }

    mutating func externalEndpointDue() {
        access.advanceEndpoint(to: now)
        recordEndpointTransitions()
        if let next = access.endpoint.nextTransition { queue.schedule(.access(.externalEndpointDue), at: max(next, now)) }
        announce(.externalIP)
    }

    /// Whether a request to the external IP from outside can reach an
    /// apiserver that serves (ignoring which backend the load balancer
    /// would pick). DNS mode has no single IP: any serving master counts.
    var externalIPReachesAPIServer: Bool {
        // While the World is being built (etcd before the apiservers) the
        // cluster is taken as established.
        guard apiServers.servers.count == scenario.topology.masterSlots else { return true }
        let outside = network.outside
        if case .dns = scenario.topology.access.mode {
            return provisionedMasters.contains { reachableAndServing($0, from: outside) }
        }
        switch endpointRoute() {
        case .nowhere: return false
        case .host(let host): return reachableAndServing(host, from: outside)
        case .loadBalancer(let backends):
            return access.loadBalancerForwards && backends.contains { reachableAndServing($0, from: outside) }
        }
    }

    /// Turns the endpoint's transitions into events and its state into an interval.
    mutating func recordEndpointTransitions() {
        for transition in access.takeEndpointTransitions() {
            record(entity: "external-ip", kind: transition.kind.eventKind, detail: transition.detail)
        }
        recording.set(access.endpointLane, endpointStateName, at: now)
        access.followPropagation(at: now)
    }

    var endpointStateName: String {
        switch access.endpoint.state {
        case .unattached: return "unattached"
        case .direct(let host): return "direct \(hosts[host].name)"
        case .creatingLoadBalancer(_, let interim): return "creatingLoadBalancer (direct \(hosts[interim].name))"
        case .loadBalancer: return "loadBalancer"
        case .removingLoadBalancer: return "removingLoadBalancer"
        case .ipDetached: return "detached"
        case .forwardingRulePropagating: return "forwardingRulePropagating"
        case .forwardingRuleDeleting: return "forwardingRuleDeleting"
        }
    }
}
