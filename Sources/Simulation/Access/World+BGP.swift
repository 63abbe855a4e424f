import SimKernel

/// kube-vip's BGP mode (`AccessSettings.Mode.bgp`, `BGPSettings`): every
/// master's kube-vip advertises the address, and the router sends each new
/// flow to one of the masters whose session is up (equal-cost multipath,
/// the flow hash taken for a uniform draw, as for a load balancer). The
/// router's view of each session is the backend health of `Access`, fed by
/// the session's keepalives (`HealthCheckSettings.Probe.bgpSession`): a
/// silent master keeps its route for up to the hold time, a dead kube-vip
/// loses it at once. Connections go straight to the apiserver (the address
/// is on every master's loopback), so nothing on the path holds a session.
extension World {
    var usesBGP: Bool { scenario.topology.access.usesBGP }

    /// Whether `host`'s kube-vip runs and so keeps its BGP session: a
    /// running master with no crash fault on kube-vip.
    func bgpSpeakerRuns(_ host: Int) -> Bool { masterHostRuns(host) && access.bgpSpeakerCrashHolds[host] == 0 }

    /// Whether `host`'s kube-vip announces its route: always without the
    /// control-plane health check, else while the check holds it announced.
    func bgpRouteAnnounced(_ host: Int) -> Bool {
        scenario.topology.access.bgp.controlPlaneHealthCheck == nil || access.routeChecks[host].announced
    }

    /// Starts every master's kube-vip route check at a random phase of its period.
    mutating func startRouteChecks() {
        guard usesBGP, let check = scenario.topology.access.bgp.controlPlaneHealthCheck else { return }
        startMasterLoops(stream: "access/kube-vip-route-checks", period: check.period) { .routeCheck(host: $0) }
    }

    /// One run of `host`'s kube-vip route check: a GET of the local
    /// apiserver's health URL, which passes while the apiserver is ready
    /// (hasim takes the URL for `/readyz`, as for HAProxy's `/healthz`). A
    /// withdrawal or an announcement is a BGP UPDATE on the live session,
    /// which the router applies at once.
    mutating func runRouteCheck(_ host: Int) {
        guard let check = scenario.topology.access.bgp.controlPlaneHealthCheck else { return }
        queue.schedule(.access(.routeCheck(host: host)), after: check.period)
        guard fleet.provisioned[host], bgpSpeakerRuns(host) else { return access.routeCheckStopped(host) }
        let healthy = apiServerUp(host) && apiServers.servers[host].state == .ready
        guard access.recordRouteCheck(host, healthy: healthy, threshold: check.failureThreshold) else { return }
        let announced = access.routeChecks[host].announced
        record(
            entity: "kube-vip/\(hosts[host].name)", kind: announced ? .bgpRouteAnnounced : .bgpRouteWithdrawn,
            detail: announced ? "local apiserver healthy" : "local apiserver failed \(check.failureThreshold) checks in a row")
        let changed = announced ? access[backend: host].routeAnnounced() : access[backend: host].sessionClosed()
        if changed { backendHealthChanged(host) }
        announce(.externalIP)
    }

    /// The masters the router holds a route to.
    var bgpRoutedMasters: [Int] { provisionedMasters.filter { access.backends[$0].isHealthy } }

    /// A crash fault on `host`'s kube-vip starts (+1) or ends (-1). Its
    /// kernel closes the BGP session's TCP connection, so the router drops
    /// the route at once (RFC 4271 §8: a closed transport connection ends
    /// the session); the route comes back with the new session's first
    /// keepalive.
    mutating func changeBGPSpeakerCrash(host: Int, delta: Int) {
        access.changeBGPSpeakerCrash(host: host, by: delta)
        if delta > 0, access[backend: host].sessionClosed() { backendHealthChanged(host) }
        announce(.externalIP)
    }

    /// Why `connection` is reset now under BGP, if it is: the router
    /// dropped its master's route and hashes the flow's next packet to
    /// another master, whose kernel knows no such connection and answers
    /// with a reset. With no route left the packets go nowhere instead.
    func bgpReset(of connection: ClientConnection) -> String? {
        guard usesBGP, connection.throughExternalIP, let backend = connection.backend else { return nil }
        let routed = bgpRoutedMasters
        guard !routed.contains(backend), routed.contains(where: { masterHostRuns($0) }) else { return nil }
        return "BGP route withdrawn"
    }
}
