import SimKernel

/// One kubelet's node lease renewals (k8s.io/component-helpers/apimachinery/
/// lease/controller.go, as the kubelet runs it): an attempt every renew
/// interval plus jitter while renewals succeed. Each request goes through
/// the kubelet's heartbeat client, whose timeout is the node status update
/// frequency capped by the lease duration, 10 s (kubernetes
/// cmd/kubelet/app/server.go, `heartbeatClientConfig.Timeout`): a request
/// that nothing answers fails only then. A request that failed in flight
/// (timed out, or its connection ended under it) is retried at once, up to
/// `maxUpdateRetries` (5) in a row (`retryUpdateLease`), then after waits
/// from 200 ms, doubling to `maxBackoff` (7 s) (`backoffEnsureLease`). A
/// request refused at once backs off from 200 ms directly: its immediate
/// retries would each dial again, which the World does just before the
/// next attempt.
///
/// The attempts form a sequence fixed by the node's jitter key and by
/// the kubelet's path at each of them. The path only changes at events, so
/// the World can run the attempts lazily (`advance`), when a path changes
/// or something reads the lease, with the same outcome as an event per
/// attempt (docs/WORKERS.md, "Heartbeats").
struct KubeletHeartbeat {
    /// The next attempt, or, while a request is in flight, its timeout.
    private(set) var nextAttempt: SimInstant
    /// Attempts made so far: the jitter of each is a hash of the node's key
    /// and this count, so it needs no stream draw in either model.
    private(set) var attempts: UInt64 = 0
    /// Consecutive failed requests: the retry policy's count.
    private(set) var failures = 0
    /// The renewTime of the last successful renewal.
    private(set) var lastRenewal: SimInstant?
    /// The last request answered: on a backend that answers, its response
    /// is the last frame the kubelet's connection heard.
    private(set) var lastAttempt: SimInstant?
    /// When the request in flight on a silent path was sent; it fails at
    /// `nextAttempt` unless the path changes first.
    private(set) var inFlightSince: SimInstant?
    private(set) var renewals = 0
    private(set) var failedAttempts = 0
    /// What the kubelet's requests meet: the World follows it from the
    /// host, the network, the connection and the control plane.
    private(set) var path = KubeletRequestPath.open
    let jitterKey: UInt64

    /// Whether the kubelet's requests reach an apiserver that can write.
    var pathOpen: Bool { path == .open }

    init(firstAttempt: SimInstant, jitterKey: UInt64, lastRenewal: SimInstant?) {
        nextAttempt = firstAttempt
        self.jitterKey = jitterKey
        self.lastRenewal = lastRenewal
    }

    /// The path changes at `time`; the attempts due before it ran with the
    /// old one. A request in flight is answered when the path opens on the
    /// connection it was sent on, and fails when that connection ended or
    /// the path now refuses; on a path still silent it keeps waiting.
    mutating func follow(_ newPath: KubeletRequestPath, connectionEnded: Bool, at time: SimInstant, settings: KubeletSettings) {
        path = newPath
        guard inFlightSince != nil else { return }
        if connectionEnded || newPath == .refused {
            failInFlight(at: time, settings)
        } else if newPath == .open {
            succeed(at: time, settings)
        }
    }

    /// Runs every attempt due by `time` (inclusive) with the current path.
    mutating func advance(to time: SimInstant, settings: KubeletSettings) {
        while nextAttempt <= time { attempt(settings) }
    }

    /// One step at `nextAttempt`: the request in flight times out, or a new
    /// one is sent.
    mutating func attempt(_ settings: KubeletSettings) {
        let at = nextAttempt
        if inFlightSince != nil { return failInFlight(at: at, settings) }
        attempts &+= 1
        switch path {
        case .open:
            succeed(at: at, settings)
        case .refused:
            failedAttempts += 1
            failures += 1
            nextAttempt = at + backoff(step: failures - 1, settings)
        case .silent:
            inFlightSince = at
            nextAttempt = at + settings.requestTimeout
        }
    }

    private mutating func succeed(at time: SimInstant, _ settings: KubeletSettings) {
        inFlightSince = nil
        lastAttempt = time
        lastRenewal = time
        renewals += 1
        failures = 0
        var mix = SplitMix64(state: jitterKey ^ (attempts &* 0x9E37_79B9_7F4A_7C15))
        let unit = Double(mix.next() >> 11) * 0x1p-53
        let jitter = SimDuration(seconds: settings.renewInterval.seconds * settings.renewJitter * unit)
        nextAttempt = time + settings.renewInterval + jitter
    }

    /// retryUpdateLease sends its `maxUpdateRetries` updates one after the
    /// other; after the last, backoffEnsureLease's first GET goes at once
    /// and each later one waits the next backoff step.
    private mutating func failInFlight(at time: SimInstant, _ settings: KubeletSettings) {
        inFlightSince = nil
        failedAttempts += 1
        failures += 1
        let retries = settings.maxUpdateRetries
        nextAttempt = failures <= retries ? time : time + backoff(step: failures - retries - 1, settings)
    }

    private func backoff(step: Int, _ settings: KubeletSettings) -> SimDuration {
        let doubling = Int64(min(max(step, 0), 16))
        return min(SimDuration(nanoseconds: settings.retryBackoffStart.nanoseconds << doubling), settings.retryBackoffCap)
    }
}
