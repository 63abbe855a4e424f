import SimKernel

/// A client writing to etcd at a steady rate, as an SLO probe does: each write
/// goes to the next member in turn (clientv3's round-robin balancer) and
/// succeeds when that member applies it.
struct WriteProbe {
    enum Outcome { case pending, succeeded, failed }

    struct Write {
        var member: Int
        var sent: SimInstant
        var outcome: Outcome
    }

    var writes: [Write] = []
    var latencies = LatencyRecord()

    var succeeded: Int { latencies.count }
    var failed: Int { writes.count { $0.outcome == .failed } }

    mutating func resolve(_ id: Int, succeeded: Bool, at time: SimInstant) {
        guard writes[id].outcome == .pending else { return }
        writes[id].outcome = succeeded ? .succeeded : .failed
        if succeeded { latencies.add(time - writes[id].sent) }
    }
}
