import SimKernel

/// The Access subsystem's state: the external endpoint (IP, load balancer
/// and its propagation), the load balancer's view of each backend and its
/// routing, the `kubernetes` service's endpoints, the DNS answer the outside
/// clients cache, the client classes with their connections, the requests
/// in flight, and each of their lanes on the timeline. Fields are
/// `private(set)`: only its own methods change them, and a component that
/// guards its own state (the endpoint, a connection, a probe, a backend's
/// health) changes only through that type's methods, reached by
/// its endpoint methods, `subscript(client:)` and `subscript(backend:)`. Faults change only the outage holds
/// (`changeLoadBalancerOutage`).
struct Access {
    /// The load balancer's propagation draws (creation, deletion).
    let loadBalancerStream: RandomStreams.StreamID
    /// The probes' phases, kube-proxy's and the load balancer's picks, DNS answers.
    let probeStream: RandomStreams.StreamID
    /// Whether a client of some class runs on each host, kept because the
    /// topology computes it from the whole host list.
    let carriesClient: [Bool]

    private(set) var endpoint: ExternalEndpoint
    private(set) var endpointLane: Int
    /// A load balancer creation or removal propagating.
    private(set) var propagating = ConditionTracker()
    /// The load balancer's view of each host's apiserver (masters only used).
    private(set) var backends: [BackendHealth]
    /// Each master's backend lane; -1 for other hosts.
    private(set) var backendLanes: [Int]
    private(set) var routing = LoadBalancerRouting()
    private(set) var serviceEndpoints: KubernetesServiceEndpoints
    private(set) var serviceLane: Int
    /// Each client class's cached DNS answer: a resolver's cache is the client's own.
    private(set) var dns: [DNSRoundRobin]
    /// The client classes (`AccessSettings.population`), in order.
    private(set) var clients: [ClientClassState]

    /// Crash faults in force on each host's keepalived and HAProxy, and on
    /// its kube-vip in BGP mode (`Mode.bgp`).
    private(set) var keepalivedCrashHolds: [Int]
    private(set) var haproxyCrashHolds: [Int]
    private(set) var bgpSpeakerCrashHolds: [Int]
    /// Each master's kube-vip route check in BGP mode (`KubeVipRouteCheck`),
    /// when `bgp.controlPlaneHealthCheck` is set.
    private(set) var routeChecks: [KubeVipRouteCheck]
    /// Each master's keepalived `vrrp_script`, and whether its keepalived
    /// ran when the virtual IP last followed the hosts (to tell one that
    /// starts from one that was running).
    private(set) var vrrpScripts: [VRRPScriptState]
    private(set) var keepalivedRan: [Bool]

    /// Whether the load balancer's health-check loop runs for each host.
    private(set) var healthChecked: [Bool]
    /// Load balancer outage faults in force; never below zero.
    private(set) var loadBalancerOutageHolds = 0
    /// Client requests in flight by id; a request leaves when it ends, so
    /// memory follows the requests outstanding, not the run's length.
    /// Looked up, never iterated.
    private(set) var apiRequests: [Int: APIRequest] = [:]
    private(set) var nextAPIRequest = 0
    /// The virtual IP (`Mode.virtualIP`); held by no one otherwise.
    private(set) var virtualIP: VirtualIP
    /// The virtual IP's lane; -1 without one.
    private(set) var virtualIPLane = -1
    /// Each master's HAProxy's round-robin position (`Mode.virtualIP`).
    private(set) var roundRobin: [Int]
    /// The NLB's DNS answer (`Mode.networkLoadBalancer`).
    private(set) var nlb: NetworkLoadBalancer
    /// The NLB's DNS lane; -1 without an NLB.
    private(set) var nlbLane = -1

