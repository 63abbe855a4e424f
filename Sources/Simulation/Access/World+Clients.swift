import SimKernel

/// The load balancer's health checks, the `kubernetes` service's reconcile
/// loops, and the client classes' requests (`ClientClass`): from outside
/// through the external IP (or DNS), from pods through the service, from
/// masters to their own apiserver.
extension World {
    mutating func handle(_ event: AccessEvent) {
        switch event {
        case .externalEndpointDue: externalEndpointDue()
        case .healthCheck(let host): healthCheck(host)
        case .serviceReconcile(let host): serviceReconcile(host)
        case .serviceReconcileAnswered(let host): serviceReconcileAnswered(host)
        case .clientRequest(let client, let member): clientRequest(client, member: member)
        case .clientTimeout(let request): clientTimedOut(request)
        case .apiRequestArrives(let request): apiRequestArrives(request)
        case .apiResponseArrives(let request): finishAPIRequest(request, served: true)
        case .virtualIPTakeover: virtualIPTakeover()
        case .vrrpScript(let host): runVRRPScript(host)
        case .routeCheck(let host): runRouteCheck(host)
        }
    }

    mutating func startAccess() {
        for host in provisionedMasters { startHealthChecks(host) }
        startVRRPScripts()
        startRouteChecks()
        for host in hosts.indices where hosts[host].role == .master {
            let phase = random[access.probeStream].nextInt(in: 1...KubernetesServiceEndpoints.defaultReconcileInterval.nanoseconds)
            queue.schedule(.access(.serviceReconcile(host: host)), at: SimInstant(nanosecondsSinceStart: phase))
        }
        for (index, client) in access.clients.enumerated() where client.isActive {
            for member in client.endpoints.indices {
                queue.schedule(.access(.clientRequest(client: index, member: member)), after: client.firstRequest(of: member))
            }
        }
    }

    /// Starts probing a master's /readyz, at a random phase of the interval.
    mutating func startHealthChecks(_ host: Int) {
        guard let settings = scenario.topology.access.healthCheck, access.startHealthChecks(host) else { return }
        let interval = settings.interval
        queue.schedule(.access(.healthCheck(host: host)), after: SimDuration(nanoseconds: random[access.probeStream].nextInt(in: 1...interval.nanoseconds)))
    }

    /// One health probe from the load balancer: it succeeds when the
    /// apiserver answers /readyz ready (or, for a TCP check, its process
    /// accepts the connection) and the answer is back within the timeout; a
    /// stopped, frozen or cut-off apiserver fails it, and a not-ready one
    /// fails the /readyz check.
    mutating func healthCheck(_ host: Int) {
        guard fleet.provisioned[host] else {
            access.stopHealthChecks(host)
            return
        }
        guard let settings = scenario.topology.access.healthCheck else { return }
        queue.schedule(.access(.healthCheck(host: host)), after: settings.interval)
        let ready: Bool
        switch settings.probe {
        case .https: ready = apiServerUp(host) && apiServers.servers[host].state == .ready
        case .tcp: ready = fleet.up[host] && apiServerUp(host) && apiServers.servers[host].accepts
        case .bgpSession: ready = bgpSpeakerRuns(host) && bgpRouteAnnounced(host)
        }
        let answered = roundTrip(healthCheckSource(host), host, request: .apiRequest, reply: .apiReply).map { $0 <= settings.timeout } ?? false
        if access[backend: host].record(probeSucceeded: ready && answered) { backendHealthChanged(host) }
    }

    /// The load balancer's view of `host` turned: its lane, an event, and
    /// the NLB's DNS answer follow.
    mutating func backendHealthChanged(_ host: Int) {
        let healthy = access.backends[host].isHealthy
        recording.set(access.backendLanes[host], healthy ? "healthy" : "unhealthy", at: now)
        record(entity: "lb-backend/\(hosts[host].name)", kind: healthy ? .backendHealthy : .backendUnhealthy, detail: "")
        followNetworkLoadBalancer()
    }

