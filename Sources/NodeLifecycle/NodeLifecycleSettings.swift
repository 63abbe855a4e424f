import SimKernel

/// The node lifecycle controller's settings, with kube-controller-manager's defaults.
///
/// The real flags are float32 (cmd/kube-controller-manager/app/options/
/// nodelifecyclecontroller.go, `AddFlags`: `fs.Float32Var`). The zone threshold
/// stays `Float` because ComputeZoneState compares in float32. The rates are
/// kept as the decimal the operator wrote: float32 makes 0.01/s one token per
/// 100.0000022 s, which a tick-aligned model would turn into 100.1 s.
public struct NodeLifecycleSettings: Hashable, Sendable {
    /// `--node-monitor-period`: how often monitorNodeHealth runs. Default 5 s
    /// (controller-manager config v1alpha1 defaults.go,
    /// `SetDefaults_KubeCloudSharedConfiguration`).
    public var nodeMonitorPeriod: SimDuration
    /// `--node-monitor-grace-period`: a node whose lease and status have not been
    /// seen to change for longer than this is marked Ready=Unknown
    /// (node_lifecycle_controller.go `tryUpdateNodeHealth`). Default 40 s, 50 s
    /// from v1.32 (kubernetes/kubernetes PR 126287; nodelifecycle
    /// config/v1alpha1/defaults.go `RecommendedDefaultNodeLifecycleControllerConfiguration`).
    public var nodeMonitorGracePeriod: SimDuration
    /// `--node-startup-grace-period`: the grace period of a node that has never
    /// posted a Ready condition. Default 60 s (same defaults.go).
    public var nodeStartupGracePeriod: SimDuration
    /// `--node-eviction-rate`: nodes per second tainted NoExecute in a zone that is
    /// Normal or (alone) FullDisruption. Default 0.1 (options `AddFlags`).
    public var nodeEvictionRate: Double
    /// `--secondary-node-eviction-rate`: the rate in a PartialDisruption zone of
    /// more than `largeClusterSizeThreshold` nodes. Default 0.01 (options `AddFlags`).
    public var secondaryNodeEvictionRate: Double
    /// `--large-cluster-size-threshold`: a PartialDisruption zone of this many
    /// nodes or fewer stops tainting (rate 0). Default 50 (options `AddFlags`;
    /// compared with the zone's node count in `ReducedQPSFunc`).
    public var largeClusterSizeThreshold: Int
    /// `--unhealthy-zone-threshold`: fraction of not-ready nodes (and more than 2)
    /// that makes a zone PartialDisruption. Default 0.55 (options `AddFlags`).
    public var unhealthyZoneThreshold: Float
    /// How often doNoExecuteTaintingPass drains the zone queues:
    /// `scheduler.NodeEvictionPeriod`, 100 ms (nodelifecycle/scheduler/rate_limited_queue.go).
    public var noExecuteTaintingPeriod: SimDuration
    /// Burst of every zone's token bucket: `scheduler.EvictionRateLimiterBurst`, 1
    /// (rate_limited_queue.go).
    public var evictionRateLimiterBurst: Int
    /// `--kube-api-qps` and `--kube-api-burst`: the token bucket of the node
    /// lifecycle controller's client (`APIClientBudget`). Defaults 20 and 30
    /// (pkg/controller/apis/config/v1alpha1/defaults.go
    /// `SetDefaults_KubeControllerManagerConfiguration`).
    public var kubeAPIQPS: Double
    public var kubeAPIBurst: Int
    /// Whether the taint eviction controller's deletions go through the node
    /// lifecycle controller's client and its bucket. They do not by default:
    /// with the `SeparateTaintEvictionController` gate on, kube-controller-manager
    /// starts it with a clientset of its own (cmd/kube-controller-manager/app/core.go
    /// `startTaintEvictionController`, `ClientOrDie("node-controller")`), so a
    /// bucket of its own with the same flags; with the gate off it runs inside
    /// the node lifecycle controller on its client
    /// (node_lifecycle_controller.go `NewNodeLifecycleController`).
    public var taintEvictionSharesClient: Bool
    /// Requests a pod's taint eviction makes: get the pod, patch its status
    /// with the DisruptionTarget condition, delete it
    /// (pkg/controller/tainteviction/taint_eviction.go `addConditionAndDeletePod`). Default 3.
    public var podEvictionCalls: Int
    /// Requests a NoExecute taint added to or removed from a node makes: get
    /// the node (from the apiserver's cache), patch its taints
    /// (pkg/controller/controller_utils.go `AddOrUpdateTaintOnNode`,
    /// `RemoveTaintOffNode`). Default 2.
    public var taintUpdateCalls: Int

    public init(
        nodeMonitorPeriod: SimDuration = .seconds(5),
        nodeMonitorGracePeriod: SimDuration = .seconds(50),
        nodeStartupGracePeriod: SimDuration = .seconds(60),
        nodeEvictionRate: Double = 0.1,
        secondaryNodeEvictionRate: Double = 0.01,
        largeClusterSizeThreshold: Int = 50,
        unhealthyZoneThreshold: Float = 0.55,
        noExecuteTaintingPeriod: SimDuration = .milliseconds(100),
        evictionRateLimiterBurst: Int = 1,
        kubeAPIQPS: Double = 20,
        kubeAPIBurst: Int = 30,
        taintEvictionSharesClient: Bool = false,
        podEvictionCalls: Int = 3,
        taintUpdateCalls: Int = 2
    ) {
        self.nodeMonitorPeriod = nodeMonitorPeriod
        self.nodeMonitorGracePeriod = nodeMonitorGracePeriod
        self.nodeStartupGracePeriod = nodeStartupGracePeriod
        self.nodeEvictionRate = nodeEvictionRate
        self.secondaryNodeEvictionRate = secondaryNodeEvictionRate
        self.largeClusterSizeThreshold = largeClusterSizeThreshold
        self.unhealthyZoneThreshold = unhealthyZoneThreshold
        self.noExecuteTaintingPeriod = noExecuteTaintingPeriod
        self.evictionRateLimiterBurst = evictionRateLimiterBurst
        self.kubeAPIQPS = kubeAPIQPS
        self.kubeAPIBurst = kubeAPIBurst
        self.taintEvictionSharesClient = taintEvictionSharesClient
        self.podEvictionCalls = podEvictionCalls
        self.taintUpdateCalls = taintUpdateCalls
    }

    /// The defaults of Kubernetes 1.`minorVersion`: the only default that changed
    /// in the versions hasim models is the monitor grace period, 40 s before 1.32
    /// and 50 s from 1.32 (PR 126287, CHANGELOG-1.32).
    /// A fresh bucket for the node lifecycle controller's client (or the taint
    /// eviction controller's): a new process builds new clientsets.
    public var clientBudget: APIClientBudget { APIClientBudget(qps: kubeAPIQPS, burst: kubeAPIBurst) }

    public static func defaults(kubernetesMinorVersion minorVersion: Int) -> NodeLifecycleSettings {
        NodeLifecycleSettings(nodeMonitorGracePeriod: .seconds(minorVersion >= 32 ? 50 : 40))
    }
}
