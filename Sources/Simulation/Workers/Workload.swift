import SimKernel

/// A Deployment or StatefulSet of identical pods (the scenario's `workloads:`).
public struct Workload: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        /// A ReplicaSet replaces a deleted pod at once: it does not count pods
        /// that are terminating (controller_utils.go `FilterActivePods`).
        case deployment
        /// A StatefulSet replaces a pod only once it is gone: a pod deleted on
        /// an unreachable node stays Terminating until its kubelet confirms
        /// (stateful_set_control.go waits for the old pod; the StatefulSet
        /// documentation's "force deletion" of pods on unreachable nodes).
        case statefulSet
    }

    /// A StatefulSet's `podManagementPolicy` (apps/v1; OrderedReady is the
    /// API's default). pkg/controller/statefulset/stateful_set_control.go:
    /// in OrderedReady ("monotonic") mode the controller walks the pods in
    /// ordinal order and stops at the first one it has just created, that is
    /// terminating, or that is not Running and Ready; Parallel creates every
    /// missing pod at once (`slowStartBatch`).
    public enum PodManagementPolicy: String, Hashable, Sendable {
        case orderedReady = "OrderedReady"
        case parallel = "Parallel"
    }

    /// Topology spread over zones (`topologySpreadConstraints` with
    /// `topologyKey: topology.kubernetes.io/zone`).
    public struct ZoneSpread: Hashable, Sendable {
        public enum WhenUnsatisfiable: String, Hashable, Sendable { case doNotSchedule = "DoNotSchedule", scheduleAnyway = "ScheduleAnyway" }
        /// `nodeTaintsPolicy`: Ignore (the default) counts tainted nodes' zones
        /// as domains; Honor leaves out nodes whose taints the pod does not
        /// tolerate (KEP-3094; pkg/scheduler/framework/plugins/podtopologyspread
        /// common.go `matchNodeInclusionPolicies`).
        public enum NodeTaintsPolicy: String, Hashable, Sendable { case ignore = "Ignore", honor = "Honor" }
        public var maxSkew: Int
        public var whenUnsatisfiable: WhenUnsatisfiable
        public var nodeTaintsPolicy: NodeTaintsPolicy

        public init(maxSkew: Int = 1, whenUnsatisfiable: WhenUnsatisfiable = .doNotSchedule, nodeTaintsPolicy: NodeTaintsPolicy = .ignore) {
            self.maxSkew = maxSkew
            self.whenUnsatisfiable = whenUnsatisfiable
            self.nodeTaintsPolicy = nodeTaintsPolicy
        }
    }

    public var name: String
    public var kind: Kind
    public var replicas: Int
    /// Requests of each pod.
    public var milliCPU: Int64
    public var memoryBytes: Int64
    public var spread: ZoneSpread?
    /// Only for a StatefulSet.
    public var podManagementPolicy = PodManagementPolicy.orderedReady
    /// `tolerationSeconds` for the `unreachable` and `not-ready` NoExecute
    /// taints; nil tolerates forever. The DefaultTolerationSeconds admission
    /// plugin gives every pod 300 s for both
    /// (plugin/pkg/admission/defaulttolerationseconds/admission.go).
    public var unreachableToleration: Int64? = 300
    public var notReadyToleration: Int64? = 300
    /// PodDisruptionBudget-style floor, for reporting only.
    public var minAvailable: Int?
    /// The workload's PodDisruptionBudget (`pdb`), which the eviction API
    /// enforces (a drain's evictions, World+Drains); nil: none.
    public var pdb: DisruptionBudget?
    /// `terminationGracePeriodSeconds`: how long an evicted pod takes to
    /// go. The API's default is 30 s (core/v1
    /// `DefaultTerminationGracePeriodSeconds`); the model takes each pod to
    /// use all of it, as a process that does not exit on SIGTERM does.
    public var terminationGracePeriod = SimDuration.seconds(30)
    /// From binding to Ready: the scalability SLO wants stateless pods
    /// started within 5 s at the 99th percentile, image pulls excluded
    /// (kubernetes/community sig-scalability/slos/pod_startup_latency.md).
    public var startup = Distribution.uniform(low: .seconds(1), high: .seconds(5))

    public init(
        name: String, kind: Kind = .deployment, replicas: Int, milliCPU: Int64 = 100, memoryBytes: Int64 = 128 << 20,
        spread: ZoneSpread? = nil, minAvailable: Int? = nil
    ) {
        self.name = name
        self.kind = kind
        self.replicas = replicas
        self.milliCPU = milliCPU
        self.memoryBytes = memoryBytes
        self.spread = spread
        self.minAvailable = minAvailable
    }

    /// How many of these pods fit on an empty node of `capacity`.
    public func podsFitting(_ capacity: NodeCapacity) -> Int {
        var fit = capacity.pods
        if milliCPU > 0 { fit = min(fit, Int(capacity.milliCPU / milliCPU)) }
        if memoryBytes > 0 { fit = min(fit, Int(capacity.memoryBytes / memoryBytes)) }
        return fit
    }
}
