import SimKernel

/// A client sending requests at a steady rate, as an SLO probe does: counts
/// successes, and measures outages as the time from the first failed request
/// to the next successful one.
struct ClientProbe {
    private(set) var requests = 0
    private(set) var served = 0
    private(set) var outage = ConditionTracker()

    mutating func record(served ok: Bool, at time: SimInstant) {
        requests += 1
        if ok { served += 1 }
        outage.set(!ok, at: time)
    }

    mutating func finish(at end: SimInstant) { outage.finish(at: end) }

    var availability: Double { requests == 0 ? .nan : Double(served) / Double(requests) }
}
