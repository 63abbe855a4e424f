import NodeLifecycle
import SimKernel

/// The node lifecycle and taint eviction controllers of the
/// kube-controller-manager that leads its lease: the instances, whose
/// leader they belong to, the generation their timers carry, their API
/// clients and when their passes run. A new leader is a new process, so
/// `begin` replaces all of it at once; the World (World+NodeLifecycle)
/// schedules the passes these methods ask for and follows their changes.
struct NodeLifecycleState {
    /// The instance of the kube-controller-manager leader, and its identity
    /// (candidate, life).
    private(set) var controller: NodeLifecycleController?
    private(set) var evictor: TaintEvictionController?
    private(set) var owner: Workers.LeaseOwner?
    /// The generation the instance's timers carry: a new instance drops the old one's.
    private(set) var generation = 0
    /// Which workload and slot each of the taint eviction controller's pods stands for.
    private(set) var groupOwner: [(workload: Int, slot: Int)] = []
    private(set) var taintPassScheduled = false
    private(set) var evictionScheduledAt: SimInstant?
    /// The node lifecycle controller's client (`--kube-api-qps` and
    /// `--kube-api-burst`), and the taint eviction controller's when it has
    /// a client of its own (nil: it shares the first). A new leader is a new
    /// process with new clients, so both start full.
    private(set) var apiBudget = APIClientBudget(qps: 20, burst: 30)
    private(set) var evictionBudget: APIClientBudget?
    /// When the monitor pass under way makes its last call, and when the next
    /// one starts: `wait.Until` waits the monitor period after a pass ends.
    private(set) var monitorPassEndsAt = SimInstant.start
    private(set) var nextMonitorPassAt = SimInstant.start
    /// Every zone was in FullDisruption at the controller's last pass.
    private(set) var allZonesFullyDisrupted = false

    /// A new leader (or none): fresh instances with full clients, their
    /// first monitor pass due now; nothing scheduled of the old instance counts.
    mutating func begin(_ owner: Workers.LeaseOwner?, settings: NodeLifecycleSettings, at now: SimInstant) {
        self.owner = owner
        generation += 1
        taintPassScheduled = false
        evictionScheduledAt = nil
        allZonesFullyDisrupted = false
        groupOwner = []
        guard owner != nil else {
            controller = nil
            evictor = nil
            return
        }
        controller = NodeLifecycleController(settings: settings)
        evictor = TaintEvictionController()
        apiBudget = settings.clientBudget
        evictionBudget = settings.taintEvictionSharesClient ? nil : settings.clientBudget
        monitorPassEndsAt = now
        nextMonitorPassAt = now
    }

    /// Eviction stopped because every zone is fully disrupted (the
    /// `evictionsStopped` condition).
    var evictionsStopped: Bool { controller != nil && allZonesFullyDisrupted }

    /// Whether the instance is quiet for the fast-forward: no node queued for
    /// tainting, and both clients' buckets full (they refill in model time,
    /// which a skip does not move).
    func isQuiet(at now: SimInstant) -> Bool {
        controller?.hasQueuedNodes != true && apiBudget.isFull(at: now) && evictionBudget?.isFull(at: now) != false
    }

    // MARK: Passes

    /// monitorNodeHealth over the store. Only called while an instance runs.
    mutating func monitor(at now: SimInstant, nodes: inout NodeStore) -> [NodeLifecycleChange] {
        controller!.monitor(at: now, nodes: &nodes)
    }

    /// doNoExecuteTaintingPass over the store. Only called while an instance runs.
    mutating func processTaintQueues(at now: SimInstant, nodes: inout NodeStore) -> [NodeLifecycleChange] {
        controller!.processTaintQueues(at: now, nodes: &nodes)
    }

    /// The monitor pass started at `now` makes `calls` requests: it ends when
    /// the client grants the last of them.
    mutating func spendMonitorPass(_ calls: Int, at now: SimInstant) -> SimInstant {
        let end = apiBudget.take(calls, at: now)
        monitorPassEndsAt = end
        return end
    }

    /// The next monitor pass starts at `time` (the latest call wins: an
    /// earlier event finds `nextMonitorPassAt` moved and does nothing).
    mutating func setNextMonitorPass(at time: SimInstant) { nextMonitorPassAt = time }

    /// Whether a tainting pass is to be scheduled: nodes wait in the zone
    /// queues and none is scheduled yet (it is, once this says so).
    mutating func claimTaintPass() -> Bool {
        guard !taintPassScheduled && controller!.hasQueuedNodes else { return false }
        taintPassScheduled = true
        return true
    }

