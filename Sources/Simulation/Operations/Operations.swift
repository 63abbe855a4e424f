import Raft
import SimKernel

/// The Operations subsystem's state: each master operation's random
/// stream, the etcd membership change an operation waits to see applied,
/// when create-loadbalancer's wait for the load balancer gives up, and
/// where the running in-place upgrade is.
/// Only its own methods change it.
struct Operations {
    let streams: [RandomStreams.StreamID]
    private(set) var pendingMembershipChange: (operation: Int, change: ConfChange)?
    private(set) var loadBalancerWaitEnds: SimInstant?
    /// The running `upgradeMasters` (operations run one at a time).
    private(set) var upgrade: UpgradeProgress?
    /// The operation downtime is attributed to: the one running (`until`
    /// nil), or the last one finished until its aftermath ends. A removal's
    /// cost comes after its last step: a client whose connection was on
    /// the deleted VM fails until client-go's HTTP/2 health check closes
    /// it, so the aftermath is that check's read-idle plus ping timeout.
    private(set) var inForce: (operation: Int, until: SimInstant?)?

    init(streams: [RandomStreams.StreamID]) { self.streams = streams }

    mutating func awaitMembershipChange(_ change: ConfChange, operation: Int) { pendingMembershipChange = (operation, change) }

    /// The pending change was applied: the operation that waited for it.
    mutating func takeAppliedMembershipChange(_ change: ConfChange) -> Int? {
        guard let pending = pendingMembershipChange, pending.change == change else { return nil }
        pendingMembershipChange = nil
        return pending.operation
    }

    mutating func waitForLoadBalancer(until ends: SimInstant) { loadBalancerWaitEnds = ends }

    /// Operation `index` takes its first step.
    mutating func began(_ index: Int) { inForce = (index, nil) }

    /// Operation `index` took its last step; it stays in force until `aftermathEnds`.
    mutating func finished(_ index: Int, aftermathEnds: SimInstant) { inForce = (index, aftermathEnds) }

    /// No operation runs, and the last one's aftermath is over: the next
    /// one's start, if any, is waiting in the agenda.
    func isIdle(at now: SimInstant) -> Bool {
        guard let inForce else { return true }
        return inForce.until.map { now >= $0 } ?? false
    }

    /// The operation in force at `now`, if any.
    func operationInForce(at now: SimInstant) -> Int? {
        guard let inForce, inForce.until.map({ now < $0 }) ?? true else { return nil }
        return inForce.operation
    }

    mutating func beginUpgrade() { upgrade = UpgradeProgress() }

    /// kubeadm starts waiting for the replaced pod (once per pod).
    mutating func startWaiting(at now: SimInstant) {
        if upgrade?.waitingSince == nil { upgrade?.waitingSince = now }
    }

    /// The current pod is up: on to the next one of `pods` on this master,
    /// or to the next master's first.
    mutating func advanceUpgrade(pods: Int) {
        guard var progress = upgrade else { return }
        progress.waitingSince = nil
        progress.pod += 1
        if progress.pod == pods {
            progress.pod = 0
            progress.master += 1
        }
        upgrade = progress
    }

    mutating func endUpgrade() { upgrade = nil }
}
