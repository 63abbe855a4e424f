import SimKernel

/// A client sending requests at a steady rate, as an SLO probe does: counts
/// successes, and measures outages as the time from the first failed request
/// to the next successful one.
struct ClientProbe {
    private(set) var requests = 0
    private(set) var served = 0
    private(set) var outage = ConditionTracker()
    /// Requests, and served ones, made while a load balancer change propagated.
    private(set) var requestsWhilePropagating = 0
    private(set) var servedWhilePropagating = 0
    /// From sending a request to its write being applied, for served requests.
    private(set) var latencies = LatencyRecord()

    mutating func recordLatency(_ latency: SimDuration) { latencies.add(latency) }

    mutating func record(served ok: Bool, at time: SimInstant, propagating: Bool = false) {
        requests += 1
        if ok { served += 1 }
        if propagating {
            requestsWhilePropagating += 1
            if ok { servedWhilePropagating += 1 }
        }
        outage.set(!ok, at: time)
    }

    mutating func finish(at end: SimInstant) { outage.finish(at: end) }

    /// The fast-forward skipped `span` of quiet time (ConditionTracker.skip).
    mutating func skip(_ span: SimDuration) { outage.skip(span) }

    /// Adds `times` more quiet windows like the one that made `requests`
    /// requests (all served: a quiet window fails none) and these latencies.
    mutating func repeatWindow(requests windowRequests: Int, latencies since: LogLinearHistogram, times: Int) {
        requests += windowRequests * times
        served += windowRequests * times
        latencies.repeatSamples(since: since, times: times)
    }

    var availability: Double { requests == 0 ? .nan : Double(served) / Double(requests) }

    var availabilityWhilePropagating: Double {
        requestsWhilePropagating == 0 ? .nan : Double(servedWhilePropagating) / Double(requestsWhilePropagating)
    }
}
