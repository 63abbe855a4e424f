import SimKernel

/// Cluster API AWS's apiserver NLB (`AccessSettings.Mode.networkLoadBalancer`,
/// `NetworkLoadBalancerSettings`): a cloud service in no zone with a node in
/// every zone. A client's new connection resolves the NLB's name to one
/// node and that node sends it to a healthy target of its own zone, or of
/// any zone with cross-zone load balancing. The targets are the provisioned
/// masters: CAPA registers a control-plane instance once it runs and
/// deregisters it when its machine is deleted (controllers/
/// awsmachine_controller.go `reconcileLBAttachment`). Established
/// connections stay on a target the checks mark unhealthy: CAPA turns
/// `target_health_state.unhealthy.connection_termination.enabled` off
/// (pkg/cloud/services/elb/loadbalancer.go), so the client's own HTTP/2
/// health check is what frees a connection pinned to a dead master.
extension World {
    var usesNetworkLoadBalancer: Bool { scenario.topology.access.usesNetworkLoadBalancer }

    /// The targets a node in `zone` may send a new connection to: the
    /// healthy registered targets it serves (its zone's, or every zone's with
    /// cross-zone load balancing); when no target is healthy in any zone the
    /// NLB fails open and sends to every registered target it serves ("If
    /// all targets fail health checks at the same time in all enabled
    /// Availability Zones, the load balancer fails open", ELB docs, "Health
    /// checks for Network Load Balancer target groups").
    func nlbTargets(zone: Int) -> [LoadBalancerBackend] {
        let registered = provisionedMasters.map { LoadBalancerBackend(host: $0, health: access.backends[$0]) }
        let served = scenario.topology.access.nlb.crossZone ? registered : registered.filter { hosts[$0.host].zone == zone }
        return LoadBalancerRouting.eligible(served, dropWhenNoneHealthy: registered.contains(where: \.health.isHealthy))
    }

    /// Which zones' nodes have a healthy target to send to now.
    func nlbZonesHealthy() -> [Bool] {
        NetworkLoadBalancer.zonesWithTargets(
            zones: scenario.topology.zones.count, crossZone: scenario.topology.access.nlb.crossZone,
            targets: provisionedMasters.filter { access.backends[$0].isHealthy }.map { hosts[$0].zone })
    }

    /// The targets' health or the registered targets changed: DNS's answer
    /// follows, on the `nlb-dns` lane.
    mutating func followNetworkLoadBalancer() {
        guard usesNetworkLoadBalancer else { return }
        if let answer = access.followNetworkLoadBalancer(healthy: nlbZonesHealthy(), zones: scenario.topology.zones, at: now) {
            recording.set(access.nlbLane, answer.isEmpty ? "none" : answer, at: now)
        }
    }

    /// The zones whose node a client may reach now: those DNS answers with,
    /// and those it stopped answering with less than a TTL ago, which a
    /// client may still hold.
    func nlbReachableZones() -> [Int] {
        let ttl = scenario.topology.access.nlb.dnsTTL
        return scenario.topology.zones.indices.filter { access.nlb.reachable($0, at: now, ttl: ttl) }
    }

    /// Whether a zone's node that clients may still reach has no target to
    /// send to: the connections it takes fail.
    var nlbReachableZoneWithoutTarget: Bool { nlbReachableZones().contains { nlbTargets(zone: $0).isEmpty } }

    /// Whether a removed node's address may still be cached by a client:
    /// time matters until the TTL has run out.
    var nlbRemovalCached: Bool {
        guard usesNetworkLoadBalancer else { return false }
        let ttl = scenario.topology.access.nlb.dnsTTL
        return access.nlb.removedAt.contains { $0.map { now < $0 + ttl } ?? false }
    }

    /// A new connection of class `index` through the NLB: the client picks
    /// one of the nodes it may reach (the NLB's flow hash and the client's
    /// resolver are taken for a uniform draw from the class's stream), and
    /// the node picks a target among those it may send to. Nil when the node
    /// has none (the connection fails: "the requests fail"), the NLB is out
    /// (a load balancer outage fault), or the target does not accept it.
    mutating func nlbConnects(_ index: Int, from client: Int) -> Dialled? {
        guard access.loadBalancerForwards else { return nil }
        let zones = nlbReachableZones()
        guard !zones.isEmpty else { return nil }
        let stream = access.clients[index].stream
        let zone = zones[Int(random[stream].nextInt(below: UInt64(zones.count)))]
        let targets = nlbTargets(zone: zone)
        guard !targets.isEmpty, case .served(let host) = access.route(targets, stream: &kernel.random[stream]) else { return nil }
        guard acceptsConnections(host, from: client) else {
            access[client: index].countDeadBackendRequest()
            return nil
        }
        return Dialled(host: host)
    }

    /// The targets a kubelet's new connection may reach through the NLB: any
    /// node's, as a kubelet whose dial fails dials again and resolves anew.
    func nlbDialable() -> [Int] {
        var dialable: [Int] = []
        for zone in nlbReachableZones() {
            for target in nlbTargets(zone: zone) where !dialable.contains(target.host) { dialable.append(target.host) }
        }
        return dialable.sorted()
    }

    /// Whether the NLB has forgotten the flow of class `index`'s
    /// `connection` as idle (`NetworkLoadBalancerSettings.idleTimeout`): no
    /// data either way for that long. The client sends a request every
    /// interval, and a long-lived client-go connection is pinged once it
    /// heard no frame for the HTTP/2 ReadIdleTimeout (30 s), so with
    /// client-go's defaults such a flow never idles out; a keep-alive client
    /// (no pings) whose requests are further apart than the timeout does.
    func nlbForgotIdleFlow(_ connection: ClientConnection, client index: Int) -> Bool {
        guard usesNetworkLoadBalancer, connection.throughExternalIP, connection.backend != nil else { return false }
        let idle = scenario.topology.access.nlb.idleTimeout
        let client = access.clients[index]
        let pings = client.settings.connection == .longLived ? scenario.topology.access.http2ReadIdleTimeout : client.interval
        let keptAlive = min(client.interval, pings)
        return keptAlive >= idle && now >= connection.lastFrame + idle
    }
}
