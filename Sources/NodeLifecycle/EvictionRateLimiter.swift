import SimKernel

/// A zone queue's rate limiter: client-go util/flowcontrol throttle.go
/// `NewTokenBucketRateLimiter(qps, burst)` (a golang.org/x/time/rate Limiter,
/// asked with `TryAccept` = `AllowN(now, 1)`), or `NewFakeNeverRateLimiter` when
/// the rate is 0 (rate_limited_queue.go `SwapLimiter`).
enum EvictionRateLimiter: Hashable, Sendable {
    case tokenBucket(TokenBucket)
    case never

    init(qps: Double, burst: Int) {
        self = qps > 0 ? .tokenBucket(TokenBucket(qps: qps, burst: burst)) : .never
    }

    /// throttle.go `QPS()`. The never-limiter reports 1, not 0
    /// (fakeNeverRateLimiter.QPS), which `SwapLimiter` compares against.
    var qps: Double {
        switch self {
        case .tokenBucket(let bucket): bucket.qps
        case .never: 1
        }
    }

    /// The rate tokens actually come at: 0 for the never-limiter.
    var effectiveQPS: Double {
        switch self {
        case .tokenBucket(let bucket): bucket.qps
        case .never: 0
        }
    }

    mutating func tryAccept(at now: SimInstant) -> Bool {
        switch self {
        case .tokenBucket(var bucket):
            let accepted = bucket.tryAccept(at: now)
            self = .tokenBucket(bucket)
            return accepted
        case .never:
            return false
        }
    }
}

/// A token bucket of `burst` tokens refilled at `qps` per second, full when
/// created (x/time/rate `NewLimiter`: the first `burst` calls pass at once).
///
/// Kept as a theoretical arrival time in integer nanoseconds instead of
/// x/time/rate's float64 token count, so that the model stays exact: the bucket
/// holds `burst - (tat - now) / interval` tokens, capped at `burst`.
struct TokenBucket: Hashable, Sendable {
    let qps: Double
    let burst: Int
    /// Time per token, to the nanosecond: 10 s at 0.1/s.
    let interval: SimDuration
    /// The instant at which the bucket will be full; nil or past means full.
    private var theoreticalArrival: SimInstant?

    init(qps: Double, burst: Int) {
        precondition(qps > 0 && burst >= 1, "a token bucket needs a positive rate and burst")
        self.qps = qps
        self.burst = burst
        self.interval = SimDuration.period(perSecond: qps)
    }

    /// `AllowN(now, 1)`: take a token if one is there.
    mutating func tryAccept(at now: SimInstant) -> Bool {
        let tat = max(theoreticalArrival ?? now, now)
        if tat - now > interval * Int64(burst - 1) { return false }
        theoreticalArrival = tat + interval
        return true
    }
}
