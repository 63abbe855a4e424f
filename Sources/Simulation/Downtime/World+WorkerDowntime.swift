/// Why the kubelets and the Services' callers fail (docs/FAILURES.md,
/// "Downtime attribution"): the mechanisms of the `kubelets` and
/// `service.<workload>` conditions, read from the settled World as the
/// client classes' are.
extension World {
    /// Why some kubelet on a live worker is cut off from the API, with etcd
    /// serving; nil when the state shows nothing (the stretch keeps its
    /// mechanism). The kubelets' connections are client-go's HTTP/2
    /// transport (Workers/World+KubeletConnections.swift), so the order is
    /// the long-lived client's: a connection pinned to a silent host until
    /// the HTTP/2 health check closes it (on an NLB target its checks have
    /// marked unhealthy: connection kept on it), a connection to an
    /// apiserver that answers and does not write, then what a new
    /// connection meets: the endpoint leading nowhere, a load balancer
    /// that still sends to a dead backend, a DNS record of a dead
    /// apiserver, or nothing within reach that serves. When nothing on the
    /// kubelets' own path is wrong, an apiserver's etcd client on a
    /// silently dead member (external etcd) is.
    func kubeletMechanism() -> DowntimeMechanism? {
        var pinned = false, keptOnUnhealthyTarget = false, onNotServing = false
        var dialling: Int?
        // By index: a `for node in` would copy every node of the fleet.
        for slot in workers.nodes.indices where workers.nodes[slot].kubeletCutOff {
            let node = workers.nodes[slot]
            let connection = node.connection
            guard let backend = connection.backend else {
                if dialling == nil { dialling = node.host }
                continue
            }
            if connection.pinnedSince != nil || !answers(connection, client: node.host) {
                pinned = true
                if usesNetworkLoadBalancer, connection.throughExternalIP, !access.backends[backend].isHealthy { keptOnUnhealthyTarget = true }
            } else {
                onNotServing = true
            }
        }
        if keptOnUnhealthyTarget { return .connectionKeptOnUnhealthyTarget }
        if pinned { return .pinnedConnection }
        if onNotServing { return .apiServerNotServing }
        let silentLink = apiServers.anyEtcdLinkSilent || apiServers.silentLinkClosedAt == now
        guard let host = dialling else { return silentLink ? .etcdClientOnDeadMember : nil }
        let route: ClientRoute
        if case .dns = scenario.topology.access.mode {
            route = .records(provisionedMasters)
        } else {
            route = externalRoute()
        }
        if case .blackout(let mechanism) = route { return mechanism }
        if usesNetworkLoadBalancer, nlbReachableZoneWithoutTarget { return .nlbZoneWithoutHealthyTarget }
        return pathMechanism(route: route, from: host, connectionBased: true) ?? (silentLink ? .etcdClientOnDeadMember : nil)
    }

    /// Why requests to workload `w`'s Service fail: an endpoint listed on a
    /// node that does not serve (until the node lifecycle controller marks
    /// its pods not ready and kube-proxy hears of it), or none listed: the
    /// pods wait for a node with room, or are not Ready yet.
    func serviceMechanism(_ w: Int) -> DowntimeMechanism {
        let pods = workers.pods[w]
        if pods.listedServing < pods.listed { return .staleEndpoint }
        return pods.unschedulableAt != nil ? .noCapacity : .noReadyEndpoints
    }
}
