import SimKernel

/// Picks the backend for each request reaching the load balancer, and counts
/// what happened to the requests.
///
/// A request goes to a backend drawn uniformly among those the load balancer
/// considers healthy. When none is healthy, GCP's target pool spreads traffic
/// over all its instances: "traffic will be directed back to the primary pool
/// in the 'force' mode, where traffic will be spread to the healthy instances
/// with the best effort, or to all instances when no instance is healthy"
/// (Compute Engine API, TargetPool.backupPool). AWS load balancers fail open in
/// the same way ("If a target group contains only unhealthy registered targets,
/// the load balancer routes requests to all those targets", ELB target group
/// health checks). `dropWhenNoneHealthy` models a load balancer that refuses
/// instead.
///
/// A request sent to a backend that is in fact dead fails: this is counted as
/// "sent to a dead backend", the cost of health-check lag.
public struct LoadBalancerRouting: Hashable, Sendable {
    /// What happens to one request.
    public enum Outcome: Hashable, Sendable {
        /// Reached a live backend.
        case served(by: Int)
        /// Sent to a backend that is dead; the request fails.
        case sentToDeadBackend(Int)
        /// No backend registered, or none healthy and the policy drops.
        case dropped
    }

    /// Refuse requests when no backend is healthy, instead of GCP's and AWS's
    /// spreading over all of them.
    public var dropWhenNoneHealthy: Bool
    public private(set) var requests = 0
    public private(set) var served = 0
    public private(set) var sentToDeadBackend = 0
    public private(set) var dropped = 0
    /// Requests spread over all backends because none was healthy.
    public private(set) var failedOpen = 0

    public init(dropWhenNoneHealthy: Bool = false) {
        self.dropWhenNoneHealthy = dropWhenNoneHealthy
    }

    /// The backends a new connection may be sent to: the healthy ones, or
    /// all of them when none is healthy (a GCP target pool or an AWS NLB
    /// "fails open") unless the balancer drops instead.
    public static func eligible(_ backends: [LoadBalancerBackend], dropWhenNoneHealthy: Bool) -> [LoadBalancerBackend] {
        let healthy = backends.filter(\.health.isHealthy)
        return healthy.isEmpty && !dropWhenNoneHealthy ? backends : healthy
    }

    /// Routes one request. `isAlive` says whether a host really serves. The
    /// stream is drawn from once per routed request, whatever the candidates,
    /// so the same seed gives the same sequence of picks.
    public mutating func route(
        _ backends: [LoadBalancerBackend], isAlive: (Int) -> Bool, stream: inout RandomStream
    ) -> Outcome {
        requests += 1
        let candidates = Self.eligible(backends, dropWhenNoneHealthy: dropWhenNoneHealthy)
        if candidates.count > 0 && !backends.contains(where: \.health.isHealthy) { failedOpen += 1 }
        if candidates.isEmpty {
            dropped += 1
            return .dropped
        }
        let host = candidates[Int(stream.nextInt(below: UInt64(candidates.count)))].host
        if isAlive(host) {
            served += 1
            return .served(by: host)
        }
        sentToDeadBackend += 1
        return .sentToDeadBackend(host)
    }
}