    /// The established cluster's access, its lanes registered on `recording`
    /// in the order the timeline has always listed them.
    init(
        topology: Topology, loadBalancerStream: RandomStreams.StreamID, probeStream: RandomStreams.StreamID,
        clientStreams: [RandomStreams.StreamID], outside: Int, recording: inout Recording
    ) {
        let hosts = topology.hosts
        let access = topology.access
        self.loadBalancerStream = loadBalancerStream
        self.probeStream = probeStream
        carriesClient = topology.carriesClient
        clients = zip(access.population, clientStreams).map { settings, stream in
            ClientClassState(settings: settings, stream: stream, endpoints: topology.clientHosts(settings) ?? Array(repeating: outside, count: settings.count))
        }
        let initialMasters = hosts.filter { $0.role == .master && $0.initiallyProvisioned }.map(\.id)
        endpoint = ExternalEndpoint(masters: initialMasters)
        endpoint.hostNames = hosts.map(\.name)
        // The load balancer of an established cluster sees its backends healthy;
        // one added later starts unhealthy until it passes healthyThreshold checks.
        // Without a health check a target pool sends to every instance in it
        // from the moment it is added: the backend is healthy and stays so.
        backends = hosts.map {
            BackendHealth(
                settings: access.healthCheck ?? .gcp,
                initiallyHealthy: $0.initiallyProvisioned || access.healthCheck == nil)
        }
        healthChecked = Array(repeating: false, count: hosts.count)
        roundRobin = Array(repeating: 0, count: hosts.count)
        keepalivedCrashHolds = Array(repeating: 0, count: hosts.count)
        haproxyCrashHolds = Array(repeating: 0, count: hosts.count)
        bgpSpeakerCrashHolds = Array(repeating: 0, count: hosts.count)
        routeChecks = hosts.map { KubeVipRouteCheck(runningAndAnnounced: $0.role == .master && $0.initiallyProvisioned) }
        vrrpScripts = Array(repeating: VRRPScriptState(), count: hosts.count)
        keepalivedRan = hosts.map { $0.role == .master && $0.initiallyProvisioned && access.electsVirtualIPByVRRP }
        // The VRRP election's winner among the masters up as the run starts
        // holds the address (`World.vrrpWinner`): the first master, configured
        // `state MASTER`, unless the priorities say otherwise. kube-vip's
        // holder is its Lease's, settled with the leases (`World.bootstrapLeases`).
        let vrrpWinner = access.virtualIP.winner(
            among: hosts.filter { $0.role == .master && $0.initiallyProvisioned }.map(\.id),
            firstMaster: hosts.first { $0.role == .master }?.id)
        let holder = access.electsVirtualIPByVRRP ? vrrpWinner : nil
        virtualIP = VirtualIP(holder: holder)
        // Every zone is enabled: CAPA gives its load balancer one subnet in
        // each zone of the cluster's subnets (pkg/cloud/services/elb/
        // loadbalancer.go, getAPIServerLBSpec). The established cluster's
        // targets are healthy.
        let zonesHealthy = NetworkLoadBalancer.zonesWithTargets(
            zones: topology.zones.count, crossZone: access.nlb.crossZone,
            targets: hosts.filter { $0.role == .master && $0.initiallyProvisioned }.map(\.zone))
        nlb = NetworkLoadBalancer(healthy: zonesHealthy)
        serviceEndpoints = KubernetesServiceEndpoints(reconciler: access.serviceReconciler, initial: initialMasters)
        let ttl: SimDuration
        if case .dns(let configured) = access.mode { ttl = configured } else { ttl = .seconds(30) }
        dns = Array(repeating: DNSRoundRobin(ttl: ttl), count: access.population.count)
        endpointLane = recording.register("external-ip", state: nil)
        backendLanes = hosts.map { host in
            host.role == .master ? recording.register("lb-backend/\(host.name)", state: host.initiallyProvisioned ? "healthy" : nil) : -1
        }
        if access.usesVirtualIP {
            virtualIPLane = recording.register("virtual-ip", state: holder.map { "on \(hosts[$0].name)" } ?? "no holder")
        }
        if access.usesNetworkLoadBalancer {
            nlbLane = recording.register("nlb-dns", state: nlb.answerName(zones: topology.zones))
        }
        let endpoints = serviceEndpoints
        serviceLane = recording.register(
            "kubernetes-service",
            state: endpoints.routesThroughExternalIP
                ? "external-ip" : endpoints.endpoints.map { hosts[$0].name }.joined(separator: ","))
    }

    /// A client class's state, to change through its own methods.
    subscript(client index: Int) -> ClientClassState {
        get { clients[index] }
        _modify { yield &clients[index] }
    }

    /// Whether some class's client has a request failing now (its probe's
    /// outage holds): the fast path of downtime attribution.
    var anyClientFailing: Bool { clients.indices.contains { clients[$0].probe.outage.holds } }

    /// The load balancer's view of `host`'s apiserver, to change through its own methods.
    subscript(backend host: Int) -> BackendHealth {
        get { backends[host] }
        _modify { yield &backends[host] }
    }

    // MARK: The external endpoint, changed through its own methods (the GCE
    // procedure's steps come from Operations, its transitions from here).

    mutating func advanceEndpoint(to now: SimInstant) { endpoint.advance(to: now) }

    /// The masters changed; a creation or removal this starts draws its
    /// propagation from the load balancer's stream. Returns when the next
    /// transition is due.
    mutating func mastersChanged(
        to masters: [Int], at now: SimInstant, propagation: Distribution,
        random: inout RandomStreams
    ) -> SimInstant? {
        endpoint.mastersChanged(to: masters, at: now, propagation: propagation, stream: &random[loadBalancerStream])
    }

