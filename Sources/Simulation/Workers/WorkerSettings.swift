import NodeLifecycle
import SimKernel

/// A worker node's allocatable resources, as the scheduler and the cluster
/// autoscaler count them.
public struct NodeCapacity: Hashable, Sendable {
    public var milliCPU: Int64
    public var memoryBytes: Int64
    /// The kubelet's `maxPods`, 110 by default (kubelet config v1beta1 defaults.go).
    public var pods: Int

    public init(milliCPU: Int64, memoryBytes: Int64, pods: Int) {
        self.milliCPU = milliCPU
        self.memoryBytes = memoryBytes
        self.pods = pods
    }

    /// kube-up's default worker, `NODE_SIZE` e2-standard-2 (cluster/gce/config-default.sh):
    /// 2 vCPUs and 8 GiB, with the kubelet's default 110 pods; the
    /// kubelet's reservation comes off it (`NodeReservation`).
    public static let standard = NodeCapacity(milliCPU: 2_000, memoryBytes: 8 << 30, pods: 110)
}

/// The kubelet's node heartbeat: its Lease in kube-node-lease and its status.
public struct KubeletSettings: Hashable, Sendable {
    /// `nodeLeaseDurationSeconds`, 40 s (kubelet config v1beta1 defaults.go).
    public var nodeLeaseDuration = SimDuration.seconds(40)
    /// The renew interval is a quarter of the lease duration
    /// (pkg/kubelet/kubelet.go `nodeLeaseRenewIntervalFraction` 0.25): 10 s.
    public var renewInterval: SimDuration { SimDuration(nanoseconds: nodeLeaseDuration.nanoseconds / 4) }
    /// The lease controller runs `wait.JitterUntil(sync, renewInterval, 0.04, sliding)`
    /// (k8s.io/component-helpers/apimachinery/lease/controller.go): each wait
    /// is the interval plus up to 4 % of it.
    public var renewJitter = 0.04
    /// A lease update that failed is retried at once, `maxUpdateRetries` (5)
    /// in a row (`retryUpdateLease`), then the controller falls back to
    /// `backoffEnsureLease`: retries from 200 ms, doubling, capped at
    /// `maxBackoff` 7 s (component-helpers apimachinery/lease/controller.go).
    public var maxUpdateRetries = 5
    public var retryBackoffStart = SimDuration.milliseconds(200)
    public var retryBackoffCap = SimDuration.seconds(7)
    /// `nodeStatusUpdateFrequency`, 10 s: a changed Ready condition (the
    /// controller's Unknown against the kubelet's True) is posted at the
    /// kubelet's next status sync (kubelet config v1beta1 defaults.go).
    public var statusUpdateFrequency = SimDuration.seconds(10)
    /// The heartbeat client's timeout when set explicitly; nil: the kubelet's own.
    public var requestTimeoutOverride: SimDuration?
    /// The timeout of each lease request: the kubelet builds its heartbeat
    /// client with `Timeout` = nodeStatusUpdateFrequency, capped by the
    /// lease duration (kubernetes cmd/kubelet/app/server.go,
    /// `heartbeatClientConfig`), 10 s by default. A request nothing answers
    /// fails only then.
    public var requestTimeout: SimDuration { requestTimeoutOverride ?? min(statusUpdateFrequency, nodeLeaseDuration) }
    /// How the kubelet's connection to the apiservers behaves when its
    /// backend goes silent (`KubeletConnectionMode`).
    public var connection = KubeletConnectionMode.http2
    /// client-go's HTTP/2 health check on the kubelet's connection: a ping
    /// after ReadIdleTimeout without a frame, the connection closed after
    /// PingTimeout more (k8s.io/apimachinery/pkg/util/net/http.go,
    /// `HTTP2_READ_IDLE_TIMEOUT_SECONDS` 30 and `HTTP2_PING_TIMEOUT_SECONDS` 15).
    public var http2ReadIdleTimeout = SimDuration.seconds(30)
    public var http2PingTimeout = SimDuration.seconds(15)

    /// kubeReserved, systemReserved and the hard eviction threshold, which
    /// the scheduler's room on each node leaves out.
    public var reservation = NodeReservation()

    /// How long a connection goes without a frame before the health check closes it.
    var http2Silence: SimDuration { http2ReadIdleTimeout + http2PingTimeout }

