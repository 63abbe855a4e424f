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
    /// The worker slots (their Node objects, kubelets and connections) and
    /// the workloads' pods.
    var nodes = WorkerNodes()
    var pods = WorkerPods()

    /// The controllers acting on them, each a part that owns its state
    /// (every field `private(set)`, changed only by its own methods): the
    /// node lifecycle and taint eviction controllers, kube-scheduler,
    /// cluster-autoscaler; and the recorders over the whole cluster.
    var lifecycle = NodeLifecycleState()
    var scheduling = SchedulingState()
    var autoscaling = AutoscalingState()
    var recorders = WorkerRecorders()
    /// `drainNode` operations (World+Drains).
    var drains = WorkerDrains()
    /// `upgradeWorkers` operations (World+WorkerUpgrade).
    var upgrades = WorkerUpgrades()

    /// A lease holder's identity: a new one is a new controller process.
    struct LeaseOwner: Equatable {
        var candidate: Int
        var life: Int
    }

    /// The subsystem's random streams, drawn from `random` in their fixed
    /// order (`WorkerStreams.labels`).
    mutating func createStreams(_ random: inout RandomStreams) { streams = WorkerStreams(&random) }

    var pendingPods: Int { pods.pendingCount }

    /// The fast-forward skipped `span` of quiet time: the recorders' stretches go on through it.
    mutating func skip(_ span: SimDuration) {
        recorders.skip(span)
        pods.skip(span)
    }
}
