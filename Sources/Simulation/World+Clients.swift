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

    /// One client request: routed to an apiserver, which fails it at once if
    /// it cannot serve (down, or its etcd path broken) and otherwise writes it
    /// through etcd; the request succeeds when that write is applied, so its
    /// latency is etcd's commit through the apiserver's path.
    mutating func clientRequest(inCluster: Bool) {
        let access = scenario.topology.access
        queue.schedule(.clientRequest(inCluster: inCluster), after: clientInterval(inCluster ? access.inClusterClientRate : access.externalClientRate))
        let target: Int?
        if inCluster && !serviceEndpoints.routesThroughExternalIP {
            // kube-proxy picks one of the service's endpoints at random.
            let endpoints = serviceEndpoints.endpoints(at: now)
            if endpoints.isEmpty {
                target = nil
            } else {
                let pick = endpoints[Int(random[accessProbeStream].nextInt(below: UInt64(endpoints.count)))]
                target = apiServerServes(pick) ? pick : nil
            }
        } else {
            target = externalRequest()
        }
        let request = APIRequest(inCluster: inCluster, member: 0, sent: now, propagating: !inCluster && loadBalancerPropagating.holds)
        guard let host = target, let member = etcdMemberServing(host) else { return record(request, served: false) }
        let id = apiRequests.count
        apiRequests.append(request)
        apiRequests[id].member = member
        if case .dropped = members[member].node.propose(data: UInt64(id) | APIRequest.entryTag) {
            return finishAPIRequest(id, served: false)
        }
        afterInput(member)
        queue.schedule(.clientTimeout(request: id), after: access.clientTimeout)
    }

    /// The member an apiserver on `host` writes through: its local member
    /// when stacked, the leader with quorum when etcd is external.
    func etcdMemberServing(_ host: Int) -> Int? {
        scenario.topology.externalEtcdPerZone == nil ? memberOfHost[host] : leaderWithQuorum()
    }

    mutating func apiRequestApplied(_ id: Int, at member: Int) {
        guard id < apiRequests.count, apiRequests[id].pending, apiRequests[id].member == member else { return }
        finishAPIRequest(id, served: true)
    }

    mutating func finishAPIRequest(_ id: Int, served: Bool) {
        guard apiRequests[id].pending else { return }
        apiRequests[id].pending = false
        record(apiRequests[id], served: served)
    }

    mutating func record(_ request: APIRequest, served: Bool) {
        if served {
            if request.inCluster { inClusterProbe.recordLatency(now - request.sent) } else { externalProbe.recordLatency(now - request.sent) }
        }
        if request.inCluster {
            inClusterProbe.record(served: served, at: now)
        } else {
            externalProbe.record(served: served, at: now, propagating: request.propagating)
        }
    }

    /// `host` if its apiserver can serve now, else nil.
    func serving(_ host: Int) -> Int? { apiServerServes(host) ? host : nil }

    /// The apiserver a request from outside the cluster reaches, if one
    /// serves it. A client dialling an address the
    /// master certificate does not cover fails its TLS handshake unless it
    /// skips verification (docs ha-master-gce, "Master certificates").
    mutating func externalRequest() -> Int? {
        let access = scenario.topology.access
        let address = access.resolvedClientAddress
        if !access.certificate.covers(address) && !access.clientSkipsVerification { return nil }
        if address == .replicaInternalIP || address == .replicaPublicIP {
            return serving(access.clientReplica ?? hosts.first { $0.role == .master }!.id)
        }
        if case .dns = access.mode {
            return dnsClient.target(at: now, live: provisionedMasters, stream: &random[accessProbeStream]).flatMap(serving)
        }
        externalEndpoint.advance(to: now)
        switch externalEndpoint.route(at: now) {
        case .nowhere:
            return nil
        case .host(let host):
            return serving(host)
        case .loadBalancer(let backends):
            guard loadBalancerOutageHolds == 0 else { return nil }
            let candidates = backends.map { LoadBalancerBackend(host: $0, health: backendHealth[$0]) }
            let serving = backends.filter { apiServerServes($0) }
            var routing = loadBalancerRouting
            let outcome = routing.route(candidates, isAlive: { serving.contains($0) }, stream: &random[accessProbeStream])
            loadBalancerRouting = routing
            if case .served(let host) = outcome { return host }
            return nil
        }
    }
}