    public init() {}
}

/// What the kubelet does with its connection when heartbeats fail
/// (cmd/kubelet/app/server.go, `buildKubeletClientConfig`).
public enum KubeletConnectionMode: String, Hashable, Sendable {
    /// The default: one HTTP/2 connection, dialled through the cluster's
    /// endpoint and kept; a failed heartbeat only closes idle connections
    /// (`utilnet.CloseIdleConnectionsFor`), and the kubelet's watches keep
    /// this one busy, so a kubelet whose backend went silent stays pinned
    /// to it until client-go's HTTP/2 health check closes it (kubernetes
    /// issue 121793; the reason PR 126287 raised the node monitor grace
    /// period to 50 s).
    case http2
    /// `DISABLE_HTTP2` set in the kubelet's environment: HTTP/1.1, and every
    /// connection closed on a heartbeat failure (`updateDialer`'s
    /// closeAllConns), so the next attempt dials afresh: the kubelet is
    /// never pinned and renews whenever the endpoint reaches an apiserver
    /// that serves.
    case disableHTTP2
}

/// How the World runs the kubelets' lease renewals (docs/WORKERS.md, "Heartbeats").
public enum HeartbeatModel: String, Hashable, Sendable {
    /// Renewals are computed when something reads them or a kubelet's path
    /// changes: the same renewal times, without an event per renewal.
    case aggregate
    /// One event per renewal attempt: the reference the aggregate is tested against.
    case perRenewal
}

/// kube-scheduler's throughput.
public struct SchedulerSettings: Hashable, Sendable {
    /// Pods bound per second. Each binding is an API call through the
    /// scheduler's client, whose default rate limit is 50 QPS
    /// (KubeSchedulerConfiguration `clientConnection.qps`, config v1 defaults.go).
    public var podsPerSecond = 50.0

    public init() {}
}

/// cluster-autoscaler's defaults (cluster-autoscaler FAQ; FACTS.md).
public struct AutoscalerSettings: Hashable, Sendable {
    /// `--scan-interval`, 10 s.
    public var scanInterval = SimDuration.seconds(10)
    /// From the scale-up decision to the node registering: "3-4 minutes on GCE".
    public var provisioning = Distribution.uniform(low: .minutes(3), high: .minutes(4))
    /// `--max-node-provision-time`, 15 min: a node that has not registered by
    /// then is given up and its node group backed off.
    public var maxNodeProvisionTime = SimDuration.minutes(15)
    /// `--max-total-unready-percentage` 45 and `--ok-total-unready-count` 3:
    /// with more unready nodes than both, the autoscaler halts.
    public var maxTotalUnreadyPercentage = 45.0
    public var okTotalUnreadyCount = 3
    /// `--initial-node-group-backoff-duration`, 5 min, after a failed scale-up.
    public var failedScaleUpBackoff = SimDuration.minutes(5)

    public init() {}
}

/// Everything about the worker nodes beyond their counts.
public struct WorkerSettings: Hashable, Sendable {
    /// Per zone; nil: `NodeCapacity.standard` everywhere.
    public var capacityPerZone: [NodeCapacity]?
    /// The autoscaler's node group maximum per zone (one group a zone); nil:
    /// the initial counts, so the autoscaler adds nothing.
    public var maximumPerZone: [Int]?
    public var kubelet = KubeletSettings()
    public var nodeLifecycle = NodeLifecycleSettings()
    public var scheduler = SchedulerSettings()
    public var autoscaler = AutoscalerSettings()
    public var heartbeats = HeartbeatModel.aggregate
    /// Whether the masters' kubelets are modelled (`topology.kubelet.controlPlaneNodes`):
    /// each master is then a Node too, as every kubeadm control-plane node
    /// and kube-up's master (`REGISTER_MASTER_KUBELET`) registers one,
    /// renewing its Lease through the address `ComponentDials.controlPlaneKubelets`
    /// names. Off by default, so that runs without it stay as they were.
    public var controlPlaneNodes = false

    public init() {}

    public func capacity(zone: Int) -> NodeCapacity { capacityPerZone?[zone] ?? .standard }

    /// What the scheduler fits pods against on a node of the zone: its
    /// capacity less the kubelet's reservation.
    public func allocatable(zone: Int) -> NodeCapacity { kubelet.reservation.allocatable(capacity(zone: zone)) }
}
