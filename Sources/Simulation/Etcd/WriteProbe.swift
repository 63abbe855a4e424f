import SimKernel

/// A client writing to etcd at a steady rate, as an SLO probe does: each write
/// goes to the next member in turn (clientv3's round-robin balancer) and
/// succeeds when that member applies it.
///
/// Only writes not yet judged are kept, by id: memory follows the writes
/// outstanding (at most the rate times the timeout), not the run's length.
struct WriteProbe {
    struct Write {
        var member: Int
        var sent: SimInstant
    }

    /// Writes waiting for their outcome; looked up, never iterated.
    private(set) var pending: [Int: Write] = [:]
    /// Writes sent so far; the next write's id.
    private(set) var sent = 0
    private(set) var failed = 0
    private(set) var latencies = LatencyRecord()

    var succeeded: Int { latencies.count }

    /// Sends a write to `member`; returns its id.
    mutating func send(to member: Int, at time: SimInstant) -> Int {
        let id = sent
        sent += 1
        pending[id] = Write(member: member, sent: time)
        return id
    }

    /// Adds `times` more quiet windows like the one that sent `windowSent`
    /// writes with these latencies; ids stay unique, as `sent` only grows.
    mutating func repeatWindow(sent windowSent: Int, latencies since: LogLinearHistogram, times: Int) {
        sent += windowSent * times
        latencies.repeatSamples(since: since, times: times)
    }

    /// The member write `id` was sent to, while it waits.
    func member(of id: Int) -> Int? { pending[id]?.member }

    /// Judges write `id`; a write already judged is left as it was.
    mutating func resolve(_ id: Int, succeeded: Bool, at time: SimInstant) {
        guard let write = pending.removeValue(forKey: id) else { return }
        if succeeded { latencies.add(time - write.sent) } else { failed += 1 }
    }

    /// Moves the send time of every write in flight `span` later (a frozen
    /// control plane), so that its latency leaves out that time.
    mutating func delaySends(by span: SimDuration) {
        pending = pending.mapValues { Write(member: $0.member, sent: $0.sent + span) }
    }
}
