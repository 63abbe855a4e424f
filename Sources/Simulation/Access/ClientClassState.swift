import SimKernel

/// What one client class (`ClientClass`) has done so far: its probe (the
/// requests and their outcomes, as an SLO prober counts them), each client's
/// connection, and its requests that met a dead backend. Owned by `Access`;
/// changed only through its own methods and those of the probe and the
/// connections it holds.
struct ClientClassState {
    let settings: ClientClass
    /// Draws for this class's picks (the load balancer's, kube-proxy's, DNS
    /// answers): the two probes of old share `access/probes`, every other
    /// class has a stream of its own, so adding a class moves no other draw.
    let stream: RandomStreams.StreamID
    /// The network endpoint each client sends from (`Network.outside` for
    /// outside clients, a host id otherwise).
    let endpoints: [Int]
    /// Time between two requests of one client.
    let interval: SimDuration
    private(set) var probe = ClientProbe()
    /// One per client for long-lived and keep-alive classes; none for
    /// per-request ones, which dial anew for every request.
    private(set) var connections: [ClientConnection]
    /// Requests that met a dead or unreachable apiserver: a refused or
    /// silent dial, or a request on a connection pinned to one.
    private(set) var deadBackendRequests = 0
    /// Requests of a per-request class that failed at the dial (no address,
    /// a refused or silent connection, a pick of a dead backend): with the
    /// state settled, each of its requests fails so with the same chance,
    /// which the fast-forward repeats as a rate (World+SteadyClientFailures).
    private(set) var dialFailures = 0

    init(settings: ClientClass, stream: RandomStreams.StreamID, endpoints: [Int]) {
        self.settings = settings
        self.stream = stream
        self.endpoints = endpoints
        interval = settings.rate > 0 ? SimDuration.period(perSecond: settings.rate) : .zero
        connections = settings.connection == .perRequest ? [] : Array(repeating: ClientConnection(), count: endpoints.count)
    }

    var isActive: Bool { settings.rate > 0 }

    /// When client `member`'s first request goes out: the clients of a
    /// class are spread evenly over one interval, the last at its end (a
    /// single client's first request comes one interval after the start).
    func firstRequest(of member: Int) -> SimDuration {
        SimDuration(nanoseconds: interval.nanoseconds / Int64(endpoints.count) * Int64(member + 1))
    }

    /// Client `member`'s connection, to change through its own methods.
    subscript(connection member: Int) -> ClientConnection {
        get { connections[member] }
        _modify { yield &connections[member] }
    }

    /// A request ended: served or failed at `time`, its latency counted when served.
    mutating func record(served: Bool, latency: SimDuration, at time: SimInstant, propagating: Bool) {
        if served { probe.recordLatency(latency) }
        probe.record(served: served, at: time, propagating: propagating)
    }

    /// Adds `times` more quiet windows like one that made `requests` requests.
    mutating func repeatWindow(requests: Int, latencies: LogLinearHistogram, times: Int) {
        probe.repeatWindow(requests: requests, latencies: latencies, times: times)
    }

    /// A request the fast-forward replayed without events
    /// (World+SteadyClientFailures): failed at its dial, or not.
    mutating func countReplayed(dialFailed: Bool) {
        if dialFailed { dialFailures += 1 }
    }

    mutating func skip(_ span: SimDuration) { probe.skip(span) }

    mutating func finish(at end: SimInstant) { probe.finish(at: end) }

    /// The entity its events name: `client/outside` and `client/in-cluster`
    /// for the two probes, as before client classes, `client/<name>` (and
    /// `/<n>` for one of several clients) for the others.
    func entity(_ member: Int) -> String {
        let base: String
        switch settings.name {
        case ClientClass.externalName: base = "client/outside"
        case ClientClass.inClusterName: base = "client/in-cluster"
        default: base = "client/\(settings.name)"
        }
        return endpoints.count == 1 ? base : "\(base)/\(member)"
    }

    mutating func countDeadBackendRequest() { deadBackendRequests += 1 }

    mutating func countDialFailure() { dialFailures += 1 }

    /// Whether some client's connection is pinned to a silent host.
    var anyPinned: Bool { connections.contains { $0.pinnedSince != nil } }

    /// Connections opened after an earlier one broke, over the class.
    var reconnects: Int { connections.reduce(0) { $0 + $1.reconnects } }

    /// Time pinned to a silent host, summed over the class's clients.
    func pinnedTotal(at end: SimInstant) -> SimDuration {
        connections.reduce(SimDuration.zero) { $0 + $1.pinnedTotal(at: end) }
    }

    mutating func delayHeldTimes(by span: SimDuration) {
        for index in connections.indices { connections[index].delayHeldTimes(by: span) }
    }
}
