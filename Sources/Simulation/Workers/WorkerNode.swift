import NodeLifecycle
import SimKernel

/// One worker host as the Workers subsystem sees it: its Node object, its
/// kubelet, and the resources its pods take. Its fields change only through
/// its methods; the kubelet and the connection, which guard their own
/// fields, are changed through theirs.
struct WorkerNode {
    let host: Int
    let zone: Int
    let capacity: NodeCapacity
    /// A master's node (`WorkerSettings.controlPlaneNodes`): it carries the
    /// `node-role.kubernetes.io/control-plane:NoSchedule` taint kubeadm's
    /// mark-control-plane phase adds (kubernetes
    /// `cmd/kubeadm/app/phases/markcontrolplane`), which no workload of
    /// hasim tolerates, so no pod is placed on it; it is in no node group
    /// of the autoscaler.
    let controlPlane: Bool
    /// The Node object, once the kubelet has registered it.
    private(set) var node: NodeID?
    private(set) var kubelet: KubeletHeartbeat?
    /// The kubelet's connection to an apiserver (`KubeletConnectionMode.http2`).
    private(set) var connection = ClientConnection()
    /// Connections the kubelet has dialled: with its jitter key, the hash
    /// that picks each one's backend.
    private(set) var dials: UInt64 = 0
    /// When the connection's next event falls due (a health-check close or a
    /// new dial), while one is scheduled.
    private(set) var connectionDue: SimInstant?
    /// Bumped when the kubelet restarts, so its queued events are dropped.
    private(set) var generation = 0
    /// The host runs and is not frozen: its pods' containers serve.
    private(set) var serving = false
    /// The API shows the node's pods Ready, so Services' EndpointSlices list
    /// them: until the node lifecycle controller marks them not ready
    /// (`MarkPodsNotReady`), and again once the kubelet posts its status.
    private(set) var podsListed = true
    /// A status post is scheduled.
    private(set) var statusPostPending = false
    /// `kubeletCutOff` as `WorkerNodes` last counted it.
    private(set) var countedCutOff = false
    /// Cordoned (`spec.unschedulable`, `kubectl cordon` and `drain`): the
    /// scheduler's NodeUnschedulable filter leaves the node out.
    private(set) var unschedulable = false
    private(set) var allocatedMilliCPU: Int64 = 0
    private(set) var allocatedMemory: Int64 = 0
    private(set) var allocatedPods = 0
    /// When the autoscaler asked for this node, while it has not registered.
    private(set) var requestedAt: SimInstant?

    init(host: Int, zone: Int, capacity: NodeCapacity, controlPlane: Bool = false) {
        self.host = host
        self.zone = zone
        self.capacity = capacity
        self.controlPlane = controlPlane
    }

    /// An initial node of the established cluster: registered, Ready, its
    /// kubelet running.
    init(host: Int, zone: Int, capacity: NodeCapacity, controlPlane: Bool = false, established id: NodeID, kubelet: KubeletHeartbeat) {
        self.init(host: host, zone: zone, capacity: capacity, controlPlane: controlPlane)
        node = id
        serving = true
        self.kubelet = kubelet
    }

    /// Its kubelet created the Node object (`WorkerNodes.register`).
    mutating func registered(as id: NodeID) {
        node = id
        requestedAt = nil
    }

    /// The autoscaler asks for this node (nil: it gives up on it).
    mutating func setRequested(at time: SimInstant?) { requestedAt = time }

    /// A kubelet starts, in a new life: the old one's queued events are dropped.
    mutating func boot(_ kubelet: KubeletHeartbeat) {
        generation += 1
        self.kubelet = kubelet
    }

    /// The kubelet died with its host (`WorkerNodes.kubeletDied` keeps its renewals).
    mutating func kubeletDied(at now: SimInstant) {
        kubelet = nil
        connection.close(at: now)
        connectionDue = nil
        generation += 1
        statusPostPending = false
    }

    /// The kubelet's lease loop runs on to `time` (`KubeletHeartbeat.advance`).
    mutating func advanceKubelet(to time: SimInstant, settings: KubeletSettings) { kubelet!.advance(to: time, settings: settings) }

    /// The kubelet's requests meet `path` now (`KubeletHeartbeat.follow`).
    mutating func kubeletFollows(_ path: KubeletRequestPath, connectionEnded: Bool, at now: SimInstant, settings: KubeletSettings) {
        kubelet!.follow(path, connectionEnded: connectionEnded, at: now, settings: settings)
    }

    /// The connection as `World.kubeletPathOpens` followed it to now (its
    /// health checks, closes and dials, each `ClientConnection`'s own method).
    mutating func followedConnection(_ followed: ClientConnection) { connection = followed }

    /// The connection's apiserver stops gracefully and sends GOAWAY.
    mutating func connectionGoesAway(at now: SimInstant) { connection.goAway(at: now) }

    mutating func setServing(_ serving: Bool) { self.serving = serving }
    mutating func setCountedCutOff(_ cutOff: Bool) { countedCutOff = cutOff }
    mutating func setPodsListed(_ listed: Bool) { podsListed = listed }
    mutating func setStatusPostPending(_ pending: Bool) { statusPostPending = pending }
    mutating func cordon() { unschedulable = true }
    /// `kubectl uncordon`: `spec.unschedulable` cleared.
    mutating func uncordon() { unschedulable = false }
    /// The Node object and its VM are deleted (a node pool upgrade): a VM
    /// created later under the same host registers a new, schedulable Node.
    mutating func deleted() {
        node = nil
        unschedulable = false
        requestedAt = nil
    }
    mutating func setConnectionDue(_ time: SimInstant?) { connectionDue = time }
    /// The kubelet dials a new connection.
    mutating func countDial() { dials &+= 1 }

    /// The kubelet runs on a host that is up and not frozen, and its
    /// requests reach no apiserver that writes: its path is silent or
    /// refused (the `kubelets` downtime condition). A kubelet whose host is
    /// down or frozen is not counted: its node is down, not cut off.
    var kubeletCutOff: Bool { serving && kubelet.map { !$0.pathOpen } == true }

    func fits(_ workload: Workload) -> Bool {
        !controlPlane && allocatedPods < capacity.pods && allocatedMilliCPU + workload.milliCPU <= capacity.milliCPU
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
