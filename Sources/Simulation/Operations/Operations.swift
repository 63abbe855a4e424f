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

    init(streams: [RandomStreams.StreamID]) { self.streams = streams }

    mutating func awaitMembershipChange(_ change: ConfChange, operation: Int) { pendingMembershipChange = (operation, change) }

    /// The pending change was applied: the operation that waited for it.
    mutating func takeAppliedMembershipChange(_ change: ConfChange) -> Int? {
        guard let pending = pendingMembershipChange, pending.change == change else { return nil }
        pendingMembershipChange = nil
        return pending.operation
    }

    mutating func waitForLoadBalancer(until ends: SimInstant) { loadBalancerWaitEnds = ends }

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
