import SimKernel

/// A pure model of one kube-controller-manager's node lifecycle controller
/// (pkg/controller/nodelifecycle/node_lifecycle_controller.go `Controller`).
///
/// The controller is one instance's memory: what it has observed and its zone
/// queues. The Node and Lease objects live in a `NodeStore` that the caller
/// owns and passes in, because they outlive any instance: a new leader is a
/// new `NodeLifecycleController` over the same store, and it starts, like the
/// real one, from its own observations.
///
/// The caller runs two loops, as `Controller.Run` does:
/// - `monitor(at:nodes:)` every `nodeMonitorPeriod` (monitorNodeHealth);
/// - `processTaintQueues(at:nodes:)` every `noExecuteTaintingPeriod`
///   (doNoExecuteTaintingPass, `scheduler.NodeEvictionPeriod` = 100 ms).
/// Neither reads a clock: `at` is the time of the pass.
public struct NodeLifecycleController: Hashable, Sendable {
    public let settings: NodeLifecycleSettings

    /// `knownNodeSet`, by node index.
    var known: [Bool] = []
    /// `nodeHealthMap`, by node index; nil until this instance has seen the node.
    var health: [NodeHealth?] = []
    /// `zoneStates`, by zone index; nil for a zone the controller does not track.
    var zoneStates: [ZoneState?] = []
    /// `zoneNoExecuteTainter`, by zone index. Like the real map it is only ever
    /// added to (or replaced, when a dropped zone comes back).
    var tainters: [RateLimitedTimedQueue?] = []

    public init(settings: NodeLifecycleSettings = NodeLifecycleSettings()) {
        self.settings = settings
    }

    // MARK: read access for the World and tests

    /// The zone's state, nil if the controller does not track the zone.
    public func zoneState(_ zone: ZoneID) -> ZoneState? {
        zone.index < zoneStates.count ? zoneStates[zone.index] : nil
    }

    /// The rate at which the zone's queue currently hands out nodes (0: stopped).
    public func evictionRate(_ zone: ZoneID) -> Double? {
        zone.index < tainters.count ? tainters[zone.index]?.limiter.effectiveQPS : nil
    }

    /// Whether any zone's taint queue holds a node: the caller need not run
    /// `processTaintQueues` while none does (the buckets refill by time).
    public var hasQueuedNodes: Bool { tainters.contains { $0.map { !$0.isEmpty } ?? false } }

    /// Nodes waiting in all the zones' taint queues.
    public var queuedNodeCount: Int { tainters.reduce(0) { $0 + ($1?.count ?? 0) } }

    /// Nodes waiting in the zone's taint queue, first first.
    public func taintQueue(_ zone: ZoneID) -> [NodeID] {
        zone.index < tainters.count ? tainters[zone.index]?.waiting ?? [] : []
    }

    /// The controller's own time of its last observation of the node, nil if
    /// it has not seen the node yet.
    public func probeTimestamp(_ node: NodeID) -> SimInstant? {
        node.index < health.count ? health[node.index]?.probeTimestamp : nil
    }

    // MARK: pieces shared by the passes

    mutating func growNodeArrays(to count: Int) {
        if known.count < count {
            known.append(contentsOf: repeatElement(false, count: count - known.count))
            health.append(contentsOf: repeatElement(nil, count: count - health.count))
        }
    }

    /// `addPodEvictorForNewZone`: a zone without a state gets `Initial` and a new
    /// queue whose bucket runs at `nodeEvictionRate`, full.
    mutating func addTainterForNewZone(_ zone: ZoneID) {
        if zone.index >= zoneStates.count {
            let extra = zone.index + 1 - zoneStates.count
            zoneStates.append(contentsOf: repeatElement(nil, count: extra))
            tainters.append(contentsOf: repeatElement(nil, count: extra))
        }
        guard zoneStates[zone.index] == nil else { return }
        zoneStates[zone.index] = .initial
        tainters[zone.index] = RateLimitedTimedQueue(
            limiter: EvictionRateLimiter(qps: settings.nodeEvictionRate, burst: settings.evictionRateLimiterBurst))
    }

    /// `markNodeAsReachable`: remove both NoExecute taints and take the node out of
    /// its zone's queue. (The real `RemoveTaintOffNode` skips the API call when
    /// the node copy it is given shows neither taint; in this model that copy
    /// cannot lack a taint the store has, so reading the store is the same.)
    mutating func markNodeAsReachable(_ id: NodeID, zone: ZoneID, nodes: inout NodeStore, changes: inout [NodeLifecycleChange]) {
        // Every pass calls this for every Ready node: most have no taint.
        if nodes.hasTaints(id) {
            for key in [NoExecuteTaintKey.unreachable, .notReady] where nodes.removeTaint(key, from: id) {
                changes.append(.taintRemoved(id, key))
            }
        }
        tainters[zone.index]?.remove(id)
    }

    /// `markNodeForTainting`: if the node (as listed at the start of the pass)
    /// lacks the taint for `status`, take it out of the queue so that `add`
    /// re-queues it (at the back); a node already tainted stays a member and
    /// `add` is a no-op.
    mutating func markNodeForTainting(_ id: NodeID, listed: NodeObject, status: ReadyStatus) {
        let key: NoExecuteTaintKey = status == .notReady ? .notReady : .unreachable
        if !listed.hasTaint(key) { tainters[listed.zone.index]?.remove(id) }
        _ = tainters[listed.zone.index]?.add(id)
    }

    /// `SwapNodeControllerTaint`: add `key` stamped now, remove its opposite.
    func swapTaint(to key: NoExecuteTaintKey, on id: NodeID, at now: SimInstant, nodes: inout NodeStore, changes: inout [NodeLifecycleChange]) {
        let taint = NoExecuteTaint(key: key, timeAdded: now)
        nodes.addOrUpdateTaint(taint, on: id)
        changes.append(.taintAdded(id, taint))
        if nodes.removeTaint(key.opposite, from: id) { changes.append(.taintRemoved(id, key.opposite)) }
    }
}