    /// Where the load balancer's probes come from: outside the zones for a
    /// cloud load balancer; the holder's HAProxy with a virtual IP (every
    /// master's HAProxy probes, and the holder's view is the one that
    /// routes), or the master itself while none holds the address.
    func healthCheckSource(_ host: Int) -> Int {
        usesVirtualIP ? access.virtualIP.holder ?? host : network.outside
    }

    /// An apiserver's endpoint reconcile loop (pkg/controlplane/controller/
    /// kubernetesservice controller.go: wait.Until, sliding, every 10 s): the
    /// reconcile refreshes the apiserver's key in etcd and rewrites the
    /// endpoints; the next one starts 10 s after it returns.
    mutating func serviceReconcile(_ host: Int) {
        guard fleet.provisioned[host] else { return scheduleNextReconcile(host) }
        callEtcdToReconcile(host)
    }

    mutating func scheduleNextReconcile(_ host: Int) {
        queue.schedule(.access(.serviceReconcile(host: host)), after: KubernetesServiceEndpoints.defaultReconcileInterval)
    }

    /// The reconcile's etcd call is the apiserver's own, not an HTTP request:
    /// lease.go UpdateLease passes a context without deadline
    /// (apirequest.NewDefaultContext()), so a hung call waits until the
    /// etcd path works again or etcd's own request timeout fails it
    /// (`HungCall`). A stopped apiserver skips the round; its loop is taken
    /// to tick on.
    mutating func callEtcdToReconcile(_ host: Int) {
        switch callAPIServer(from: host) {
        case .refused: scheduleNextReconcile(host)
        case .answered(let after): queue.schedule(.access(.serviceReconcileAnswered(host: host)), after: after)
        case .hangs: holdHungCall(.reconcile(host: host), host: host)
        }
    }

    /// The hung reconcile ends: answered after the round trip, or failed
    /// (logged; the loop runs again 10 s later).
    mutating func reconcileHungCallEnded(_ host: Int, _ outcome: HungCallOutcome) {
        switch outcome {
        case .answered(let after): queue.schedule(.access(.serviceReconcileAnswered(host: host)), after: after)
        case .failed: scheduleNextReconcile(host)
        }
    }

    /// The reconcile's etcd calls were answered: the key is refreshed and the
    /// endpoints written as the reconciler decides.
    mutating func serviceReconcileAnswered(_ host: Int) {
        scheduleNextReconcile(host)
        guard fleet.provisioned[host] else { return }
        if access.apiserverReconciled(host: host, at: now) {
            let names = access.serviceEndpoints.endpoints.map { hosts[$0].name }.joined(separator: ",")
            recording.set(access.serviceLane, names, at: now)
            record(entity: "kubernetes-service", kind: .endpointsChanged, detail: names)
        }
    }

    /// One request of client `member` of class `index`: over the client's
    /// open connection (dialled first when none is, see `ClientConnection`),
    /// or over a new one for a per-request class. A request that cannot go
    /// out fails: a refused dial, a reset, or a backend gone silent (a
    /// long-lived connection then stays until client-go's HTTP/2 health
    /// check closes it). One that goes out arrives after the link's latency
    /// (`apiRequestArrives`) and fails if no answer is back by the class's
    /// timeout.
    mutating func clientRequest(_ index: Int, member: Int) {
        let client = access.clients[index]
        queue.schedule(.access(.clientRequest(client: index, member: member)), after: client.interval)
        let from = client.endpoints[member]
        let id = access.newRequestID()
        var request = APIRequest(
            clientClass: index, member: member, client: from, apiServer: -1, etcdMember: -1, sent: now,
            propagating: client.settings.runs == .outside && access.propagating.holds)
        let backend = client.settings.connection == .perRequest ? dial(index, from: from) : connectedBackend(index, member: member, from: from)
        guard let dialled = backend else {
            if client.settings.connection == .perRequest { access[client: index].countDialFailure() }
            return record(request, served: false)
        }
        guard let arrival = clientTransmit(index, from: from, to: dialled.host, sentAt: now + dialled.after, carrying: .apiRequest) else {
            return record(request, served: false)
        }
        request.apiServer = dialled.host
        access.track(request, id: id)
        queue.schedule(.access(.apiRequestArrives(request: id)), at: arrival)
        queue.schedule(.access(.clientTimeout(request: id)), after: client.settings.timeout)
    }

