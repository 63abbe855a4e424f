import SimKernel

/// The Access subsystem's own counters and tables that no pure model of the
/// folder holds: which backends the load balancer probes, the load balancer
/// outage faults in force, the client requests in flight, and the outside requests that met a dead
/// backend. Fields are `private(set)`; faults
/// change only the outage holds, through `changeLoadBalancerOutage`.
struct AccessBookkeeping {
    /// Whether the load balancer's health-check loop runs for each host.
    private(set) var healthChecked: [Bool]
    /// Load balancer outage faults in force; never below zero.
    private(set) var loadBalancerOutageHolds = 0
    /// Client requests in flight by id; a request leaves when it ends, so
    /// memory follows the requests outstanding, not the run's length.
    /// Looked up, never iterated.
    private(set) var apiRequests: [Int: APIRequest] = [:]
    private(set) var nextAPIRequest = 0
    /// Outside requests that met a dead or unreachable apiserver: a refused
    /// or silent dial, or a request on a connection pinned to one.
    private(set) var deadBackendRequests = 0

    init(hostCount: Int) {
        healthChecked = Array(repeating: false, count: hostCount)
    }

    /// Whether the load balancer forwards: no outage fault holds it.
    var loadBalancerForwards: Bool { loadBalancerOutageHolds == 0 }

    /// A load balancer outage fault starts (+1) or ends (-1).
    mutating func changeLoadBalancerOutage(by delta: Int) {
        loadBalancerOutageHolds += delta
        precondition(loadBalancerOutageHolds >= 0, "a load balancer outage ended that never started")
    }

    /// Starts the health-check loop of `host`; false when it already runs.
    mutating func startHealthChecks(_ host: Int) -> Bool {
        guard !healthChecked[host] else { return false }
        healthChecked[host] = true
        return true
    }

    /// The host left the pool: its loop ends.
    mutating func stopHealthChecks(_ host: Int) { healthChecked[host] = false }

    /// The next client request's id.
    mutating func newRequestID() -> Int {
        defer { nextAPIRequest += 1 }
        return nextAPIRequest
    }

    mutating func track(_ request: APIRequest, id: Int) { apiRequests[id] = request }

    /// The apiserver wrote request `id` through `member`.
    mutating func setMember(_ member: Int, of id: Int) { apiRequests[id]?.member = member }

    /// Request `id` ended; returns it if it was still in flight.
    mutating func finish(_ id: Int) -> APIRequest? { apiRequests.removeValue(forKey: id) }

    mutating func countDeadBackendRequest() { deadBackendRequests += 1 }

    /// Moves the send time of every request in flight `span` later (a
    /// frozen control plane), so that its latency leaves out that time.
    mutating func delayRequests(by span: SimDuration) {
        apiRequests = apiRequests.mapValues { request in
            var request = request
            request.sent = request.sent + span
            return request
        }
    }
}
