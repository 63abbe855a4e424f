import NodeLifecycle
import SimKernel

/// The Workers subsystem's state: the Node and Lease objects, the kubelets,
/// the pods in aggregate, and the controllers that act on them from the
/// masters (node lifecycle and taint eviction in kube-controller-manager,
/// kube-scheduler, cluster-autoscaler), each running only in its lease's
/// working leader.
struct Workers {
    /// The Node objects and their Leases, as the API server (etcd) keeps them:
    /// they outlive every controller instance.
    var store = NodeStore()
    /// Created at bootstrap, only for a topology with workers.
    private(set) var streams = WorkerStreams()
    /// By worker slot: worker host ids are `firstHost + slot`.
    var nodes: [WorkerNode] = []
    var slotOfNode: [Int] = []
    var pods: [WorkloadPods] = []
    var startingBatches: [StartingBatch] = []
    var freeBatches: [Int] = []

    /// The instance of the kube-controller-manager leader, its identity
    /// (candidate, life) and the generation its timers carry.
    var controller: NodeLifecycleController?
    var evictor: TaintEvictionController?
    var controllerOwner: LeaseOwner?
    var controllerGeneration = 0
    /// Which workload and slot each of the taint eviction controller's pods stands for.
    var groupOwner: [(workload: Int, slot: Int)] = []
    var taintPassScheduled = false
    var evictionScheduledAt: SimInstant?
    /// The node lifecycle controller's client (`--kube-api-qps` and
    /// `--kube-api-burst`), and the taint eviction controller's when it has
    /// a client of its own (nil: it shares the first). A new leader is a new
    /// process with new clients, so both start full.
    var apiBudget = APIClientBudget(qps: 20, burst: 30)
    var evictionBudget: APIClientBudget?
    /// When the monitor pass under way makes its last call, and when the next
    /// one starts: `wait.Until` waits the monitor period after a pass ends.
    var monitorPassEndsAt = SimInstant.start
    var nextMonitorPassAt = SimInstant.start
    /// Every zone was in FullDisruption at the controller's last pass.
    var allZonesFullyDisrupted = false

    var schedulerOwner: LeaseOwner?
    var schedulerGeneration = 0
    var schedulerBusy = false
    /// Moves whenever room may have appeared (a node became schedulable, a
    /// pod left a node), so that pods found unschedulable are tried again.
    var capacityEpoch = 0
    /// By slot: Ready, untainted, registered: the scheduler may bind here.
    var schedulable: [Bool] = []

    var autoscalerOwner: LeaseOwner?
    var autoscalerGeneration = 0
    var nodeGroupBackoffUntil: [SimInstant] = []
    var nodesAdded = 0
    /// Renewals of kubelets that died with their hosts.
    var renewalsOfEndedKubelets = 0
    /// Renewals of the windows the fast-forward skipped, at the kubelets'
    /// mean rate (World+WorkersQuiet): a fraction, as an expected count is.
    var renewalsInSkippedTime = 0.0
    var autoscalerHalted = false
    var scaleUpsFailed = 0

    // Recorders.
    var notReadyPeak = 0
    var notReadyNodeSeconds = TimeWeightedAverage(initial: 0)
    var taintedPeak = 0
    var pendingPeak = 0
    var zoneEntity: [Int] = []
    var workloadAvailability = TimeWeightedAverage(initial: 1)
    var belowMinAvailable = ConditionTracker()

    struct StartingBatch {
        var workload: Int
        var slot: Int
        var count: Int
        /// The kubelet life the containers start in.
        var generation: Int
    }

    /// A lease holder's identity: a new one is a new controller process.
    struct LeaseOwner: Equatable {
        var candidate: Int
        var life: Int
    }

    /// The subsystem's random streams, drawn from `random` in their fixed
    /// order (`WorkerStreams.labels`).
    mutating func createStreams(_ random: inout RandomStreams) { streams = WorkerStreams(&random) }

    var pendingPods: Int { pods.reduce(0) { $0 + $1.pendingCount } }

    /// The fast-forward skipped `span` of quiet time: the recorders' stretches go on through it.
    mutating func skip(_ span: SimDuration) {
        notReadyNodeSeconds.skip(span)
        workloadAvailability.skip(span)
        belowMinAvailable.skip(span)
        for index in pods.indices {
            pods[index].availability.skip(span)
            pods[index].serviceAvailability.skip(span)
            pods[index].belowMinAvailable.skip(span)
        }
    }
}