    /// The client gave up on a request still in flight. A keep-alive client
    /// also closes the connection it went out on: Go's net/http discards a
    /// connection whose response was never read, so the next request dials
    /// again instead of waiting on a silent host.
    mutating func clientTimedOut(_ id: Int) {
        guard let request = access.apiRequests[id] else { return }
        let client = access.clients[request.clientClass]
        if client.settings.connection == .keepAlive, client.connections[request.member].backend == request.apiServer {
            access[client: request.clientClass][connection: request.member].close(at: now)
            record(entity: client.entity(request.member), kind: .connectionClosed, detail: "\(hosts[request.apiServer].name): request timed out")
        }
        finishAPIRequest(id, served: false)
    }

    /// The backend of the client's open connection if a request can go out
    /// on it now, dialling a new one when none is open or the old one broke;
    /// nil when the request fails instead.
    mutating func connectedBackend(_ index: Int, member: Int, from client: Int) -> Dialled? {
        var connection = access.clients[index].connections[member]
        defer { access[client: index][connection: member] = connection }
        let entity = access.clients[index].entity(member)
        if let backend = connection.backend, nlbForgotIdleFlow(connection, client: index) {
            // The NLB forgot the idle flow and answers its next packet with
            // a TCP RST (ELB docs, "Network Load Balancers", "Connection idle
            // timeout"): the client dials again.
            connection.close(at: now)
            record(entity: entity, kind: .connectionReset, detail: "\(hosts[backend].name): NLB idle timeout")
        }
        if let backend = connection.backend {
            let hostAnswers = answers(connection, client: client)
            let silence = silenceLimit(connection, health: http2Silence)
            if hostAnswers && apiServerUp(backend) { return Dialled(host: backend) }
            if let reset = virtualIPReset(of: connection) {
                connection.close(at: now)
                record(entity: entity, kind: .connectionReset, detail: "\(hosts[backend].name): \(reset)")
            } else if hostAnswers {
                // The process died on a live host: its kernel reset the connection.
                connection.close(at: now)
                record(entity: entity, kind: .connectionReset, detail: hosts[backend].name)
            } else if access.clients[index].settings.connection == .longLived, now >= connection.healthCheckCloses(after: silence) {
                let closer = silence < http2Silence ? "HAProxy timeout server" : "HTTP/2 health check"
                connection.close(at: connection.healthCheckCloses(after: silence))
                record(entity: entity, kind: .connectionClosed, detail: "\(hosts[backend].name): \(closer), no frame since \(connection.lastFrame)")
            } else if access.clients[index].settings.connection == .keepAlive, let since = connection.pinnedSince,
                now >= since + access.clients[index].settings.timeout
            {
                // The first request into the silence timed out: net/http
                // discarded the connection, and this one dials afresh.
                connection.close(at: since + access.clients[index].settings.timeout)
                record(entity: entity, kind: .connectionClosed, detail: "\(hosts[backend].name): request timed out")
            } else {
                // Silent: the request goes nowhere and times out.
                connection.foundSilent(at: now)
                access[client: index].countDeadBackendRequest()
                return nil
            }
        }
        guard let dialled = dial(index, from: client) else { return nil }
        let throughExternalIP = dialsExternalIP(index)
        connection.open(
            to: dialled.host, throughExternalIP: throughExternalIP,
            via: throughExternalIP && usesVirtualIP ? access.virtualIP.holder : nil, at: now)
        record(entity: entity, kind: .connectionOpened, detail: hosts[dialled.host].name)
        return dialled
    }

