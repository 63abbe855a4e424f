import SimKernel

/// The rate limit of one kube-controller-manager client: client-go
/// util/flowcontrol throttle.go `NewTokenBucketRateLimiter(qps, burst)`, which
/// every clientset built without a limiter of its own gets (client-go
/// kubernetes/clientset.go `NewForConfigAndClient`). Each request calls
/// `Accept`, which is x/time/rate `Wait`: it blocks until the bucket grants
/// the request a token, so calls made one after another go at `qps` once the
/// `burst` tokens of a full bucket are spent.
///
/// The defaults are kube-controller-manager's `--kube-api-qps` 20 and
/// `--kube-api-burst` 30 (pkg/controller/apis/config/v1alpha1/defaults.go
/// `SetDefaults_KubeControllerManagerConfiguration`, which overrides
/// component-base's 50/100).
///
/// Kept, like `TokenBucket`, as the instant the bucket is full again, in
/// integer nanoseconds: the bucket holds `burst - (full - now) / interval`
/// tokens. A grant can lie in the future: that is a call waiting in `Wait`.
public struct APIClientBudget: Hashable, Sendable {
    public let qps: Double
    public let burst: Int
    /// Time per token: 50 ms at 20 QPS.
    public let interval: SimDuration
    /// The instant at which the bucket is full again; at or before now: full.
    private var fullAt: SimInstant = .start

    public init(qps: Double, burst: Int) {
        precondition(qps > 0 && burst >= 1, "a client budget needs a positive rate and burst")
        self.qps = qps
        self.burst = burst
        interval = SimDuration.period(perSecond: qps)
    }

    /// `calls` requests made one after another from `now`: each waits for its
    /// token. Returns the instant the last one is granted (`now` when the
    /// bucket holds them all; `now` for no call).
    @discardableResult
    public mutating func take(_ calls: Int, at now: SimInstant) -> SimInstant {
        guard calls > 0 else { return now }
        let start = max(fullAt, now)
        fullAt = start + interval * Int64(calls)
        // The last call is granted when the bucket, refilling, has one token
        // left to give: burst - 1 intervals before it is full again.
        return max(now, fullAt - interval * Int64(burst))
    }

    /// `calls` requests granted at once although a long run of calls already
    /// waits on the bucket: that run's requests are made by a few workers one
    /// at a time, so a request from another goroutine waits behind a handful
    /// of them (taken as none) and the run ends `calls` tokens later.
    public mutating func takeAlongside(_ calls: Int, at now: SimInstant) {
        guard calls > 0 else { return }
        fullAt = max(fullAt, now) + interval * Int64(calls)
    }

    /// Whether the bucket holds all its tokens: no call waits, none is owed.
    public func isFull(at now: SimInstant) -> Bool { fullAt <= now }

    /// The instant a call made now would be granted.
    public func nextGrant(at now: SimInstant) -> SimInstant {
        max(now, max(fullAt, now) + interval - interval * Int64(burst))
    }
}
