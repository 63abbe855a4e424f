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

    /// One health probe from the load balancer: it succeeds when the
    /// apiserver answers /readyz ready and the answer is back within the
    /// timeout; a stopped, frozen, not-ready or cut-off apiserver fails it.
    mutating func healthCheck(_ host: Int) {
        guard hostProvisioned[host] else {
            healthChecked[host] = false
            return
        }
        let settings = scenario.topology.access.healthCheck
        queue.schedule(.healthCheck(host: host), after: settings.interval)
        let ready = apiServerUp(host) && apiServers[host].state == .ready
        let answered = roundTrip(network.outside, host).map { $0 <= settings.timeout } ?? false
        if backendHealth[host].record(probeSucceeded: ready && answered) {
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

    /// The endpoint the in-cluster probe runs on (`Topology.inClusterClientHost`).
    var inClusterClient: Int { scenario.topology.inClusterClientHost ?? 0 }

    /// One client request: routed to an apiserver and sent to it over the
    /// network. A request that cannot reach a serving apiserver fails at
    /// once (a refused or reset connection); one that does arrives after the
    /// link's latency (`apiRequestArrives`).
    mutating func clientRequest(inCluster: Bool) {
        let access = scenario.topology.access
        queue.schedule(.clientRequest(inCluster: inCluster), after: clientInterval(inCluster ? access.inClusterClientRate : access.externalClientRate))
        let client = inCluster ? inClusterClient : network.outside
        let target: Int?
        if inCluster && !serviceEndpoints.routesThroughExternalIP {
            // kube-proxy picks one of the service's endpoints at random.
            let endpoints = serviceEndpoints.endpoints(at: now)
            if endpoints.isEmpty {
                target = nil
            } else {
                let pick = endpoints[Int(random[accessProbeStream].nextInt(below: UInt64(endpoints.count)))]
                target = reachableAndServing(pick, from: client) ? pick : nil
            }
        } else {
            target = externalRequest(from: client)
        }
        let id = nextAPIRequest
        nextAPIRequest += 1
        let request = APIRequest(inCluster: inCluster, client: client, apiServer: target ?? -1, member: -1, sent: now,
                                 propagating: !inCluster && loadBalancerPropagating.holds)
        guard let host = target, let arrival = transmit(from: client, to: host) else { return record(request, served: false) }
        apiRequests[id] = request
        queue.schedule(.apiRequestArrives(request: id), at: arrival)
        queue.schedule(.clientTimeout(request: id), after: access.clientTimeout)
    }

    /// The request reaches its apiserver, which writes it through its etcd
    /// path if it still can; otherwise the client sees the error.
    mutating func apiRequestArrives(_ id: Int) {
        guard let request = apiRequests[id] else { return }
        guard apiServerServes(request.apiServer), let member = etcdMemberServing(request.apiServer) else {
            return finishAPIRequest(id, served: false)
        }
        apiRequests[id]?.member = member
        if case .dropped = members[member].node.propose(data: UInt64(id) | APIRequest.entryTag) {
            return finishAPIRequest(id, served: false)
        }
        afterInput(member)
    }

    /// Whether `host`'s apiserver serves and `client` can reach it both ways.
    func reachableAndServing(_ host: Int, from client: Int) -> Bool {
        apiServerServes(host) && network.connected(client, host)
    }

    /// The member an apiserver on `host` writes through: its local member
    /// when stacked, the leader with quorum when etcd is external.
    func etcdMemberServing(_ host: Int) -> Int? {
        scenario.topology.externalEtcdPerZone == nil ? memberOfHost[host] : leaderWithQuorum()
    }

    /// The write is applied: the apiserver answers. With external etcd the
    /// answer first crosses back from the etcd member's host; then it travels
    /// to the client, and the request is served when it arrives.
    mutating func apiRequestApplied(_ id: Int, at member: Int) {
        guard let request = apiRequests[id], request.member == member else { return }
        let etcdHost = members[member].host
        guard let etcdLeg = roundTrip(request.apiServer, etcdHost),
              let reply = transmit(from: request.apiServer, to: request.client) else { return finishAPIRequest(id, served: false) }
        queue.schedule(.apiResponseArrives(request: id), at: reply + etcdLeg)
    }

    mutating func finishAPIRequest(_ id: Int, served: Bool) {
        guard let request = apiRequests.removeValue(forKey: id) else { return }
        record(request, served: served)
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

    /// `host` if its apiserver can serve now and `client` reaches it, else nil.
    func serving(_ host: Int, from client: Int) -> Int? { reachableAndServing(host, from: client) ? host : nil }

    /// The apiserver a request from outside the cluster reaches, if one
    /// serves it. A client dialling an address the
    /// master certificate does not cover fails its TLS handshake unless it
    /// skips verification (docs ha-master-gce, "Master certificates").
    mutating func externalRequest(from client: Int) -> Int? {
        let access = scenario.topology.access
        let address = access.resolvedClientAddress
        if !access.certificate.covers(address) && !access.clientSkipsVerification { return nil }
        if address == .replicaInternalIP || address == .replicaPublicIP {
            return serving(access.clientReplica ?? hosts.first { $0.role == .master }!.id, from: client)
        }
        if case .dns = access.mode {
            return dnsClient.target(at: now, live: provisionedMasters, stream: &random[accessProbeStream]).flatMap { serving($0, from: client) }
        }
        externalEndpoint.advance(to: now)
        switch externalEndpoint.route(at: now) {
        case .nowhere:
            return nil
        case .host(let host):
            return serving(host, from: client)
        case .loadBalancer(let backends):
            guard loadBalancerOutageHolds == 0 else { return nil }
            let candidates = backends.map { LoadBalancerBackend(host: $0, health: backendHealth[$0]) }
            // The load balancer forwards from outside the zones; a backend cut
            // off from it is as dead to the client as a stopped one.
            let serving = backends.filter { reachableAndServing($0, from: network.outside) }
            var routing = loadBalancerRouting
            let outcome = routing.route(candidates, isAlive: { serving.contains($0) }, stream: &random[accessProbeStream])
            loadBalancerRouting = routing
            if case .served(let host) = outcome { return host }
            return nil
        }
    }
}
