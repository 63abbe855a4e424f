import SimKernel

/// What one controller instance remembers about one node: node_lifecycle_controller.go
/// `nodeHealthData`, reduced to what decides anything. `probeTimestamp` is the
/// controller's own clock at the monitor pass that first saw the node's lease
/// or status change; the grace period runs from it, never from a time the
/// kubelet wrote, so clock skew between machines does not matter.
///
/// `readyTransitionTimestamp` is left out: the current code only writes it.
struct NodeHealth: Hashable, Sendable {
    var probeTimestamp: SimInstant
    /// The saved status's Ready heartbeat, nil when the saved status had no Ready
    /// condition (compared with the node's to detect a status post).
    var savedReadyHeartbeat: SimInstant?
    /// The saved Lease's renewTime, nil when no lease is saved.
    var savedLeaseRenewTime: SimInstant?
}
