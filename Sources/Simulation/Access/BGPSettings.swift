import SimKernel

/// kube-vip's BGP mode for the control plane (`AccessSettings.Mode.bgp`):
/// every master's kube-vip binds the address to its loopback and advertises
/// it to the network's BGP router, which sends each new flow to one of the
/// masters whose route it holds (equal-cost multipath). No Lease elects
/// anyone: the manifest turns `vip_leaderelection` off in BGP mode
/// (kube-vip/kube-vip `docs/hybrid/static/index.md`, "all nodes in the BGP
/// configuration will advertise virtual IP addresses").
///
/// The router drops a master's route when its BGP session ends: at once
/// when kube-vip's process dies on a live host (its kernel closes the TCP
/// session) or when kube-vip stops, and after the hold time when the host
/// goes silent (no keepalive arrives; RFC 4271 §6.5, the hold timer).
/// kube-vip's defaults: `--bgpHoldTimer` 30 s and `--bgpKeepAliveInterval`
/// 10 s (kube-vip `cmd/kube-vip.go`; `bgp_hold_time`,
/// `bgp_keepalive_interval` in `pkg/kubevip/config_envvar.go`).
///
/// kube-vip withdraws the route when the local apiserver fails only with
/// its optional control-plane health check (`controlPlaneHealthCheck`,
/// `KubeVipRouteCheckSettings`; off by default, as
/// `--controlPlaneHealthCheckAddress` is empty): without it a dead
/// apiserver on a live master keeps its route, and new flows to it are
/// refused.
public struct BGPSettings: Hashable, Sendable {
    /// The session's hold time: a router that hears nothing for this long
    /// drops the master's routes.
    public var holdTime: SimDuration = .seconds(30)
    /// How often kube-vip sends a keepalive.
    public var keepaliveInterval: SimDuration = .seconds(10)
    /// kube-vip's control-plane health check; nil (kube-vip's default) for none.
    public var controlPlaneHealthCheck: KubeVipRouteCheckSettings?

    public init() {}

    /// Every problem with the settings, as sentences.
    public var problems: [String] {
        var result: [String] = []
        if keepaliveInterval <= .zero { result.append("bgp.keepaliveInterval must be positive, got \(keepaliveInterval)") }
        // RFC 4271 §4.2: a hold time is zero or at least 3 seconds; hasim
        // needs a keepalive within it.
        if holdTime < keepaliveInterval || holdTime < .seconds(3) {
            result.append("bgp.holdTime must be at least 3s and at least the keepalive interval (RFC 4271 4.2), got \(holdTime)")
        }
        return result + (controlPlaneHealthCheck?.problems ?? [])
    }

    /// The router's view of each master's session as a health check: one
    /// "probe" a keepalive interval, a route dropped after the keepalives a
    /// hold time spans went missing (the hold time counted in whole
    /// keepalive intervals: 30 s / 10 s = 3), and back with the first
    /// keepalive of a new session.
    public var sessionCheck: HealthCheckSettings {
        let missed = max(1, Int(holdTime.nanoseconds / max(1, keepaliveInterval.nanoseconds)))
        return HealthCheckSettings(
            interval: keepaliveInterval, timeout: keepaliveInterval, healthyThreshold: 1, unhealthyThreshold: missed,
            probe: .bgpSession)
    }
}
