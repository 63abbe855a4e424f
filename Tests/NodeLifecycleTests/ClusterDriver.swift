import NodeLifecycle
import SimKernel

/// A change and the time of the pass that made it.
struct TimedChange: Hashable {
    let at: SimInstant
    let change: NodeLifecycleChange
}

func seconds(_ s: Double) -> SimInstant { SimInstant(SimDuration(seconds: s)) }

/// A small stand-in for the World: kubelets, and the controller's two loops on a
/// 100 ms grid. Kubelets register at t=0, renew their lease every 10 s on the
/// 10 s grid (kubelet nodelease: renew interval 1/4 of the 40 s lease) and post
/// status when what they report changes. The controller monitors every
/// `nodeMonitorPeriod` from its start and runs the tainting pass every tick
/// after the monitor pass of the same instant.
struct ClusterDriver {
    let settings: NodeLifecycleSettings
    var store = NodeStore()
    var controller: NodeLifecycleController
    var log: [TimedChange] = []
    private(set) var now = SimInstant.start
    private var nextMonitor = SimInstant.start
    var kubeletAlive: [Bool] = []
    var reportsReady: [Bool] = []
    private var postedReady: [Bool?] = []
    static let tick = SimDuration.milliseconds(100)

    /// `zoneSizes[z]` nodes in zone z, ids in zone order.
    init(zoneSizes: [Int], settings: NodeLifecycleSettings = NodeLifecycleSettings()) {
        self.settings = settings
        controller = NodeLifecycleController(settings: settings)
        for (zone, size) in zoneSizes.enumerated() {
            for _ in 0..<size { _ = store.register(zone: ZoneID(zone), at: .start) }
        }
        kubeletAlive = Array(repeating: true, count: store.nodes.count)
        reportsReady = kubeletAlive
        postedReady = Array(repeating: nil, count: store.nodes.count)
    }

    func nodes(inZone zone: Int) -> [NodeID] {
        store.liveNodeIDs.filter { store[$0].zone == ZoneID(zone) }
    }

    /// Runs every tick strictly before `end`; afterwards `now == end`, so a
    /// change made next happens before that instant's kubelets and passes.
    mutating func advance(to end: SimInstant) {
        while now < end {
            step()
            now += Self.tick
        }
    }

    /// A new kube-controller-manager leader: a fresh controller whose first
    /// monitor pass is at `now`.
    mutating func electNewLeader() {
        controller = NodeLifecycleController(settings: settings)
        nextMonitor = now
    }

    /// At `time`, before that instant's tick, the kubelets stop: no more lease
    /// renewals or status posts.
    mutating func kill(_ nodes: [NodeID], at time: SimInstant) {
        advance(to: time)
        for id in nodes { kubeletAlive[id.index] = false }
    }

    /// At `time` the kubelets are back: they renew their lease and post status
    /// (the API's condition may be the controller's Unknown, so they post anew).
    mutating func revive(_ nodes: [NodeID], at time: SimInstant) {
        advance(to: time)
        for id in nodes {
            kubeletAlive[id.index] = true
            postedReady[id.index] = nil
        }
    }

    /// From `time` the kubelets report Ready (`ready`) or NotReady.
    mutating func reportReady(_ ready: Bool, _ nodes: [NodeID], at time: SimInstant) {
        advance(to: time)
        for id in nodes { reportsReady[id.index] = ready }
    }

    func changes(where predicate: (NodeLifecycleChange) -> Bool) -> [TimedChange] {
        log.filter { predicate($0.change) }
    }

    var taintsAdded: [(at: SimInstant, node: NodeID, taint: NoExecuteTaint)] {
        log.compactMap { if case .taintAdded(let n, let t) = $0.change { (at: $0.at, node: n, taint: t) } else { nil } }
    }

    func becameUnknown(_ node: NodeID) -> [SimInstant] {
        log.compactMap { if case .readyBecameUnknown(node, _) = $0.change { $0.at } else { nil } }
    }

    private mutating func step() {
        let onLeaseGrid = now.nanosecondsSinceStart % SimDuration.seconds(10).nanoseconds == 0
        for id in store.nodes.indices.map(NodeID.init) where kubeletAlive[id.index] {
            if postedReady[id.index] != reportsReady[id.index] {
                store.postReadyStatus(id, ready: reportsReady[id.index], at: now)
                postedReady[id.index] = reportsReady[id.index]
            }
            if onLeaseGrid { store.renewLease(id, at: now) }
        }
        if now == nextMonitor {
            log += controller.monitor(at: now, nodes: &store).map { TimedChange(at: now, change: $0) }
            nextMonitor += settings.nodeMonitorPeriod
        }
        log += controller.processTaintQueues(at: now, nodes: &store).map { TimedChange(at: now, change: $0) }
    }
}
