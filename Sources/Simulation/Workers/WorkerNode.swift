import NodeLifecycle
import SimKernel

/// One worker host as the Workers subsystem sees it: its Node object, its
/// kubelet, and the resources its pods take.
struct WorkerNode {
    let host: Int
    let zone: Int
    let capacity: NodeCapacity
    /// The Node object, once the kubelet has registered it.
    var node: NodeID?
    var kubelet: KubeletHeartbeat?
    /// The kubelet's connection to an apiserver (`KubeletConnectionMode.http2`).
    var connection = ClientConnection()
    /// Connections the kubelet has dialled: with its jitter key, the hash
    /// that picks each one's backend.
    var dials: UInt64 = 0
    /// When the connection's next event falls due (a health-check close or a
    /// new dial), while one is scheduled.
    var connectionDue: SimInstant?
    /// Bumped when the kubelet restarts, so its queued events are dropped.
    var generation = 0
    /// The host runs and is not frozen: its pods' containers serve.
    var serving = false
    /// The API shows the node's pods Ready, so Services' EndpointSlices list
    /// them: until the node lifecycle controller marks them not ready
    /// (`MarkPodsNotReady`), and again once the kubelet posts its status.
    var podsListed = true
    var statusPostPending = false
    var allocatedMilliCPU: Int64 = 0
    var allocatedMemory: Int64 = 0
    var allocatedPods = 0
    /// When the autoscaler asked for this node, while it has not registered.
    var requestedAt: SimInstant?

    init(host: Int, zone: Int, capacity: NodeCapacity) {
        self.host = host
        self.zone = zone
        self.capacity = capacity
    }

    func fits(_ workload: Workload) -> Bool {
        allocatedPods < capacity.pods && allocatedMilliCPU + workload.milliCPU <= capacity.milliCPU
            && allocatedMemory + workload.memoryBytes <= capacity.memoryBytes
    }

    /// kube-scheduler's LeastAllocated score (NodeResourcesFit, the default
    /// strategy), as the requested fraction: lower is better.
    var requestedFraction: Double {
        (Double(allocatedMilliCPU) / Double(max(capacity.milliCPU, 1)) + Double(allocatedMemory) / Double(max(capacity.memoryBytes, 1))) / 2
    }

    mutating func allocate(_ workload: Workload, count: Int) {
        allocatedPods += count
        allocatedMilliCPU += workload.milliCPU * Int64(count)
        allocatedMemory += workload.memoryBytes * Int64(count)
    }
}
