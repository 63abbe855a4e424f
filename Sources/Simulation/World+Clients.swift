import SimKernel

/// The load balancer's health checks, the `kubernetes` service's reconcile
/// loops, and the two client probes: one outside the cluster through the
/// external IP (or DNS), one inside through the service.
extension World {
    mutating func startAccess() {
        let access = scenario.topology.access
        for host in provisionedMasters { startHealthChecks(host) }
        for host in hosts.indices where hosts[host].role == .master {
            let phase = random[accessProbeStream].nextInt(in: 1...KubernetesServiceEndpoints.defaultReconcileInterval.nanoseconds)
            queue.schedule(.serviceReconcile(host: host), at: SimInstant(nanosecondsSinceStart: phase))
        }
        if access.externalClientRate > 0 { queue.schedule(.clientRequest(inCluster: false), after: clientInterval(access.externalClientRate)) }
        if access.inClusterClientRate > 0 { queue.schedule(.clientRequest(inCluster: true), after: clientInterval(access.inClusterClientRate)) }
    }

    func clientInterval(_ rate: Double) -> SimDuration {
        SimDuration(nanoseconds: max(1, Int64((1e9 / rate).rounded())))
    }

    /// Starts probing a master's /readyz, at a random phase of the interval.
    mutating func startHealthChecks(_ host: Int) {
        guard !healthChecked[host] else { return }
        healthChecked[host] = true
        let interval = scenario.topology.access.healthCheck.interval
        queue.schedule(.healthCheck(host: host), after: SimDuration(nanoseconds: random[accessProbeStream].nextInt(in: 1...interval.nanoseconds)))
    }

    /// One health probe: it succeeds when the apiserver answers /readyz ready
    /// within the timeout; a stopped, frozen or not-ready apiserver fails it.
    mutating func healthCheck(_ host: Int) {
        guard hostProvisioned[host] else {
            healthChecked[host] = false
            return
        }
        queue.schedule(.healthCheck(host: host), after: scenario.topology.access.healthCheck.interval)
        let ready = apiServerUp(host) && apiServers[host].state == .ready
        if backendHealth[host].record(probeSucceeded: ready) {
            let healthy = backendHealth[host].isHealthy
            timeline.set(backendEntity[host], healthy ? "healthy" : "unhealthy", at: now)
            record(entity: "lb-backend/\(hosts[host].name)", kind: healthy ? "backendHealthy" : "backendUnhealthy", detail: "")
        }
    }

    /// An apiserver's endpoint reconcile loop: it runs every 10 s and writes
    /// only when its apiserver can write to etcd.
    mutating func serviceReconcile(_ host: Int) {
        queue.schedule(.serviceReconcile(host: host), after: KubernetesServiceEndpoints.defaultReconcileInterval)
        guard hostProvisioned[host], apiServerServes(host) else { return }
        if serviceEndpoints.apiserverReconciled(host: host, at: now) {
            let names = serviceEndpoints.endpoints.map { hosts[$0].name }.joined(separator: ",")
            timeline.set(serviceEntity, names, at: now)
            record(entity: "kubernetes-service", kind: "endpointsChanged", detail: names)
        }
    }

    mutating func clientRequest(inCluster: Bool) {
        let access = scenario.topology.access
        queue.schedule(.clientRequest(inCluster: inCluster), after: clientInterval(inCluster ? access.inClusterClientRate : access.externalClientRate))
        let served: Bool
        if inCluster && !serviceEndpoints.routesThroughExternalIP {
            // kube-proxy picks one of the service's endpoints at random.
            let endpoints = serviceEndpoints.endpoints(at: now)
            if endpoints.isEmpty {
                served = false
            } else {
                let target = endpoints[Int(random[accessProbeStream].nextInt(below: UInt64(endpoints.count)))]
                served = apiServerServes(target)
            }
        } else {
            served = externalRequest()
        }
        if inCluster {
            inClusterProbe.record(served: served, at: now)
        } else {
            externalProbe.record(served: served, at: now, propagating: loadBalancerPropagating.holds)
        }
    }

    /// A request from outside the cluster. A client dialling an address the
    /// master certificate does not cover fails its TLS handshake unless it
    /// skips verification (docs ha-master-gce, "Master certificates").
    mutating func externalRequest() -> Bool {
        let access = scenario.topology.access
        let address = access.resolvedClientAddress
        if !access.certificate.covers(address) && !access.clientSkipsVerification { return false }
        if address == .replicaInternalIP || address == .replicaPublicIP {
            return apiServerServes(access.clientReplica ?? hosts.first { $0.role == .master }!.id)
        }
        if case .dns = access.mode {
            guard let target = dnsClient.target(at: now, live: provisionedMasters, stream: &random[accessProbeStream]) else { return false }
            return apiServerServes(target)
        }
        externalEndpoint.advance(to: now)
        switch externalEndpoint.route(at: now) {
        case .nowhere:
            return false
        case .host(let host):
            return apiServerServes(host)
        case .loadBalancer(let backends):
            guard loadBalancerOutageHolds == 0 else { return false }
            let candidates = backends.map { LoadBalancerBackend(host: $0, health: backendHealth[$0]) }
            let serving = backends.filter { apiServerServes($0) }
            var routing = loadBalancerRouting
            let outcome = routing.route(candidates, isAlive: { serving.contains($0) }, stream: &random[accessProbeStream])
            loadBalancerRouting = routing
            if case .served = outcome { return true }
            return false
        }
    }
}
