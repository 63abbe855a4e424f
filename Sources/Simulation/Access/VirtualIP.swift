import SimKernel

/// Where the virtual IP is: on the master that holds it, or on none. With
/// keepalived (`VirtualIPSettings`) none holds it while the backups wait
/// out the master-down interval after the holder's adverts stopped; each
/// master's keepalived runs while its host is up and not frozen, and a
/// master's adverts reach the others when the network connects them (VRRP
/// needs the masters on one layer-2 segment, which the model takes for
/// granted). With kube-vip (`KubeVipSettings`) the leader of its Lease
/// holds it, and none while no instance leads.
struct VirtualIP {
    /// The master whose kernel answers for the address now.
    private(set) var holder: Int?
    /// The master that held the address last, kept while a takeover is
    /// pending: back before it, it keeps the address (a frozen host thawed).
    private(set) var lastHolder: Int?
    /// When the backups take over: the holder's last advert plus the best
    /// backup's master-down interval. Nil when no takeover is pending.
    private(set) var takeoverDue: SimInstant?

    init(holder: Int?) {
        self.holder = holder
        lastHolder = holder
    }

    /// The holder stopped sending adverts at `now` (its host died, froze or
    /// was cut off from the backups): the address answers nowhere until the
    /// takeover. Returns when the best backup takes over.
    mutating func holderLost(at now: SimInstant, masterDown: SimDuration) -> SimInstant {
        holder = nil
        let due = now + masterDown
        takeoverDue = due
        return due
    }

    /// `host` takes the address: a backup whose master-down timer ran out,
    /// or a master of higher priority preempting the holder.
    mutating func move(to host: Int) {
        lostWithControlPlane = false
        holder = host
        lastHolder = host
        takeoverDue = nil
    }

    /// No master holds the address and the best one to start waits out its
    /// master-down interval, as a keepalived started in BACKUP state does.
    mutating func waitForTakeover(at due: SimInstant) -> SimInstant {
        takeoverDue = due
        return due
    }

    /// No master can take the address: every keepalived is down.
    mutating func noCandidate() { takeoverDue = nil }

    /// The holder keeps the address after all: the backup's timer ran out
    /// with the holder's priority back on top.
    mutating func cancelTakeover() { takeoverDue = nil }

    /// Whether the address was last given up by a holder whose host still
    /// ran: kube-vip stopped leading because its renewals through the
    /// control plane failed, not because its master died.
    private(set) var lostWithControlPlane = false

    /// The holder removed the address: kube-vip stopped leading, on a host
    /// that still runs (`onLiveHost`) or with its host.
    mutating func release(onLiveHost: Bool) {
        holder = nil
        takeoverDue = nil
        lostWithControlPlane = onLiveHost
    }

    /// A frozen control plane stood still for `span`.
    mutating func delayHeldTimes(by span: SimDuration) { takeoverDue = takeoverDue.map { $0 + span } }
}
