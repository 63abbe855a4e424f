import NodeLifecycle
import SimKernel

/// One workload's pods, in aggregate: counts per worker slot, not an
/// object a pod, so that 150,000 pods cost a few arrays (docs/WORKERS.md).
struct WorkloadPods {
    let spec: Workload
    /// Pods bound to each slot and not terminating (starting or started).
    var bound: [Int]
    /// Of those, the ones whose containers run.
    var started: [Int]
    /// StatefulSet pods deleted on a node whose kubelet has not confirmed it.
    var terminating: [Int]
    var boundPerZone: [Int]
    /// Pending pods, oldest first, as (count, pending since).
    var pending: [(count: Int, since: SimInstant)] = []
    var pendingHead = 0
    private(set) var pendingCount = 0
    /// Pods the ReplicaSet or StatefulSet controller has still to create
    /// (none is created while no kube-controller-manager works).
    var missing = 0
    /// Started pods on serving nodes, in all and per zone (the run page's
    /// ready-pod chart reads the zones' counts from the timeline).
    private(set) var ready = 0
    private(set) var readyPerZone: [Int]
    /// The timeline entity `pods/<workload>/<zone>` of each zone.
    var readyEntity: [Int] = []
    /// The per-zone counts last put on the timeline.
    var recordedReady: [Int]
    /// The capacity epoch at which the scheduler last found no node; the pods
    /// wait until the epoch moves (a node became ready, a pod left).
    var unschedulableAt: Int?
    /// Pods the API shows Ready on each slot, as its kubelet last posted
    /// them: a dead host's pods stay so until the node lifecycle controller
    /// marks them not ready or they are deleted.
    private(set) var reported: [Int]
    /// Reported pods on slots whose pods the Service lists as endpoints,
    /// and of those the ones on slots that serve.
    private(set) var listed = 0
    private(set) var listedServing = 0
    var serviceAvailability: TimeWeightedAverage
    var evicted = 0
    var longestPending = SimDuration.zero
    var availability: TimeWeightedAverage
    var belowMinAvailable = ConditionTracker()
    /// The workload's PodDisruptionBudget's status, if it has one.
    var budget: DisruptionBudgetStatus?
    /// The taint eviction controller's id for this workload's pods on each
    /// slot: they share a node and tolerations, so one countdown covers them.
    var group: [PodID?]

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
