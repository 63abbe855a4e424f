import Raft
import SimKernel

/// The Operations subsystem's state: each master operation's random
/// stream, the etcd membership change an operation waits to see applied,
/// and when create-loadbalancer's wait for the load balancer gives up.
/// Only its own methods change it.
struct Operations {
    let streams: [RandomStreams.StreamID]
    private(set) var pendingMembershipChange: (operation: Int, change: ConfChange)?
    private(set) var loadBalancerWaitEnds: SimInstant?

    init(streams: [RandomStreams.StreamID]) { self.streams = streams }

    mutating func awaitMembershipChange(_ change: ConfChange, operation: Int) { pendingMembershipChange = (operation, change) }

    /// The pending change was applied: the operation that waited for it.
    mutating func takeAppliedMembershipChange(_ change: ConfChange) -> Int? {
        guard let pending = pendingMembershipChange, pending.change == change else { return nil }
        pendingMembershipChange = nil
        return pending.operation
    }

    mutating func waitForLoadBalancer(until ends: SimInstant) { loadBalancerWaitEnds = ends }
}
