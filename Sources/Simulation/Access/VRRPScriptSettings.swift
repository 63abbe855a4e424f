import SimKernel

/// A keepalived `vrrp_script` tracked by the VRRP instance
/// (keepalived.conf(5), `vrrp_script`): run every `interval`, it turns
/// failed after `fall` consecutive failures and good again after `rise`
/// consecutive successes; while failed, the master's priority is changed
/// by `weight`. The defaults are kubeadm's example, `check_apiserver`
/// (kubernetes/kubeadm `docs/ha-considerations.md`).
public struct VRRPScriptSettings: Hashable, Sendable {
    public var interval: SimDuration = .seconds(3)
    public var fall = 10
    public var rise = 2
    public var weight = -2

    public init() {}
}
