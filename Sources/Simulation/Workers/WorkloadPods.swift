import NodeLifecycle
import SimKernel

/// One workload's pods, in aggregate: counts per worker slot, not an
/// object a pod, so that 150,000 pods cost a few arrays (docs/WORKERS.md).
struct WorkloadPods {
    let spec: Workload
    /// Pods bound to each slot and not terminating (starting or started).
    private(set) var bound: [Int]
    /// Of those, the ones whose containers run.
    private(set) var started: [Int]
    /// StatefulSet pods deleted on a node whose kubelet has not confirmed it.
    private(set) var terminating: [Int]
    private(set) var boundPerZone: [Int]
    /// Pending pods, oldest first, as (count, pending since).
    private var pending: [(count: Int, since: SimInstant)] = []
    private var pendingHead = 0
    private(set) var pendingCount = 0
    /// Pods the ReplicaSet or StatefulSet controller has still to create
    /// (none is created while no kube-controller-manager works).
    private(set) var missing = 0
    /// Started pods on serving nodes, in all and per zone (the run page's
    /// ready-pod chart reads the zones' counts from the timeline).
    private(set) var ready = 0
    private(set) var readyPerZone: [Int]
    /// The timeline entity `pods/<workload>/<zone>` of each zone.
    private(set) var readyEntity: [Int] = []
    /// The per-zone counts last put on the timeline.
    private(set) var recordedReady: [Int]
    /// The capacity epoch at which the scheduler last found no node; the pods
    /// wait until the epoch moves (a node became ready, a pod left).
    private(set) var unschedulableAt: Int?
    /// Pods the API shows Ready on each slot, as its kubelet last posted
    /// them: a dead host's pods stay so until the node lifecycle controller
    /// marks them not ready or they are deleted.
    private(set) var reported: [Int]
    /// Reported pods on slots whose pods the Service lists as endpoints,
    /// and of those the ones on slots that serve.
    private(set) var listed = 0
    private(set) var listedServing = 0
    private(set) var serviceAvailability: TimeWeightedAverage
    private(set) var evicted = 0
    private(set) var longestPending = SimDuration.zero
    private(set) var availability: TimeWeightedAverage
    private(set) var belowMinAvailable = ConditionTracker()
    /// The workload's PodDisruptionBudget's status, if it has one.
    private(set) var budget: DisruptionBudgetStatus?
    /// The taint eviction controller's id for this workload's pods on each
    /// slot: they share a node and tolerations, so one countdown covers them.
    private(set) var group: [PodID?]

    init(spec: Workload, slots: Int, zones: Int) {
        self.spec = spec
        bound = Array(repeating: 0, count: slots)
        started = bound
        terminating = bound
        reported = bound
        group = Array(repeating: nil, count: slots)
        boundPerZone = Array(repeating: 0, count: zones)
        readyPerZone = boundPerZone
        recordedReady = Array(repeating: -1, count: zones)
        availability = TimeWeightedAverage(initial: spec.replicas == 0 ? 1 : 0)
        serviceAvailability = availability
        budget = spec.pdb.map(DisruptionBudgetStatus.init)
    }

    /// A pod of the established cluster, placed on the slot at bootstrap
    /// with its containers running (`World.placeInitialPods`).
    mutating func placeRunning(slot: Int, zone: Int, node: WorkerNode) {
        bound[slot] += 1
        started[slot] += 1
        report(started[slot], slot: slot, node: node)
        boundPerZone[zone] += 1
        changeReady(by: 1, zone: zone)
    }

    /// The bootstrap placement is done: the pods that fit no node wait
    /// pending from the start, the availability recorders start from the
    /// pods placed, and the zones' timeline entities are `readyEntities`.
    mutating func placementDone(unplaced: Int, readyEntities: [Int]) {
        addPending(unplaced, at: .start)
        availability = TimeWeightedAverage(initial: spec.replicas == 0 ? 1 : Double(ready) / Double(spec.replicas))
        serviceAvailability = TimeWeightedAverage(initial: serviceFraction)
        readyEntity = readyEntities
    }

    /// kube-scheduler binds `count` pods to the slot, in `zone`.
    mutating func bind(_ count: Int, slot: Int, zone: Int) {
        bound[slot] += count
        boundPerZone[zone] += count
    }