    /// Whether anything comes back on `connection`: its path holds (the
    /// external IP still leads to its backend, when dialled through it) and
    /// the backend's host is up, not paused, and reachable from `client`.
    /// When not, requests on it go nowhere until the HTTP/2 health check
    /// closes it.
    func answers(_ connection: ClientConnection, client: Int) -> Bool {
        guard let backend = connection.backend else { return false }
        let pathHolds = !connection.throughExternalIP || externalIPLeads(to: backend)
        // Through a virtual IP the session ends on the holder's HAProxy,
        // which the backend must reach.
        let hop = connection.viaHolder ?? client
        return pathHolds && virtualIPPathHolds(connection, from: client) && fleet.up[backend] && !fleet.paused(backend)
            && network.connected(hop, backend)
    }

    /// Picks the apiserver a new connection of class `index` goes to and
    /// connects: nil when nothing answers (no address, a refused
    /// connection, a silent host).
    mutating func dial(_ index: Int, from client: Int) -> Dialled? {
        let clientClass = access.clients[index]
        if usesVirtualIP && dialsExternalIP(index) { return virtualIPConnects(from: client) }
        if usesNetworkLoadBalancer && dialsExternalIP(index) { return nlbConnects(index, from: client) }
        let pick: Int?
        switch clientClass.settings.dials {
        case .kubernetesService where !access.serviceEndpoints.routesThroughExternalIP:
            // kube-proxy picks one of the service's endpoints for each connection.
            let endpoints = access.serviceEndpoints.endpoints(at: now)
            pick = endpoints.isEmpty ? nil : endpoints[Int(random[clientClass.stream].nextInt(below: UInt64(endpoints.count)))]
        case .localAPIServer:
            pick = client
        case .kubernetesService, .clusterEndpoint:
            pick = externalPick(index)
        }
        guard let host = pick else { return nil }
        guard acceptsConnections(host, from: client) else {
            access[client: index].countDeadBackendRequest()
            return nil
        }
        return Dialled(host: host)
    }

    /// How long a connection goes without a frame before client-go's HTTP/2
    /// health check closes it: ReadIdleTimeout plus PingTimeout.
    var http2Silence: SimDuration {
        let settings = scenario.topology.access
        return settings.http2ReadIdleTimeout + settings.http2PingTimeout
    }

    /// Whether class `index`'s new connections go through the external IP
    /// (and its load balancer) rather than to a replica, a DNS answer, a
    /// service endpoint or the local apiserver.
    func dialsExternalIP(_ index: Int) -> Bool {
        let settings = scenario.topology.access
        switch access.clients[index].settings.dials {
        case .kubernetesService: return access.serviceEndpoints.routesThroughExternalIP
        case .localAPIServer: return false
        case .clusterEndpoint:
            if case .dns = settings.mode { return false }
            return settings.resolvedClientAddress != .replicaInternalIP && settings.resolvedClientAddress != .replicaPublicIP
        }
    }

    /// Whether packets to the external IP still reach `host`: the IP is on
    /// it, or on a load balancer whose pool holds it and which forwards.
    func externalIPLeads(to host: Int) -> Bool {
        switch endpointRoute() {
        case .nowhere: return false
        case .host(let target): return target == host
        case .loadBalancer(let backends): return access.loadBalancerForwards && backends.contains(host)
        }
    }

    /// Whether a connection from `client` to the apiserver on `host` opens:
    /// the host is up, not frozen, reachable, and the process listens (not
    /// once a graceful shutdown has closed its listener).
    func acceptsConnections(_ host: Int, from client: Int) -> Bool {
        fleet.up[host] && !fleet.paused(host) && apiServerUp(host) && apiServers.servers[host].accepts && network.connected(client, host)
    }

