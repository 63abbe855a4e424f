import SimKernel

/// How a load balancer probes its backends: a probe every `interval`, failing
/// when no answer comes within `timeout`; a backend turns healthy after
/// `healthyThreshold` consecutive successes and unhealthy after
/// `unhealthyThreshold` consecutive failures.
///
/// The thresholds, not the interval alone, decide how long a dead master keeps
/// receiving requests through the load balancer, which is why they are modelled
/// (DESIGN.md §3 "External access"; FACTS.md "Load balancer and the GCE HA
/// master procedure").
public struct HealthCheckSettings: Hashable, Sendable {
    public var interval: SimDuration
    public var timeout: SimDuration
    public var healthyThreshold: Int
    public var unhealthyThreshold: Int
    /// What a probe asks of the apiserver.
    public var probe: Probe

    /// What a probe must get back to succeed.
    public enum Probe: String, CaseIterable, Hashable, Sendable {
        /// An HTTP(S) GET of `/readyz`: the apiserver must answer ready. The
        /// cloud load balancers' checks and HAProxy's (whose `/healthz`
        /// hasim takes for `/readyz`, docs/ACCESS-SETUPS.md).
        case https
        /// A TCP connect to the apiserver's port: it succeeds as soon as the
        /// process listens, ready or not (the NLB target group's check that
        /// Cluster API AWS creates, `getAPITargetGroupHealthCheck`).
        case tcp
        /// A BGP session's keepalive from the master's kube-vip to the
        /// router (`BGPSettings`): it arrives while the host runs and
        /// kube-vip does, whatever the apiserver's state.
        case bgpSession = "bgp-session"
    }

    public init(interval: SimDuration, timeout: SimDuration, healthyThreshold: Int, unhealthyThreshold: Int, probe: Probe = .https) {
        self.interval = interval
        self.timeout = timeout
        self.healthyThreshold = healthyThreshold
        self.unhealthyThreshold = unhealthyThreshold
        self.probe = probe
    }

    /// GCP legacy HTTP health check defaults, as used by the GCE HA masters'
    /// target pool: check interval 5 s, timeout 5 s, healthy threshold 2,
    /// unhealthy threshold 2 (gcloud compute http-health-checks create
    /// reference; FACTS.md row "health check (GCP legacy)").
    public static let gcp = HealthCheckSettings(
        interval: .seconds(5), timeout: .seconds(5), healthyThreshold: 2, unhealthyThreshold: 2)

    /// AWS Network Load Balancer target group defaults: interval 30 s, timeout
    /// 10 s, unhealthy threshold 2 (AWS target group API, CreateTargetGroup).
    /// The healthy threshold is 3 here, but AWS sources disagree on it (5 in
    /// some, 3 in others), so treat it as uncertain and override it in a
    /// scenario when it matters (FACTS.md row "health check (AWS NLB)").
    public static let awsNLB = HealthCheckSettings(
        interval: .seconds(30), timeout: .seconds(10), healthyThreshold: 3, unhealthyThreshold: 2)

    /// The apiserver target group's check that Cluster API AWS creates for
    /// its NLB: TCP to port 6443, every 5 s, timeout 4 s, healthy after 2
    /// successes, unhealthy after 6 failures
    /// (kubernetes-sigs/cluster-api-provider-aws `api/v1beta2/network_types.go`,
    /// the `DefaultAPIServerHealthCheck*` and `DefaultAPIServer*ThresholdCount`
    /// constants; `pkg/cloud/services/elb/loadbalancer.go`
    /// `getAPITargetGroupHealthCheck`, TCP unless `healthCheckProtocol` asks
    /// for HTTP(S), which then probes `/readyz`).
    public static let clusterAPIAWS = HealthCheckSettings(
        interval: .seconds(5), timeout: .seconds(4), healthyThreshold: 2, unhealthyThreshold: 6, probe: .tcp)

    /// Every problem with the settings, as sentences; empty when they are usable.
    /// GCP refuses a timeout longer than the interval ("timeout must be less
    /// than or equal to check interval", gcloud health-checks reference), and a
    /// threshold below 1 would make a backend change state without any probe.
    public var problems: [String] {
        var result: [String] = []
        if interval <= .zero {
            result.append("health check interval must be positive, got \(interval)")
        }
        if timeout <= .zero {
            result.append("health check timeout must be positive, got \(timeout)")
        }
        if timeout > interval {
            result.append("health check timeout \(timeout) must not exceed the interval \(interval): a probe must end before the next one starts (gcloud health-checks reference)")
        }
        if healthyThreshold < 1 {
            result.append("healthy threshold must be at least 1, got \(healthyThreshold)")
        }
        if unhealthyThreshold < 1 {
            result.append("unhealthy threshold must be at least 1, got \(unhealthyThreshold)")
        }
        return result
    }

    public var isValid: Bool { problems.isEmpty }

    /// The longest a dead backend can stay healthy in the load balancer's view:
    /// it dies just after a probe, the next `unhealthyThreshold` probes start
    /// one interval apart and each fails only at its timeout. GCP: 2 × 5 s + 5 s
    /// = 15 s; AWS NLB: 2 × 30 s + 10 s = 70 s.
    public var worstCaseDeadBackendDetection: SimDuration {
        interval * Int64(unhealthyThreshold) + timeout
    }

    /// The detection delay when probes to the dead backend are refused at once
    /// (process dead, host up): `unhealthyThreshold` intervals at most.
    public var refusedDeadBackendDetection: SimDuration {
        interval * Int64(unhealthyThreshold)
    }

    /// The longest a recovered backend waits before it receives traffic again:
    /// `healthyThreshold` successful probes, one interval apart.
    public var worstCaseRecoveryDetection: SimDuration {
        interval * Int64(healthyThreshold)
    }
}
