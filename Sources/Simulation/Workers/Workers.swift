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

    /// The controllers acting on them, each a part that owns its state
    /// (every field `private(set)`, changed only by its own methods): the
    /// node lifecycle and taint eviction controllers, kube-scheduler,
    /// cluster-autoscaler; and the recorders over the whole cluster.
    var lifecycle = NodeLifecycleState()
    var scheduling = SchedulingState()
    var autoscaling = AutoscalingState()
    var recorders = WorkerRecorders()

    /// Renewals of kubelets that died with their hosts.
    var renewalsOfEndedKubelets = 0
    /// Renewals of the windows the fast-forward skipped, at the kubelets'
    /// mean rate (World+WorkersQuiet): a fraction, as an expected count is.
    var renewalsInSkippedTime = 0.0

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
        recorders.skip(span)
        for index in pods.indices {
            pods[index].availability.skip(span)
            pods[index].serviceAvailability.skip(span)
            pods[index].belowMinAvailable.skip(span)
        }
    }
}
