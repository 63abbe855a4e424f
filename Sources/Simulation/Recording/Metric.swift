/// A metric's name, typed: `.etcdQuorumAvailability` instead of the string
/// `"etcd.quorum.availability"`. Every name the simulator records is
/// declared here once: each subsystem's `<Subsystem>Metrics.swift` defines
/// its metrics with these constants (`MetricDefinition` takes a `Metric`),
/// and tests read them with the same constants (`RunResult.metric(_:)`,
/// `TestRun.value(_:)`). `MetricTests` checks that the constants and the
/// definitions are the same set, so a constant cannot name nothing. A name
/// can still be written as a string literal.
public struct Metric: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var name: String

    public init(_ name: String) { self.name = name }
    public init(stringLiteral name: String) { self.name = name }
    public var description: String { name }

    // MARK: Hosts and zones

    /// Time-average of the fraction of master hosts up (ratio).
    public static let mastersUpFraction = Metric("hosts.masters.up.fraction")
    /// Total seconds with no master host up.
    public static let noMasterUpSeconds = Metric("hosts.masters.noneUp.seconds")
    /// The longest stretch, in seconds, with no master host up.
    public static let noMasterUpLongestSeconds = Metric("hosts.masters.noneUp.longest.seconds")
    /// Total seconds with fewer than a majority of master hosts up.
    public static let masterMajorityDownSeconds = Metric("hosts.masters.majorityDown.seconds")
    /// Time-average of the fraction of worker hosts up (ratio; only with workers).
    public static let workersUpFraction = Metric("hosts.workers.up.fraction")
    /// Fraction of the run the zone was not in an outage (ratio).
    public static func zoneAvailability(_ zone: String) -> Metric { Metric("zone.\(zone).availability") }
    /// Faults that started within the run.
    public static let faultsInjected = Metric("faults.injected")

    // MARK: etcd

    /// Fraction of the run with a leader that reaches a quorum (ratio).
    public static let etcdQuorumAvailability = Metric("etcd.quorum.availability")
    /// Total seconds with no leader that reaches a quorum.
    public static let etcdLeaderlessSeconds = Metric("etcd.leaderless.seconds")
    /// The longest stretch, in seconds, with no leader that reaches a quorum.
    public static let etcdLeaderlessLongestSeconds = Metric("etcd.leaderless.longest.seconds")
    /// Elections won during the run (the bootstrap not counted).
    public static let etcdElections = Metric("etcd.elections")
    /// The highest Raft term reached.
    public static let etcdTermMax = Metric("etcd.term.max")
    /// Probe writes sent.
    public static let etcdWriteProbes = Metric("etcd.write.probes")
    /// Probe writes applied over writes judged (ratio).
    public static let etcdWriteAvailability = Metric("etcd.write.availability")
    /// Median latency of successful probe writes, seconds.
    public static let etcdWriteLatencyP50Seconds = Metric("etcd.write.latency.p50.seconds")
    /// 99th percentile latency of successful probe writes, seconds.
    public static let etcdWriteLatencyP99Seconds = Metric("etcd.write.latency.p99.seconds")

    // MARK: Access and clients

    /// Seconds a load balancer creation or removal was propagating.
    public static let loadBalancerPropagatingSeconds = Metric("access.loadBalancer.propagating.seconds")
    /// Seconds the external IP reached no apiserver that serves.
    public static let externalIPUnreachableSeconds = Metric("api.externalIP.unreachable.seconds")
    /// Requests of client class `name` an apiserver served (ratio).
    public static func clientAvailability(_ name: String) -> Metric { Metric("api.\(name).availability") }
    /// Longest time from a failed request of the class to its next served one, seconds.
    public static func clientLongestOutageSeconds(_ name: String) -> Metric { Metric("api.\(name).longestOutage.seconds") }
    /// Requests of the class that met a dead or unreachable apiserver.
    public static func clientDeadBackendRequests(_ name: String) -> Metric { Metric("api.\(name).deadBackendRequests") }
    /// Seconds the class's connections stayed pinned to a silent apiserver host, summed over its clients.
    public static func clientPinnedSeconds(_ name: String) -> Metric { Metric("api.\(name).pinned.seconds") }
    /// Connections the class's clients opened after one broke.
    public static func clientReconnects(_ name: String) -> Metric { Metric("api.\(name).reconnects") }
    /// Median latency of the class's served requests, seconds.
    public static func clientLatencyP50Seconds(_ name: String) -> Metric { Metric("api.\(name).latency.p50.seconds") }
    /// 99th percentile latency of the class's served requests, seconds.
    public static func clientLatencyP99Seconds(_ name: String) -> Metric { Metric("api.\(name).latency.p99.seconds") }

    /// Outside requests an apiserver served (ratio).
    public static let externalAvailability = clientAvailability(ClientClass.externalName)
    /// Longest time from a failed outside request to the next served one, seconds.
    public static let externalLongestOutageSeconds = clientLongestOutageSeconds(ClientClass.externalName)
    /// Outside requests served while a load balancer change propagated (ratio).
    public static let externalAvailabilityWhilePropagating = Metric("api.external.availability.whilePropagating")
    /// Outside requests that met a dead or unreachable apiserver.
    public static let externalDeadBackendRequests = clientDeadBackendRequests(ClientClass.externalName)
    /// Seconds the outside client's connection stayed pinned to a silent apiserver host.
    public static let externalPinnedSeconds = clientPinnedSeconds(ClientClass.externalName)
    /// Connections the outside client opened after one broke.
    public static let externalReconnects = clientReconnects(ClientClass.externalName)
    /// Median latency of served outside requests, seconds.
    public static let externalLatencyP50Seconds = clientLatencyP50Seconds(ClientClass.externalName)
    /// 99th percentile latency of served outside requests, seconds.
    public static let externalLatencyP99Seconds = clientLatencyP99Seconds(ClientClass.externalName)
    /// In-cluster requests an apiserver served (ratio).
    public static let inClusterAvailability = clientAvailability(ClientClass.inClusterName)
    /// Longest time from a failed in-cluster request to the next served one, seconds.
    public static let inClusterLongestOutageSeconds = clientLongestOutageSeconds(ClientClass.inClusterName)
    /// Seconds the in-cluster client's connection stayed pinned to a silent apiserver host.
    public static let inClusterPinnedSeconds = clientPinnedSeconds(ClientClass.inClusterName)
    /// Connections the in-cluster client opened after one broke.
    public static let inClusterReconnects = clientReconnects(ClientClass.inClusterName)
    /// Median latency of served in-cluster requests, seconds.
    public static let inClusterLatencyP50Seconds = clientLatencyP50Seconds(ClientClass.inClusterName)
    /// 99th percentile latency of served in-cluster requests, seconds.
    public static let inClusterLatencyP99Seconds = clientLatencyP99Seconds(ClientClass.inClusterName)
    /// Times an apiserver's reconcile changed the kubernetes service's endpoints.
    public static let kubernetesServiceEndpointWrites = Metric("kubernetesService.endpoints.writes")

    // MARK: Control plane

    /// Time-average of the fraction of apiservers whose /readyz passes (ratio).
    public static let apiServerReadyFraction = Metric("apiserver.ready.fraction")
    /// Total seconds with no apiserver ready.
    public static let noAPIServerReadySeconds = Metric("apiserver.noneReady.seconds")
    /// Fraction of the run the apiserver on this master was ready (ratio).
    public static func apiServerReadyFraction(host: String) -> Metric { Metric("apiserver.\(host).ready.fraction") }
    /// With external etcd: requests the apiserver on this master sent to
    /// etcd on a connection to a member that had died silently (count).
    public static func apiServerEtcdDeadMemberRequests(host: String) -> Metric { Metric("apiserver.\(host).etcdDeadMemberRequests") }
    /// Total seconds more than one instance believed it led (split brain).
    public static func leaseOverlapSeconds(_ lease: LeaseName) -> Metric { Metric("lease.\(lease.rawValue).overlap.seconds") }
    /// Total seconds no instance believed it led.
    public static func leaseHolderlessSeconds(_ lease: LeaseName) -> Metric { Metric("lease.\(lease.rawValue).holderless.seconds") }
    /// The longest stretch, in seconds, with no instance leading.
    public static func leaseHolderlessLongestSeconds(_ lease: LeaseName) -> Metric { Metric("lease.\(lease.rawValue).holderless.longest.seconds") }
    /// Leader transitions of the lease record during the run.
    public static func leaseTransitions(_ lease: LeaseName) -> Metric { Metric("lease.\(lease.rawValue).transitions") }
    /// Requests of the lease's candidates that hung until a timeout ended them.
    public static func leaseRequestTimeouts(_ lease: LeaseName) -> Metric { Metric("lease.\(lease.rawValue).requestTimeouts") }
    /// Total seconds some instance led but none that led did its work.
    public static func leaseUselessSeconds(_ lease: LeaseName) -> Metric { Metric("lease.\(lease.rawValue).useless.seconds") }
    /// The longest time without a successful add-on sync, seconds.
    public static let addonSyncStalenessMaxSeconds = Metric("addons.sync.staleness.max.seconds")
    /// Add-on manager syncs that succeeded over syncs tried (ratio).
    public static let addonSyncAvailability = Metric("addons.sync.availability")

    // MARK: Workers (only with workers)

    /// The most nodes at once whose Ready condition was not True.
    public static let nodesNotReadyPeak = Metric("nodes.notReady.peak")
    /// Node-seconds with Ready not True, summed over the nodes.
    public static let nodesNotReadySeconds = Metric("nodes.notReady.seconds")
    /// Node-seconds with Ready not True, summed over the masters' nodes
    /// (only with `topology.kubelet.controlPlaneNodes`).
    public static let controlPlaneNodesNotReadySeconds = Metric("nodes.controlPlane.notReady.seconds")
    /// The most nodes at once carrying a NoExecute taint of the node lifecycle controller.
    public static let nodesTaintedPeak = Metric("nodes.tainted.peak")
    /// Seconds every zone was in FullDisruption (no evictions).
    public static let allZonesFullDisruptionSeconds = Metric("nodes.allZonesFullDisruption.seconds")
    /// Node lease renewals that reached etcd.
    public static let nodeLeaseRenewals = Metric("nodes.leaseRenewals")
    /// Kubelet-seconds with a kubelet's connection pinned to a silent apiserver.
    public static let kubeletPinnedSeconds = Metric("nodes.kubeletPinned.seconds")
    /// Kubelet-seconds with a kubelet on a live worker cut off from the API
    /// (the `kubelets` downtime condition, summed over the kubelets).
    public static let kubeletCutOffSeconds = Metric("nodes.kubeletCutOff.seconds")
    /// Nodes the cluster autoscaler added that registered (only with an autoscaler).
    public static let autoscalerNodesAdded = Metric("autoscaler.nodesAdded")
    /// Nodes given up after max-node-provision-time (only with an autoscaler).
    public static let autoscalerScaleUpsFailed = Metric("autoscaler.scaleUpsFailed")
    /// Pods deleted by taint-based eviction (only with workloads).
    public static let podsEvicted = Metric("pods.evicted")
    /// The most pods pending at once.
    public static let podsPendingPeak = Metric("pods.pending.peak")
    /// The longest a pod waited to be bound, seconds.
    public static let podsPendingLongestSeconds = Metric("pods.pending.longest.seconds")
    /// Time-average over all workloads of ready / desired replicas (ratio).
    public static let workloadAvailability = Metric("workload.availability")
    /// Time-average of ready / desired replicas of one workload (ratio).
    public static func workloadAvailability(_ workload: String) -> Metric { Metric("workload.\(workload).availability") }
    /// Seconds the workload had fewer ready pods than minAvailable.
    public static func workloadBelowMinAvailableSeconds(_ workload: String) -> Metric { Metric("workload.\(workload).belowMinAvailable.seconds") }
    public static func workloadServiceAvailability(_ workload: String) -> Metric { Metric("workload.\(workload).service.availability") }
    /// Evictions of one workload's pods its PodDisruptionBudget refused (only with a `pdb`).
    public static func workloadEvictionsRefused(_ workload: String) -> Metric { Metric("workload.\(workload).evictionsRefused") }

    // MARK: Drains (only with drainNode operations)

    /// Drains begun.
    public static let drainsStarted = Metric("drains.started")
    /// Drains that completed: every pod evicted and gone.
    public static let drainsCompleted = Metric("drains.completed")
    /// Drains that did not complete: their timeout ended them, or the run did.
    public static let drainsIncomplete = Metric("drains.incomplete")
    /// Pods the drains evicted through the eviction API.
    public static let drainsPodsEvicted = Metric("drains.podsEvicted")
    /// Eviction requests a PodDisruptionBudget refused (429).
    public static let drainsEvictionsRefused = Metric("drains.evictionsRefused")
    /// The longest completed drain, from its start to its last pod gone, seconds.
    public static let drainsLongestSeconds = Metric("drains.longest.seconds")

    // MARK: Failure processes (only with failures:)

    /// Failures that started within the run.
    public static let failuresStarted = Metric("failures.started")
    /// Failures of one class's processes (master, worker, zone, ...) that started.
    public static func failuresStarted(_ targetClass: String) -> Metric { Metric("failures.\(targetClass).started") }
    /// Target-seconds one class's processes held their targets down.
    public static func failuresDownSeconds(_ targetClass: String) -> Metric { Metric("failures.\(targetClass).down.seconds") }

    /// Every constant above, for a topology with these zones, masters,
    /// workloads and failure classes: what `MetricTests` compares with the
    /// definitions.
    static func named(
        zones: [String], masters: [String], workloads: [String] = [], failureClasses: [String] = [],
        clientClasses: [String] = [ClientClass.externalName, ClientClass.inClusterName, ClientClass.perRequestName],
        leases: [LeaseName] = LeaseName.controlPlane, externalEtcd: Bool = false
    ) -> [Metric] {
        var all: [Metric] = [
            .mastersUpFraction, .noMasterUpSeconds, .noMasterUpLongestSeconds, .masterMajorityDownSeconds,
            .workersUpFraction, .faultsInjected, .etcdQuorumAvailability, .etcdLeaderlessSeconds,
            .etcdLeaderlessLongestSeconds, .etcdElections, .etcdTermMax, .etcdWriteProbes, .etcdWriteAvailability,
            .etcdWriteLatencyP50Seconds, .etcdWriteLatencyP99Seconds, .loadBalancerPropagatingSeconds,
            .externalIPUnreachableSeconds, .externalAvailabilityWhilePropagating, .kubernetesServiceEndpointWrites, .apiServerReadyFraction,
            .noAPIServerReadySeconds, .addonSyncStalenessMaxSeconds, .addonSyncAvailability,
            .nodesNotReadyPeak, .nodesNotReadySeconds, .controlPlaneNodesNotReadySeconds, .nodesTaintedPeak, .allZonesFullDisruptionSeconds,
            .nodeLeaseRenewals, .kubeletPinnedSeconds, .kubeletCutOffSeconds, .autoscalerNodesAdded, .autoscalerScaleUpsFailed, .podsEvicted, .podsPendingPeak,
            .podsPendingLongestSeconds, .workloadAvailability, .failuresStarted,
            .drainsStarted, .drainsCompleted, .drainsIncomplete, .drainsPodsEvicted, .drainsEvictionsRefused, .drainsLongestSeconds,
        ]
        for name in clientClasses {
            all += [
                clientAvailability(name), clientLongestOutageSeconds(name), clientDeadBackendRequests(name), clientPinnedSeconds(name),
                clientReconnects(name), clientLatencyP50Seconds(name), clientLatencyP99Seconds(name),
            ]
        }
        all += zones.map(zoneAvailability)
        all += masters.map { apiServerReadyFraction(host: $0) }
        if externalEtcd { all += masters.map { apiServerEtcdDeadMemberRequests(host: $0) } }
        for lease in leases {
            all += [
                leaseOverlapSeconds(lease), leaseHolderlessSeconds(lease), leaseHolderlessLongestSeconds(lease),
                leaseTransitions(lease), leaseRequestTimeouts(lease), leaseUselessSeconds(lease),
            ]
        }
        all += workloads.flatMap {
            [workloadAvailability($0), workloadServiceAvailability($0), workloadBelowMinAvailableSeconds($0), workloadEvictionsRefused($0)]
        }
        all += failureClasses.flatMap { [failuresStarted($0), failuresDownSeconds($0)] }
        return all
    }
}
