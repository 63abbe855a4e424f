/// The load balancer's view of one backend: healthy or not, changed only by
/// runs of consecutive probe outcomes reaching the thresholds of its
/// `HealthCheckSettings`.
///
/// "The health status of each backend is determined by a configurable number of
/// consecutive successful or failed probes" (Google Cloud health checks
/// overview). A single failure on a healthy backend therefore changes nothing
/// until `unhealthyThreshold` failures in a row, which is the window in which a
/// dead master keeps receiving requests.
public struct BackendHealth: Hashable, Sendable {
    public let settings: HealthCheckSettings
    public private(set) var isHealthy: Bool
    /// Successes in a row since the last failure.
    public private(set) var consecutiveSuccesses = 0
    /// Failures in a row since the last success.
    public private(set) var consecutiveFailures = 0
    /// Probes recorded so far.
    public private(set) var probes = 0

    /// A backend as the load balancer first sees it. A backend added to a new
    /// load balancer starts unhealthy and receives traffic only after
    /// `healthyThreshold` successful probes: an assumption, conservative. AWS
    /// documents the `initial` state in which a registered target gets no
    /// traffic until it passes health checks (NLB troubleshooting guide: "Your
    /// target is not in service until it passes one health check"); GCP
    /// documents no initial state, so the same rule is applied. A backend of a
    /// load balancer established before the run starts passes `initiallyHealthy:
    /// true`.
    public init(settings: HealthCheckSettings, initiallyHealthy: Bool = false) {
        self.settings = settings
        self.isHealthy = initiallyHealthy
    }

    /// Records one probe's outcome; returns whether the healthy/unhealthy state
    /// changed.
    @discardableResult
    public mutating func record(probeSucceeded: Bool) -> Bool {
        probes += 1
        if probeSucceeded {
            consecutiveSuccesses += 1
            consecutiveFailures = 0
            if !isHealthy && consecutiveSuccesses >= settings.healthyThreshold {
                isHealthy = true
                return true
            }
        } else {
            consecutiveFailures += 1
            consecutiveSuccesses = 0
            if isHealthy && consecutiveFailures >= settings.unhealthyThreshold {
                isHealthy = false
                return true
            }
        }
        return false
    }

    /// The backend is known up at once, without waiting for probes: a
    /// master's kube-vip announced its route again over its BGP session (an
    /// UPDATE, which the router applies as it arrives). Returns whether the
    /// state changed.
    @discardableResult
    public mutating func routeAnnounced() -> Bool {
        consecutiveFailures = 0
        consecutiveSuccesses = settings.healthyThreshold
        guard !isHealthy else { return false }
        isHealthy = true
        return true
    }

    /// The backend is known down at once, without waiting for probes: a
    /// BGP session whose TCP connection the master's kernel closed (its
    /// kube-vip died). Returns whether the state changed.
    @discardableResult
    public mutating func sessionClosed() -> Bool {
        consecutiveSuccesses = 0
        consecutiveFailures = settings.unhealthyThreshold
        guard isHealthy else { return false }
        isHealthy = false
        return true
    }
}