    /// The request reaches its apiserver, which writes it through its etcd
    /// path if it still can; otherwise the client sees the error.
    mutating func apiRequestArrives(_ id: Int) {
        guard let request = access.apiRequests[id] else { return }
        guard apiServerServes(request.apiServer), let member = etcdMemberServing(request.apiServer) else {
            // A live apiserver answers with an error; a dead one says nothing.
            if apiServerUp(request.apiServer) { heard(request) }
            return finishAPIRequest(id, served: false)
        }
        if let silent = pickSilentEtcdMember(request.apiServer) {
            // The apiserver's etcd client sent it to a member that died
            // silently: it waits until the keepalive closes that connection
            // or the client gives up. The apiserver itself still answers
            // the connection's pings.
            heard(request)
            return access.setSilentEtcdMember(silent, of: id)
        }
        if access.clients[request.clientClass].settings.requests == .read { return answerRead(id, request) }
        access.setEtcdMember(member, of: id)
        if case .dropped = etcd[member: member].propose(data: UInt64(id) | APIRequest.entryTag) {
            return finishAPIRequest(id, served: false)
        }
        afterInput(member)
    }

    /// A read reached an apiserver that serves: it is answered after a
    /// linearizable read, the apiserver's etcd request to the leader and
    /// the leader's heartbeat round to a quorum that confirms it still
    /// leads (etcd's ReadIndex, etcd-io/raft `ReadOnlySafe`, the default for
    /// clientv3's Get; since Kubernetes 1.31 a consistent LIST from the watch
    /// cache asks etcd for the current revision the same way), then the
    /// reply's way back. Nothing is appended to the Raft log, and every
    /// delay is drawn from the class's own stream.
    mutating func answerRead(_ id: Int, _ request: APIRequest) {
        guard let delay = readAnswerDelay(request.clientClass, apiServer: request.apiServer, client: request.client) else {
            return finishAPIRequest(id, served: false)
        }
        queue.schedule(.access(.apiResponseArrives(request: id)), after: delay)
    }

    /// How long after a read of class `index` reached the apiserver on
    /// `apiServer` its answer is back at `client` (`answerRead`); nil when
    /// it fails. `counting: false` leaves its messages out of the traffic
    /// (a fast-forward replay, whose window's traffic is repeated instead).
    mutating func readAnswerDelay(_ index: Int, apiServer: Int, client: Int, counting: Bool = true) -> SimDuration? {
        guard let leader = leaderWithQuorum() else { return nil }
        let leaderHost = etcd.members[leader].host
        let others = etcd[member: leader].node.voters.filter { $0 != leader && active($0) && membersConnected(leader, $0) }
        let rounds = others.compactMap {
            clientRoundTrip(index, leaderHost, etcd.members[$0].host, request: .heartbeat, reply: .heartbeat, counting: counting)
        }.sorted()
        let needed = etcd[member: leader].node.quorum - 1
        guard rounds.count >= needed,
            let toLeader = clientRoundTrip(index, apiServer, leaderHost, request: .etcdCall, reply: .etcdReply, counting: counting),
            let reply = clientTransmit(index, from: apiServer, to: client, sentAt: now, carrying: .apiReply, counting: counting)
        else { return nil }
        let heartbeatRound = needed > 0 ? rounds[needed - 1] : .zero
        return reply - now + toLeader + heartbeatRound
    }

    /// When a message of client class `index` sent at `sentAt` arrives: over
    /// the link as every message for the two probes of old, on a
    /// connection of its own with the class's stream for the others
    /// (`Network.unorderedArrival`), counted in the traffic unless `counting` is false.
    mutating func clientTransmit(_ index: Int, from: Int, to: Int, sentAt: SimInstant, carrying: MessageSize, counting: Bool = true) -> SimInstant? {
        let client = access.clients[index]
        if ClientClass.sharesProbeStream(client.settings.name) { return transmit(from: from, to: to, sentAt: sentAt, carrying: carrying) }
        guard network.canSend(from, to) else { return nil }
        if counting { network.count(carrying, from: from, to: to) }
        return network.unorderedArrival(from: from, to: to, now: sentAt, stream: &random[client.stream])
    }