    /// A tainting pass ran: whether another is due (a zone queue still holds
    /// a node); if not, none is scheduled any more.
    mutating func taintPassEnded() -> Bool {
        if controller!.hasQueuedNodes { return true }
        taintPassScheduled = false
        return false
    }

    /// Requests of the node lifecycle controller's other loops (tainting, and
    /// taint eviction when it shares the client). While a monitor pass is
    /// under way its 8 workers hold a handful of reservations at a time
    /// (`nodeUpdateWorkerSize`), so these requests go in between and the pass
    /// ends later by their tokens; otherwise they wait in the bucket. Returns
    /// when the last one is granted, and where the next monitor pass moved
    /// when the pass under way was pushed.
    mutating func spendCalls(_ calls: Int, at now: SimInstant) -> (granted: SimInstant, nextPass: SimInstant?) {
        guard calls > 0 else { return (now, nil) }
        guard now < monitorPassEndsAt else { return (apiBudget.take(calls, at: now), nil) }
        apiBudget.takeAlongside(calls, at: now)
        let pushed = apiBudget.interval * Int64(calls)
        monitorPassEndsAt = monitorPassEndsAt + pushed
        return (now, nextMonitorPassAt + pushed)
    }

    mutating func setAllZonesFullyDisrupted(_ disrupted: Bool) { allZonesFullyDisrupted = disrupted }

    // MARK: Taint-based eviction

    /// The taint eviction controller hears of a node's taints.
    mutating func nodeUpdated(_ id: NodeID, taints: [NoExecuteTaintKey], at now: SimInstant) {
        evictor?.nodeUpdated(id, taints: taints, at: now)
    }

    /// The taint eviction controller's view of a workload's pods on a slot's
    /// node: one pod of its own, whose id is the next in `groupOwner`. Only
    /// called while an instance runs.
    mutating func addPodGroup(workload: Int, slot: Int, on node: NodeID, tolerations: PodTolerations, at now: SimInstant) -> PodID {
        let id = evictor!.addPod(on: node, tolerations: tolerations, at: now)
        precondition(id.index == groupOwner.count, "pod ids are dense")
        groupOwner.append((workload, slot))
        return id
    }

    /// When to check for due evictions, if that is sooner than the check
    /// already scheduled (it is scheduled then, once this says so).
    mutating func claimEvictionCheck(at now: SimInstant) -> SimInstant? {
        guard let next = evictor?.nextEvictionTime else { return nil }
        if let scheduled = evictionScheduledAt, scheduled <= next { return nil }
        evictionScheduledAt = max(next, now)
        return max(next, now)
    }

    /// The eviction check scheduled for `now` has come.
    mutating func evictionCheckArrived(at now: SimInstant) {
        if evictionScheduledAt == now { evictionScheduledAt = nil }
    }

    /// An eviction check is scheduled for `time`.
    mutating func setEvictionCheck(at time: SimInstant) { evictionScheduledAt = time }

    /// When the taint eviction controller's client grants its next call: its
    /// own bucket's, or, sharing the node lifecycle controller's, at once
    /// during a monitor pass (its requests go in between) and otherwise that
    /// bucket's.
    func nextEvictionGrant(at now: SimInstant) -> SimInstant {
        evictionBudget?.nextGrant(at: now) ?? (now < monitorPassEndsAt ? now : apiBudget.nextGrant(at: now))
    }

    /// The pods whose tolerations ran out, as (workload, slot). Only called
    /// while an instance runs.
    mutating func takeDueEvictions(at now: SimInstant) -> [(workload: Int, slot: Int)] {
        evictor!.evictionsDue(at: now).map { groupOwner[$0.index] }
    }

    /// The evictions' requests: on the taint eviction controller's own
    /// client, or on the shared one (`spendCalls`), which may push the next
    /// monitor pass.
    mutating func spendEvictionCalls(_ calls: Int, at now: SimInstant) -> SimInstant? {
        guard evictionBudget != nil else { return spendCalls(calls, at: now).nextPass }
        evictionBudget!.take(calls, at: now)
        return nil
    }

    /// The fast-forward skipped `span`: the eviction countdowns, and the
    /// check scheduled for the next of them, come closer by it.
    mutating func moveDeadlines(earlierBy span: SimDuration) {
        evictor?.moveCountdowns(earlierBy: span)
        evictionScheduledAt = evictionScheduledAt.map { $0 - span }
    }
}
