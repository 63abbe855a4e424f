/// The Workers subsystem's events. Trace kinds 20-28, 35, 41 and 42 (`TraceKind`).
public enum WorkersEvent: Hashable, Sendable {
    /// The node lifecycle controller's monitorNodeHealth, every 5 s.
    case monitorPass(generation: Int)
    /// Its doNoExecuteTaintingPass, every 100 ms while a zone queue holds nodes.
    case taintPass(generation: Int)
    /// The taint eviction controller's next scheduled deletion falls due.
    case evictionsDue(generation: Int)
    /// kube-scheduler binds the next pending pod.
    case schedulePod(generation: Int)
    /// A batch of pods (`WorkerPods.startingBatches`) finishes starting.
    case podsStarted(batch: Int)
    /// cluster-autoscaler's scan, every 10 s.
    case autoscalerScan(generation: Int)
    /// A node the autoscaler asked for boots (or, in a zone that is down, does not).
    case nodeProvisioned(slot: Int)
    /// A kubelet's status sync posts Ready=True over the controller's Unknown.
    case statusPost(slot: Int, generation: Int)
    /// One lease renewal attempt (`HeartbeatModel.perRenewal` only).
    case kubeletAttempt(slot: Int, generation: Int)
    /// A kubelet's connection falls due: the HTTP/2 health check closes one
    /// pinned to a silent backend, or a dial that failed is made again just
    /// before the next attempt (`World+KubeletConnections`).
    case kubeletConnection(slot: Int, generation: Int)
    /// The next step of the `drainNode` under way (World+Drains): an
    /// evicted pod gone, refused evictions asked again, or the timeout.
    case drainPass(generation: Int)
    /// A node pool upgrade's poll of its new node (World+WorkerUpgrade).
    case upgradePass(generation: Int)

    var traceCode: UInt64 {
        switch self {
        case .monitorPass(let generation): return TraceKind.monitorPass.code(WorldEvent.pair(0, generation))
        case .taintPass(let generation): return TraceKind.taintPass.code(WorldEvent.pair(0, generation))
        case .evictionsDue(let generation): return TraceKind.evictionsDue.code(WorldEvent.pair(0, generation))
        case .schedulePod(let generation): return TraceKind.schedulePod.code(WorldEvent.pair(0, generation))
        case .podsStarted(let batch): return TraceKind.podsStarted.code(WorldEvent.pair(batch, 0))
        case .autoscalerScan(let generation): return TraceKind.autoscalerScan.code(WorldEvent.pair(0, generation))
        case .nodeProvisioned(let slot): return TraceKind.nodeProvisioned.code(WorldEvent.pair(slot, 0))
        case .statusPost(let slot, let generation): return TraceKind.statusPost.code(WorldEvent.pair(slot, generation))
        case .kubeletAttempt(let slot, let generation): return TraceKind.kubeletAttempt.code(WorldEvent.pair(slot, generation))
        case .kubeletConnection(let slot, let generation): return TraceKind.kubeletConnection.code(WorldEvent.pair(slot, generation))
        case .drainPass(let generation): return TraceKind.drainPass.code(WorldEvent.pair(0, generation))
        case .upgradePass(let generation): return TraceKind.upgradePass.code(WorldEvent.pair(0, generation))
        }
    }
}