    /// `count` of the slot's pods are deleted, `stopping` of them (by
    /// default as many as can: a deletion takes the started ones first)
    /// with running containers; they leave the API, and with it the
    /// endpoints, and stop being ready if the node serves.
    mutating func unbind(_ count: Int, slot: Int, stopping: Int?, node: WorkerNode) {
        bound[slot] -= count
        boundPerZone[node.zone] -= count
        let stopped = min(started[slot], stopping ?? count)
        started[slot] -= stopped
        report(min(reported[slot], bound[slot]), slot: slot, node: node)
        if node.serving { changeReady(by: -stopped, zone: node.zone) }
    }

    /// `count` of the slot's pods have their containers up.
    mutating func start(_ count: Int, slot: Int) { started[slot] += count }

    /// The slot's containers died with its host; the API still shows the
    /// pods as its kubelet last posted them (`reported`).
    mutating func containersDied(slot: Int) { started[slot] = 0 }

    /// `count` deleted pods of the slot (already unbound): a StatefulSet's
    /// wait as Terminating (`terminating`) until the node's kubelet
    /// confirms, otherwise the controller is to replace them at once.
    mutating func deleted(_ count: Int, slot: Int, terminating waits: Bool) {
        if waits {
            terminating[slot] += count
        } else {
            missing += count
        }
    }

    /// The taint eviction controller deleted `count` pods of the slot (`deleted`).
    mutating func evict(_ count: Int, slot: Int, terminating waits: Bool) {
        evicted += count
        deleted(count, slot: slot, terminating: waits)
    }

    /// Up to `count` of the slot's Terminating pods are gone: the
    /// controller creates them anew. Returns how many were still Terminating
    /// (a kubelet that came back may have confirmed them already).
    mutating func terminated(upTo count: Int, slot: Int) -> Int {
        let gone = min(count, terminating[slot])
        guard gone > 0 else { return 0 }
        terminating[slot] -= gone
        missing += gone
        return gone
    }

    /// The slot's kubelet is back and confirms its Terminating pods gone.
    mutating func confirmTerminations(slot: Int) {
        missing += terminating[slot]
        terminating[slot] = 0
    }

    /// The workload's controller creates its missing pods, pending: an
    /// OrderedReady StatefulSet one, once all of its pods are Running and
    /// Ready.
    mutating func createMissing(at now: SimInstant) {
        if createsOneAtATime {
            guard notRunningAndReady == 0 else { return }
            addPending(1, at: now)
            missing -= 1
            return
        }
        addPending(missing, at: now)
        missing = 0
    }

    /// The scheduler found no node for the oldest pending pod at capacity
    /// epoch `epoch`.
    mutating func foundUnschedulable(epoch: Int) { unschedulableAt = epoch }

    /// The taint eviction controller tracks the slot's pods as `id`.
    mutating func groupRegistered(_ id: PodID, slot: Int) { group[slot] = id }

    /// The taint eviction controller's countdown of the slot's pods ended.
    mutating func groupEvicted(slot: Int) { group[slot] = nil }

    /// A new taint eviction controller knows none of the pods yet.
    mutating func forgetGroups(slots: Int) { group = Array(repeating: nil, count: slots) }

    /// The eviction API asks the budget for one pod; whether it admits it.
    mutating func admitEviction(podReady: Bool) -> Bool { budget!.admit(podReady: podReady) }

    /// The disruption controller writes the budget's status from the pods.
    mutating func syncBudget() { budget!.sync(healthy: apiReady, replicas: spec.replicas, pods: existing) }

    /// The availability recorders follow the pods: `fraction` of the
    /// replicas ready, below minAvailable or not, and the Service's share.
    mutating func recordAvailability(_ fraction: Double, belowMinAvailable isBelow: Bool, at now: SimInstant) {
        availability.set(fraction, at: now)
        serviceAvailability.set(serviceFraction, at: now)
        belowMinAvailable.set(isBelow, at: now)
    }

    /// The zones' ready counts are on the timeline as they are now.
    mutating func readyRecorded() { recordedReady = readyPerZone }

    /// The fast-forward skipped `span` of quiet time: the recorders' stretches go on through it.
    mutating func skip(_ span: SimDuration) {
        availability.skip(span)
        serviceAvailability.skip(span)
        belowMinAvailable.skip(span)
    }