    mutating func takeEndpointTransitions() -> [ExternalEndpoint.Transition] { endpoint.takeTransitions() }

    mutating func detachIP(at now: SimInstant) { endpoint.detachIP(at: now) }

    mutating func setPool(_ hosts: [Int], at now: SimInstant) { endpoint.setPool(hosts, at: now) }

    mutating func attachIP(to host: Int, at now: SimInstant) { endpoint.attachIP(to: host, at: now) }

    /// The forwarding rule is created; its propagation is drawn whether or
    /// not the endpoint is in the state to take it, as the scripts' step runs.
    mutating func createForwardingRule(at now: SimInstant, propagation: Distribution, random: inout RandomStreams) {
        endpoint.createForwardingRule(at: now, propagation: propagation.sample(&random[loadBalancerStream]))
    }

    /// The forwarding rule's deletion starts (kube-down with one replica left).
    mutating func deleteForwardingRule(at now: SimInstant, propagation: Distribution, random: inout RandomStreams) {
        endpoint.deleteForwardingRule(at: now, propagation: propagation.sample(&random[loadBalancerStream]))
    }

    /// The propagation recorder follows the endpoint: a load balancer
    /// creation or removal (or the scripts' forwarding rule) propagating.
    mutating func followPropagation(at now: SimInstant) {
        switch endpoint.state {
        case .creatingLoadBalancer, .removingLoadBalancer, .forwardingRulePropagating, .forwardingRuleDeleting:
            propagating.set(true, at: now)
        default:
            propagating.set(false, at: now)
        }
    }

    /// The load balancer picks one of `candidates` for a new connection.
    mutating func route(_ candidates: [LoadBalancerBackend], stream: inout RandomStream) -> LoadBalancerRouting.Outcome {
        // The load balancer forwards from outside the zones; the dial
        // itself decides whether the backend answers.
        routing.route(candidates, isAlive: { _ in true }, stream: &stream)
    }

    /// A client of class `client` resolves the API's name (DNS mode).
    mutating func resolve(client: Int, at now: SimInstant, live records: [Int], stream: inout RandomStream) -> Int? {
        dns[client].target(at: now, live: records, stream: &stream)
    }

    /// An apiserver's reconcile was answered; true when it rewrote the endpoints.
    mutating func apiserverReconciled(host: Int, at now: SimInstant) -> Bool {
        serviceEndpoints.apiserverReconciled(host: host, at: now)
    }

    /// The apiserver on `host` shut down gracefully: its pre-shutdown hook
    /// removed it from the `kubernetes` service (RemoveEndpoints).
    mutating func apiserverStopped(host: Int, at now: SimInstant) -> Bool {
        serviceEndpoints.apiserverStopped(host: host, at: now)
    }

    /// Whether a request sent to the apiserver on `host` is still in flight.
    func hasRequestInFlight(to host: Int) -> Bool { apiRequests.values.contains { $0.apiServer == host } }

    /// The apiserver count the `master-count` reconciler is told.
    mutating func setAPIServerCount(_ count: Int) { serviceEndpoints.setAPIServerCount(count) }

    /// Whether the load balancer forwards: no outage fault holds it.
    var loadBalancerForwards: Bool { loadBalancerOutageHolds == 0 }

    /// A load balancer outage fault starts (+1) or ends (-1).
    mutating func changeLoadBalancerOutage(by delta: Int) {
        loadBalancerOutageHolds += delta
        precondition(loadBalancerOutageHolds >= 0, "a load balancer outage ended that never started")
    }

    /// A crash fault on `host`'s keepalived (or, `haproxy`, its HAProxy) starts (+1) or ends (-1).
    mutating func changeCrash(haproxy: Bool, host: Int, by delta: Int) {
        if haproxy { haproxyCrashHolds[host] += delta } else { keepalivedCrashHolds[host] += delta }
        precondition(haproxyCrashHolds[host] >= 0 && keepalivedCrashHolds[host] >= 0, "a crash ended that never started")
    }

    /// A crash fault on `host`'s kube-vip in BGP mode starts (+1) or ends (-1).
    mutating func changeBGPSpeakerCrash(host: Int, by delta: Int) {
        bgpSpeakerCrashHolds[host] += delta
        precondition(bgpSpeakerCrashHolds[host] >= 0, "a crash ended that never started")
    }

