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
    var latencies: [SimDuration] = []

    var succeeded: Int { latencies.count }
    var failed: Int { writes.count { $0.outcome == .failed } }

    mutating func resolve(_ id: Int, succeeded: Bool, at time: SimInstant) {
        guard writes[id].outcome == .pending else { return }
        writes[id].outcome = succeeded ? .succeeded : .failed
        if succeeded { latencies.append(time - writes[id].sent) }
    }

    /// The nearest-rank quantile of successful write latencies, in seconds.
    func latencyQuantile(_ q: Double) -> Double {
        guard !latencies.isEmpty else { return .nan }
        let sorted = latencies.sorted()
        let rank = Int((q * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1].seconds
    }
}