    /// Closes the recorders' open stretches at the run's end.
    mutating func finish(at end: SimInstant) { belowMinAvailable.finish(at: end) }

    /// The slot's kubelet reports `count` Ready pods (or the API lost some:
    /// deleted); `node` says whether its pods are listed and serve.
    mutating func report(_ count: Int, slot: Int, node: WorkerNode) {
        let delta = count - reported[slot]
        reported[slot] = count
        guard node.podsListed else { return }
        listed += delta
        if node.serving { listedServing += delta }
    }

    /// The slot's node changed whether its pods are listed or whether it
    /// serves; `wasListed` and `wasServing` say how it was.
    mutating func follow(slot: Int, wasListed: Bool, wasServing: Bool, node: WorkerNode) {
        let pods = reported[slot]
        listed += ((node.podsListed ? 1 : 0) - (wasListed ? 1 : 0)) * pods
        listedServing += ((node.podsListed && node.serving ? 1 : 0) - (wasListed && wasServing ? 1 : 0)) * pods
    }

    /// The fraction of requests to the workload's Service that reach a pod
    /// that serves: kube-proxy spreads connections evenly over the listed
    /// endpoints (iptables mode's `statistic --mode random`, IPVS round
    /// robin), so it is the serving share of them; none listed refuses all.
    var serviceFraction: Double {
        if spec.replicas == 0 { return 1 }
        return listed == 0 ? 0 : Double(listedServing) / Double(listed)
    }

    /// Some request to the Service fails (`serviceFraction` below 1): a
    /// listed endpoint does not serve, or none is listed; the `service.<name>`
    /// downtime condition.
    var serviceFails: Bool { spec.replicas > 0 && (listed == 0 || listedServing < listed) }

    /// `delta` pods in `zone` became ready (or, negative, stopped being).
    mutating func changeReady(by delta: Int, zone: Int) {
        ready += delta
        readyPerZone[zone] += delta
    }

    mutating func addPending(_ count: Int, at now: SimInstant) {
        guard count > 0 else { return }
        pending.append((count, now))
        pendingCount += count
    }

    /// Takes the oldest pending pod, noting how long it waited.
    mutating func takePending(at now: SimInstant) {
        let since = pending[pendingHead].since
        pending[pendingHead].count -= 1
        pendingCount -= 1
        if pending[pendingHead].count == 0 { pendingHead += 1 }
        if pendingHead > 64 && pendingHead * 2 > pending.count {
            pending.removeFirst(pendingHead)
            pendingHead = 0
        }
        longestPending = max(longestPending, now - since)
    }

    /// The oldest pending pod's wait so far (for the end of the run).
    func oldestPendingWait(at now: SimInstant) -> SimDuration {
        pendingHead < pending.count ? now - pending[pendingHead].since : .zero
    }

    var oldestPendingSince: SimInstant? { pendingHead < pending.count ? pending[pendingHead].since : nil }

    /// Whether the StatefulSet controller creates its pods one at a time
    /// (`Workload.PodManagementPolicy.orderedReady`).
    var createsOneAtATime: Bool { spec.kind == .statefulSet && spec.podManagementPolicy == .orderedReady }

    /// Pods that stop an OrderedReady StatefulSet from creating the next one:
    /// pending, starting, on a node that does not serve, or terminating. The
    /// pods are counted, not named, so each is taken to come before the
    /// missing ones in ordinal order; the real walk stops only at an
    /// unhealthy pod of a lower ordinal, so this errs on the slow side.
    var notRunningAndReady: Int {
        pendingCount + boundPerZone.reduce(0, +) - ready + terminating.reduce(0, +)
    }

    /// The pod objects that exist: bound, pending, or terminating on a node
    /// (an integer `minAvailable`'s expected pods, disruption.go).
    var existing: Int { pendingCount + boundPerZone.reduce(0, +) + terminating.reduce(0, +) }

    /// Pods the API shows Ready (the Services' listed endpoints): the
    /// disruption controller's currentHealthy.
    var apiReady: Int { listed }

    var tolerations: PodTolerations {
        PodTolerations(
            unreachable: spec.unreachableToleration.map(NoExecuteToleration.seconds) ?? .forever,
            notReady: spec.notReadyToleration.map(NoExecuteToleration.seconds) ?? .forever)
    }
}