    /// A round trip for client class `index` between two hosts, from now.
    mutating func clientRoundTrip(
        _ index: Int, _ from: Int, _ to: Int, request: MessageSize, reply: MessageSize, counting: Bool = true
    ) -> SimDuration? {
        guard from != to else { return .zero }
        guard let there = clientTransmit(index, from: from, to: to, sentAt: now, carrying: request, counting: counting),
            let back = clientTransmit(index, from: to, to: from, sentAt: there, carrying: reply, counting: counting)
        else { return nil }
        return back - now
    }

    /// Whether `host`'s apiserver serves and `client` can reach it both ways.
    func reachableAndServing(_ host: Int, from client: Int) -> Bool {
        apiServerServes(host) && network.connected(client, host)
    }

    /// The member an apiserver on `host` writes through: its local member
    /// when stacked, the leader with quorum when etcd is external.
    func etcdMemberServing(_ host: Int) -> Int? {
        scenario.topology.externalEtcdPerZone == nil ? etcd.memberOfHost[host] : leaderWithQuorum()
    }

    /// The write is applied: the apiserver answers. With external etcd the
    /// answer first crosses back from the etcd member's host; then it travels
    /// to the client, and the request is served when it arrives.
    mutating func apiRequestApplied(_ id: Int, at member: Int) {
        guard let request = access.apiRequests[id], request.etcdMember == member else { return }
        let etcdHost = etcd.members[member].host
        guard
            let etcdLeg = ClientClass.sharesProbeStream(access.clients[request.clientClass].settings.name)
                ? roundTrip(request.apiServer, etcdHost, request: .etcdCall, reply: .etcdReply, on: .etcdClient)
                : clientRoundTrip(request.clientClass, request.apiServer, etcdHost, request: .etcdCall, reply: .etcdReply),
            let reply = clientTransmit(request.clientClass, from: request.apiServer, to: request.client, sentAt: now, carrying: .apiReply)
        else { return finishAPIRequest(id, served: false) }
        queue.schedule(.access(.apiResponseArrives(request: id)), at: reply + etcdLeg)
    }

    mutating func finishAPIRequest(_ id: Int, served: Bool) {
        guard let request = access.finish(id) else { return }
        if served { heard(request) }
        record(request, served: served)
        drainProgressed(request.apiServer)
    }

    /// A response from the request's apiserver reached its client's connection.
    mutating func heard(_ request: APIRequest) {
        guard access.clients[request.clientClass].settings.connection != .perRequest else { return }
        access[client: request.clientClass][connection: request.member].heard(from: request.apiServer, at: now)
    }

    mutating func record(_ request: APIRequest, served: Bool) {
        access[client: request.clientClass].record(served: served, latency: now - request.sent, at: now, propagating: request.propagating)
    }

    /// The apiserver the outside client's new connection goes to: the
    /// replica it names, a DNS answer, or the external IP's target (the load
    /// balancer picks among its healthy backends, or among all when none is).
    /// A client dialling an address the master certificate does not cover
    /// fails its TLS handshake unless it skips verification (docs
    /// ha-master-gce, "Master certificates").
    mutating func externalPick(_ index: Int) -> Int? {
        let stream = access.clients[index].stream
        let settings = scenario.topology.access
        let address = settings.resolvedClientAddress
        if !settings.certificate.covers(address) && !settings.clientSkipsVerification { return nil }
        if address == .replicaInternalIP || address == .replicaPublicIP {
            return settings.clientReplica ?? hosts.first { $0.role == .master }!.id
        }
        if case .dns = settings.mode {
            return access.resolve(client: index, at: now, live: provisionedMasters, stream: &kernel.random[stream])
        }
        access.advanceEndpoint(to: now)
        switch endpointRoute() {
        case .nowhere:
            return nil
        case .host(let host):
            return host
        case .loadBalancer(let backends):
            guard access.loadBalancerForwards else { return nil }
            let candidates = backends.map { LoadBalancerBackend(host: $0, health: access.backends[$0]) }
            let outcome = access.route(candidates, stream: &kernel.random[stream])
            if case .served(let host) = outcome { return host }
            return nil
        }
    }
}
