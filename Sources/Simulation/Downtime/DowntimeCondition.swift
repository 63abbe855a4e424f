/// An availability condition whose failing intervals are attributed
/// (docs/FAILURES.md, "Downtime attribution"). The raw value is the name
/// stored in the `downtime` table's `metric` column and printed in summaries.
public struct DowntimeCondition: Hashable, Sendable, Comparable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        /// The requests of a client class fail: from a failed request to the
        /// class's next served one (`ClientProbe.outage`), whichever of its
        /// clients sent them. Only for a class that sends requests.
        case client(String)
        /// Some kubelet on a live worker cannot get its requests through:
        /// running on a host that is up and not frozen, its node lease
        /// renewals and status posts reach no apiserver that writes (its
        /// path is silent or refused, `WorkerNodes.kubeletsDown`). A failure
        /// its own retry path absorbs at once (a reset, then a new
        /// connection that is answered) is never seen as one. Only with workers.
        case kubelets
        /// Some of the workload's Service callers' requests fail: the
        /// EndpointSlices list a pod whose node does not serve (kube-proxy
        /// sends a share of the connections there), or list none
        /// (`WorkloadPods.serviceFraction` below 1).
        case service(String)
        /// The external IP reaches no apiserver that serves
        /// (`ClusterCondition.externalIPUnreachable`).
        case externalIP
        /// No etcd member leads with a quorum it can reach
        /// (`ClusterCondition.etcdQuorumLost`).
        case etcdQuorum
        /// Some workload has fewer ready pods than its `minAvailable`
        /// (`ClusterCondition.workloadBelowMinAvailable`).
        case workloads
    }

    public let kind: Kind

    public init(_ kind: Kind) { self.kind = kind }

    /// The condition a stored or written name stands for: `api.<class>`,
    /// `kubelets`, `service.<workload>`, `external-ip`, `etcd.quorum`,
    /// `workloads.minAvailable`.
    public init?(rawValue: String) {
        switch rawValue {
        case "kubelets": kind = .kubelets
        case "external-ip": kind = .externalIP
        case "etcd.quorum": kind = .etcdQuorum
        case "workloads.minAvailable": kind = .workloads
        default:
            if rawValue.hasPrefix("api."), rawValue.count > 4 {
                kind = .client(String(rawValue.dropFirst(4)))
            } else if rawValue.hasPrefix("service."), rawValue.count > 8 {
                kind = .service(String(rawValue.dropFirst(8)))
            } else {
                return nil
            }
        }
    }

    public var rawValue: String {
        switch kind {
        case .client(let name): return "api.\(name)"
        case .kubelets: return "kubelets"
        case .service(let workload): return "service.\(workload)"
        case .externalIP: return "external-ip"
        case .etcdQuorum: return "etcd.quorum"
        case .workloads: return "workloads.minAvailable"
        }
    }

    public var description: String { rawValue }

    /// The outside long-lived client's requests fail: hasim's headline.
    public static let apiExternal = client(ClientClass.externalName)
    public static let kubelets = DowntimeCondition(.kubelets)
    public static let externalIP = DowntimeCondition(.externalIP)
    public static let etcdQuorum = DowntimeCondition(.etcdQuorum)
    public static let workloads = DowntimeCondition(.workloads)

    public static func client(_ name: String) -> DowntimeCondition { DowntimeCondition(.client(name)) }
    public static func service(_ workload: String) -> DowntimeCondition { DowntimeCondition(.service(workload)) }

    /// How the summary names it.
    public var title: String {
        switch kind {
        case .client(ClientClass.externalName): return "API downtime"
        case .client(let name): return "API downtime for \(name)"
        case .kubelets: return "kubelets cut off from the API"
        case .service(let workload): return "Service downtime for \(workload)"
        case .externalIP: return "external IP unreachable"
        case .etcdQuorum: return "etcd quorum lost"
        case .workloads: return "workloads below minAvailable"
        }
    }

    /// The order conditions are listed in, a function of their names alone:
    /// the client classes first (the two probes and kubectl in that order,
    /// then by name), the kubelets, the workloads' Services by name, then
    /// the external IP, etcd and the workloads. The kubelets and the
    /// Services came later and were put with the API's other clients; the
    /// conditions before them keep their order among themselves.
    public static func < (lhs: DowntimeCondition, rhs: DowntimeCondition) -> Bool {
        lhs.sortKey < rhs.sortKey
    }

    private var sortKey: (Int, String) {
        switch kind {
        case .client(ClientClass.externalName): return (0, "")
        case .client(ClientClass.inClusterName): return (1, "")
        case .client(ClientClass.perRequestName): return (2, "")
        case .client(let name): return (3, name)
        case .kubelets: return (4, "")
        case .service(let workload): return (5, workload)
        case .externalIP: return (6, "")
        case .etcdQuorum: return (7, "")
        case .workloads: return (8, "")
        }
    }

    /// Every condition a run of `topology` with `workloads` records, in
    /// order: one per client class (sending requests or not), the kubelets
    /// when there are workers, one Service per workload, and the three of
    /// the cluster.
    public static func recorded(_ topology: Topology, workloads: [Workload]) -> [DowntimeCondition] {
        let kubeletConditions = topology.workerSlots > 0 ? [kubelets] : []
        return (topology.access.population.map { client($0.name) } + kubeletConditions + workloads.map { service($0.name) }
            + [externalIP, etcdQuorum, Self.workloads]).sorted()
    }

    /// The conditions named in `intervals`, in order.
    public static func named(in intervals: [DowntimeInterval]) -> [DowntimeCondition] {
        Set(intervals.compactMap { DowntimeCondition(rawValue: $0.metric) }).sorted()
    }
}
