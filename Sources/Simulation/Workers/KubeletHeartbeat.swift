import SimKernel

/// One kubelet's node lease renewals (k8s.io/component-helpers/apimachinery/
/// lease/controller.go, as the kubelet runs it): an attempt every renew
/// interval plus jitter while renewals succeed; after a failure, attempts
/// back off from 200 ms, doubling to 7 s, until one succeeds
/// (`backoffEnsureLease`, then `retryUpdateLease`); then the interval again.
///
/// The attempts form a sequence fixed by the node's jitter key and by
/// whether the kubelet's path to an apiserver that can write was open at
/// each of them. The path only changes at events, so the World can run
/// the attempts lazily (`advance`), when a path changes or something reads
/// the lease, with the same outcome as an event per attempt
/// (docs/WORKERS.md, "Heartbeats").
struct KubeletHeartbeat {
    /// The next attempt.
    private(set) var nextAttempt: SimInstant
    /// Attempts made so far: the jitter of each is a hash of the node's key
    /// and this count, so it needs no stream draw in either model.
    private(set) var attempts: UInt64 = 0
    /// Consecutive failed attempts: the backoff exponent.
    private(set) var failures = 0
    /// The renewTime of the last successful renewal.
    private(set) var lastRenewal: SimInstant?
    /// The last attempt made: on a backend that answers, its response is
    /// the last frame the kubelet's connection heard.
    private(set) var lastAttempt: SimInstant?
    private(set) var renewals = 0
    private(set) var failedAttempts = 0
    /// Whether the kubelet's requests reach an apiserver that can write:
    /// the World sets it from the host, the network and the control plane.
    var pathOpen = true
    let jitterKey: UInt64

    init(firstAttempt: SimInstant, jitterKey: UInt64, lastRenewal: SimInstant?) {
        nextAttempt = firstAttempt
        self.jitterKey = jitterKey
        self.lastRenewal = lastRenewal
    }

    /// The attempt in flight failed at `time` and the controller tries again
    /// at once; false when the next attempt is due no later anyway.
    mutating func retry(at time: SimInstant) -> Bool {
        guard nextAttempt > time else { return false }
        nextAttempt = time
        return true
    }

    /// Runs every attempt due by `time` (inclusive) with the current path.
    mutating func advance(to time: SimInstant, settings: KubeletSettings) {
        while nextAttempt <= time { attempt(settings) }
    }

    /// One attempt at `nextAttempt`.
    mutating func attempt(_ settings: KubeletSettings) {
        let at = nextAttempt
        attempts &+= 1
        lastAttempt = at
        if pathOpen {
            lastRenewal = at
            renewals += 1
            failures = 0
            var mix = SplitMix64(state: jitterKey ^ (attempts &* 0x9E37_79B9_7F4A_7C15))
            let unit = Double(mix.next() >> 11) * 0x1p-53
            let jitter = SimDuration(seconds: settings.renewInterval.seconds * settings.renewJitter * unit)
            nextAttempt = at + settings.renewInterval + jitter
        } else {
            failedAttempts += 1
            let doubling = min(failures, 16)
            failures += 1
            let backoff = SimDuration(nanoseconds: settings.retryBackoffStart.nanoseconds << Int64(doubling))
            nextAttempt = at + min(backoff, settings.retryBackoffCap)
        }
    }
}
