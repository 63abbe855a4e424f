import SimKernel

/// HAProxy in front of the apiservers on every master, as
/// kubernetes/kubeadm `docs/ha-considerations.md` configures it: `mode tcp`,
/// `balance roundrobin`, a `/healthz` check on every server with HAProxy's
/// defaults (`inter` 2 s, `fall` 3, `rise` 2), `timeout connect 5s`,
/// `timeout server 35s`, `timeout check 10s`, `retries 1`, and `option
/// redispatch` (the doc's `defaults` section). The behaviours below are
/// haproxy/haproxy `doc/configuration.txt`'s.
public struct HAProxySettings: Hashable, Sendable {
    /// `timeout connect`: a connection to a silent server gives up after it.
    public var timeoutConnect: SimDuration = .seconds(5)
    /// `timeout server`: the inactivity time on the server side after which
    /// HAProxy closes both sides of a session, so a client pinned to a
    /// silent backend is freed then if its own health check has not fired
    /// (the kubeadm example had 20 s before May 2024).
    public var timeoutServer: SimDuration = .seconds(35)
    /// `retries`: further attempts after a failed connection; with
    /// `redispatch` the last one goes to another server ("By default this
    /// will only be the last retry").
    public var retries = 1
    /// `option redispatch`.
    public var redispatch = true
    /// `inter`, `fall` and `rise` of the server lines (HAProxy's defaults).
    public var checkInterval: SimDuration = .seconds(2)
    public var fall = 3
    public var rise = 2

    public init() {}

    /// The health check this HAProxy runs: a check's connect timeout is
    /// min(`timeout connect`, `inter`) when `timeout check` is set, which the
    /// kubeadm example does ("HAProxy uses min("timeout connect", "inter")
    /// as a connect timeout for check").
    public var healthCheck: HealthCheckSettings {
        HealthCheckSettings(interval: checkInterval, timeout: min(timeoutConnect, checkInterval), healthyThreshold: rise, unhealthyThreshold: fall)
    }

    /// Every problem with the settings, as sentences.
    public var problems: [String] {
        var result: [String] = []
        for (name, value) in [("timeoutConnect", timeoutConnect), ("timeoutServer", timeoutServer), ("checkInterval", checkInterval)] where value <= .zero {
            result.append("\(name) must be positive, got \(value)")
        }
        if retries < 0 { result.append("retries must not be negative, got \(retries)") }
        if fall < 1 { result.append("fall must be at least 1, got \(fall)") }
        if rise < 1 { result.append("rise must be at least 1, got \(rise)") }
        return result
    }
}
