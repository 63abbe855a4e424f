import SimKernel

/// keepalived's VRRP instance that holds the control-plane endpoint's
/// virtual IP on one master, as kubernetes/kubeadm `docs/ha-considerations.md`
/// configures it: `state MASTER` with priority 101 on the first master,
/// `state BACKUP` with priority 100 on the others, `advert_int` left at its
/// default, preemption on (keepalived's default; `nopreempt` is opt-in).
///
/// The holder sends an advertisement every `advertInterval`; a backup that
/// hears none for the master-down interval, `downTimerAdverts` adverts plus
/// the skew (256 − priority)/256 of an advert interval (VRRPv2, keepalived's
/// default `vrrp_version`), takes the address over and sends gratuitous ARP
/// (acassen/keepalived `keepalived/include/vrrp.h`, `VRRP_ADVER_DFL` 1 s and
/// `VRRP_MS_DOWN_TIMER`; keepalived.conf(5): "3 * advert_int + skew_time").
/// With the kubeadm priorities a backup takes over about 3.61 s after the
/// holder's adverts stop.
public struct VirtualIPSettings: Hashable, Sendable {
    /// `advert_int`: keepalived's default, which the kubeadm example keeps.
    public var advertInterval: SimDuration = .seconds(1)
    /// Adverts missed before a backup declares the holder down: keepalived's
    /// `down_timer_adverts` default.
    public var downTimerAdverts = 3
    /// The priority of the master configured `state MASTER` (the first one).
    public var masterPriority = 101
    /// The priority of every other master (`state BACKUP`).
    public var backupPriority = 100
    /// keepalived's `vrrp_script check_apiserver` as kubeadm's example
    /// tracks it: `check_apiserver.sh` curls `/healthz` through the local
    /// HAProxy ("the port haproxy or your load balancer will be listening
    /// on", `--max-time 2`) every `interval 3`; after `fall 10` failures the
    /// master's priority drops by `weight -2`, and `rise 2` successes lift
    /// it back (kubernetes/kubeadm `docs/ha-considerations.md`). Nil: no
    /// script is tracked.
    public var script: VRRPScriptSettings? = VRRPScriptSettings()

    public init() {}

    /// The VRRP priority of the master at position `rank` among the masters
    /// in host order: the first is configured MASTER.
    public func priority(rank: Int) -> Int { rank == 0 ? masterPriority : backupPriority }

    /// The VRRP election's winner among `candidates` (host ids whose
    /// keepalived runs): the highest priority, a tie going to the higher
    /// address (RFC 5798 §6.4.3; host order stands for address order).
    /// `firstMaster` is the master configured `state MASTER`.
    public func winner(among candidates: [Int], firstMaster: Int?) -> Int? {
        Self.winner(among: candidates) { priority(rank: $0 == firstMaster ? 0 : 1) }
    }

    /// The election's winner among `candidates` with the priorities they
    /// advertise (a tracked script may have lowered some).
    static func winner(among candidates: [Int], priority: (Int) -> Int) -> Int? {
        candidates.max { lhs, rhs in (priority(lhs), lhs) < (priority(rhs), rhs) }
    }

    /// How long a backup of `priority` waits after the last advert it heard
    /// before it takes the address: `downTimerAdverts` adverts plus the
    /// VRRPv2 skew, (256 − priority)/256 of an advert interval.
    public func masterDownInterval(priority: Int) -> SimDuration {
        advertInterval * Int64(downTimerAdverts) + skewTime(priority: priority)
    }

    /// A backup's skew time, (256 − priority)/256 of an advert interval:
    /// what it waits after an advert of priority 0 (RFC 5798 §6.4.2).
    public func skewTime(priority: Int) -> SimDuration {
        SimDuration(nanoseconds: advertInterval.nanoseconds * Int64(256 - priority) / 256)
    }

    /// Every problem with the settings, as sentences.
    public var problems: [String] {
        var result: [String] = []
        if advertInterval <= .zero { result.append("advertInterval must be positive, got \(advertInterval)") }
        if downTimerAdverts < 1 { result.append("downTimerAdverts must be at least 1, got \(downTimerAdverts)") }
        for (name, value) in [("masterPriority", masterPriority), ("backupPriority", backupPriority)] where !(1...254).contains(value) {
            result.append("\(name) must be 1 to 254 (VRRP reserves 0 and 255), got \(value)")
        }
        if let script {
            if script.interval <= .zero { result.append("script.interval must be positive, got \(script.interval)") }
            if !(-253...253).contains(script.weight) { result.append("script.weight must be -253 to 253, got \(script.weight)") }
        }
        return result
    }
}
