import SimKernel

/// kube-vip's optional control-plane health check in BGP mode
/// (`--controlPlaneHealthCheckAddress`, off by default): a loop on every
/// master that GETs the local apiserver's health URL every `period`, each
/// request with `timeout`, and withdraws the master's BGP route after
/// `failureThreshold` failures in a row; the first success announces it
/// again (kube-vip/kube-vip `pkg/cluster/service.go` `bgpHealthCheckLoop`;
/// the defaults `--controlPlaneHealthCheckPeriodSeconds` 5,
/// `--controlPlaneHealthCheckTimeoutSeconds` 3 and
/// `--controlPlaneHealthCheckFailureThreshold` 3 in `cmd/kube-vip.go`).
/// Without it a master whose apiserver died keeps its route while its
/// kube-vip runs, and the router keeps sending it new flows.
public struct KubeVipRouteCheckSettings: Hashable, Sendable {
    public var period: SimDuration = .seconds(5)
    public var timeout: SimDuration = .seconds(3)
    public var failureThreshold = 3

    public init() {}

    /// Every problem with the settings, as sentences.
    public var problems: [String] {
        var result: [String] = []
        if period <= .zero { result.append("bgp.controlPlaneHealthCheck.period must be positive, got \(period)") }
        if timeout <= .zero { result.append("bgp.controlPlaneHealthCheck.timeout must be positive, got \(timeout)") }
        if failureThreshold < 1 { result.append("bgp.controlPlaneHealthCheck.failureThreshold must be at least 1, got \(failureThreshold)") }
        return result
    }
}

/// One master's kube-vip route check: whether it announces its route, and
/// the failures in a row since the last success. Only its own methods change it.
struct KubeVipRouteCheck: Hashable, Sendable {
    /// Whether kube-vip's loop runs (its process and host run).
    private(set) var running: Bool
    private(set) var announced: Bool
    private(set) var failures = 0

    /// A master of the cluster as the run starts runs and announces; one
    /// added later announces after its first passing check.
    init(runningAndAnnounced: Bool) {
        running = runningAndAnnounced
        announced = runningAndAnnounced
    }

    /// Counts one check; true when the route was withdrawn or announced.
    /// The loop withdraws only an announced route and announces at the
    /// first success (`bgpHealthCheckLoop`).
    mutating func record(healthy: Bool, threshold: Int) -> Bool {
        running = true
        if healthy {
            failures = 0
            guard !announced else { return false }
            announced = true
            return true
        }
        failures += 1
        guard announced, failures >= threshold else { return false }
        announced = false
        return true
    }

    /// kube-vip stopped (its process or its host): the loop is gone, and a
    /// new one starts with nothing announced.
    mutating func stopped() {
        running = false
        announced = false
        failures = 0
    }

    /// Whether the next checks may change the route: an announced route
    /// counting failures, or a running loop that has not announced yet.
    var changing: Bool { running && (announced ? failures > 0 : true) }
}
