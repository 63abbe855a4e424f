import SimKernel

/// The external IP following the masters (`ExternalEndpoint`): a master
/// added joins the load balancer last, a master removed leaves it first (the
/// GCE procedure's order), and creations and removals of the load balancer
/// take effect after their propagation delay.
extension World {
    /// The provisioned masters, ascending, as the endpoint's backends.
    var provisionedMasters: [Int] { hosts.indices.filter { hosts[$0].role == .master && hostProvisioned[$0] } }

    /// Tells the endpoint the masters changed, excluding `leaving` (removed
    /// from the load balancer before its etcd member and VM go).
    mutating func updateExternalEndpoint(excluding leaving: Int? = nil) {
        externalEndpoint.advance(to: now)
        let masters = provisionedMasters.filter { $0 != leaving }
        let next = externalEndpoint.mastersChanged(to: masters, at: now, propagation: scenario.topology.access.loadBalancerPropagation,
                                                   stream: &random[accessStream])
        recordEndpointTransitions()
        if let next { queue.schedule(.externalEndpointDue, at: next) }
    }

    mutating func externalEndpointDue() {
        externalEndpoint.advance(to: now)
        recordEndpointTransitions()
        if let next = externalEndpoint.nextTransition { queue.schedule(.externalEndpointDue, at: max(next, now)) }
    }

    /// Turns the endpoint's transitions into events and its state into an interval.
    mutating func recordEndpointTransitions() {
        for transition in externalEndpoint.takeTransitions() {
            record(entity: "external-ip", kind: transition.kind.rawValue, detail: transition.detail)
        }
        timeline.set(externalEntity, endpointStateName, at: now)
        let propagating: Bool
        switch externalEndpoint.state {
        case .creatingLoadBalancer, .removingLoadBalancer: propagating = true
        default: propagating = false
        }
        loadBalancerPropagating.set(propagating, at: now)
    }

    var endpointStateName: String {
        switch externalEndpoint.state {
        case .unattached: return "unattached"
        case .direct(let host): return "direct \(hosts[host].name)"
        case .creatingLoadBalancer(_, let interim): return "creatingLoadBalancer (direct \(hosts[interim].name))"
        case .loadBalancer: return "loadBalancer"
        case .removingLoadBalancer: return "removingLoadBalancer"
        }
    }
}