    /// Counts one of `host`'s kube-vip route checks; true when it withdrew or announced the route.
    mutating func recordRouteCheck(_ host: Int, healthy: Bool, threshold: Int) -> Bool {
        routeChecks[host].record(healthy: healthy, threshold: threshold)
    }

    /// `host`'s kube-vip is not running: its route check loop is gone.
    mutating func routeCheckStopped(_ host: Int) { routeChecks[host].stopped() }

    /// Counts one run of `host`'s `vrrp_script`; true when its state changed.
    mutating func recordVRRPScript(_ host: Int, passed: Bool, settings: VRRPScriptSettings) -> Bool {
        vrrpScripts[host].record(passed: passed, settings: settings)
    }

    /// Notes which keepalived instances run now; returns those that started.
    mutating func noteKeepalivedRunning(_ running: [Bool]) -> [Bool] {
        defer { keepalivedRan = running }
        let started = zip(running, keepalivedRan).map { $0 && !$1 }
        // A keepalived that starts runs its script afresh.
        for host in running.indices where started[host] { vrrpScripts[host] = VRRPScriptState() }
        return started
    }

    /// Starts the health-check loop of `host`; false when it already runs.
    mutating func startHealthChecks(_ host: Int) -> Bool {
        guard !healthChecked[host] else { return false }
        healthChecked[host] = true
        return true
    }

    /// The host left the pool: its loop ends.
    mutating func stopHealthChecks(_ host: Int) { healthChecked[host] = false }

    /// Changes the virtual IP through its own methods.
    @discardableResult
    mutating func changeVirtualIP<Result>(_ change: (inout VirtualIP) -> Result) -> Result { change(&virtualIP) }

    /// The zones with a target to send to changed, or may have: DNS follows.
    /// Returns the answer's name when it changed, for the lane.
    mutating func followNetworkLoadBalancer(healthy: [Bool], zones: [String], at now: SimInstant) -> String? {
        nlb.follow(healthy: healthy, at: now) ? nlb.answerName(zones: zones) : nil
    }

    /// The next server of `holder`'s HAProxy in round robin over `servers`.
    mutating func nextRoundRobin(holder: Int, over servers: [Int]) -> Int {
        defer { roundRobin[holder] &+= 1 }
        return servers[roundRobin[holder] % servers.count]
    }

    /// The next client request's id.
    mutating func newRequestID() -> Int {
        defer { nextAPIRequest += 1 }
        return nextAPIRequest
    }

    mutating func track(_ request: APIRequest, id: Int) { apiRequests[id] = request }

    /// The apiserver wrote request `id` through `member`.
    mutating func setEtcdMember(_ member: Int, of id: Int) { apiRequests[id]?.etcdMember = member }

    /// The apiserver sent request `id` to etcd on its silent connection to `member` (`EtcdClient`).
    mutating func setSilentEtcdMember(_ member: Int, of id: Int) { apiRequests[id]?.silentEtcdMember = member }

    /// The requests waiting on the silent connection from the apiserver on
    /// `host` to etcd member `member`, in request order.
    func requestsOnSilentEtcdLink(host: Int, member: Int) -> [Int] {
        apiRequests.filter { $0.value.apiServer == host && $0.value.silentEtcdMember == member }.keys.sorted()
    }

    /// Request `id` ended; returns it if it was still in flight.
    mutating func finish(_ id: Int) -> APIRequest? { apiRequests.removeValue(forKey: id) }

    /// A frozen control plane stood still for `span`: the times it holds
    /// (connections' last frames, the DNS answer's and the endpoint leases'
    /// expiries, the requests' send times) move `span` later, so that no
    /// timeout fires and no latency counts that time; only the client
    /// classes in `frozen` stood still with it (the others ran on).
    mutating func delayHeldTimes(by span: SimDuration, of frozen: Set<Int>) {
        for index in clients.indices where frozen.contains(index) { clients[index].delayHeldTimes(by: span) }
        for index in dns.indices { dns[index].delayExpiry(by: span) }
        serviceEndpoints.delayExpiries(by: span)
        virtualIP.delayHeldTimes(by: span)
        nlb.delayHeldTimes(by: span)
        apiRequests = apiRequests.mapValues { request in
            guard frozen.contains(request.clientClass) else { return request }
            var request = request
            request.sent = request.sent + span
            return request
        }
    }

    /// The fast-forward skipped `span` of quiet time.
    mutating func skip(_ span: SimDuration) {
        propagating.skip(span)
        for index in clients.indices { clients[index].skip(span) }
    }

    /// Closes the recorders' open stretches at the run's end.
    mutating func finish(at end: SimInstant) {
        propagating.finish(at: end)
        for index in clients.indices { clients[index].finish(at: end) }
    }
}
