/// An availability condition whose failing intervals are attributed
/// (docs/FAILURES.md, "Downtime attribution"). The raw value is the name
/// stored in the `downtime` table's `metric` column and printed in summaries.
public struct DowntimeCondition: Hashable, Sendable, Comparable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        /// The requests of a client class fail: from a failed request to the
        /// class's next served one (`ClientProbe.outage`), whichever of its
        /// clients sent them. Only for a class that sends requests.
        case client(String)
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
    /// `external-ip`, `etcd.quorum`, `workloads.minAvailable`.
    public init?(rawValue: String) {
        switch rawValue {
        case "external-ip": kind = .externalIP
        case "etcd.quorum": kind = .etcdQuorum
        case "workloads.minAvailable": kind = .workloads
        default:
            guard rawValue.hasPrefix("api."), rawValue.count > 4 else { return nil }
            kind = .client(String(rawValue.dropFirst(4)))
        }
    }

    public var rawValue: String {
        switch kind {
        case .client(let name): return "api.\(name)"
        case .externalIP: return "external-ip"
        case .etcdQuorum: return "etcd.quorum"
        case .workloads: return "workloads.minAvailable"
        }
    }

    public var description: String { rawValue }

    /// The outside long-lived client's requests fail: hasim's headline.
    public static let apiExternal = client(ClientClass.externalName)
    public static let externalIP = DowntimeCondition(.externalIP)
    public static let etcdQuorum = DowntimeCondition(.etcdQuorum)
    public static let workloads = DowntimeCondition(.workloads)

    public static func client(_ name: String) -> DowntimeCondition { DowntimeCondition(.client(name)) }

    /// How the summary names it.
    public var title: String {
        switch kind {
        case .client(ClientClass.externalName): return "API downtime"
        case .client(let name): return "API downtime for \(name)"
        case .externalIP: return "external IP unreachable"
        case .etcdQuorum: return "etcd quorum lost"
        case .workloads: return "workloads below minAvailable"
        }
    }

    /// The order conditions are listed in, a function of their names alone:
    /// the client classes first (the two probes and kubectl in that order,
    /// then by name), then the external IP, etcd and the workloads.
    public static func < (lhs: DowntimeCondition, rhs: DowntimeCondition) -> Bool {
        lhs.sortKey < rhs.sortKey
    }

    private var sortKey: (Int, String) {
        switch kind {
        case .client(ClientClass.externalName): return (0, "")
        case .client(ClientClass.inClusterName): return (1, "")
        case .client(ClientClass.perRequestName): return (2, "")
        case .client(let name): return (3, name)
        case .externalIP: return (4, "")
        case .etcdQuorum: return (5, "")
        case .workloads: return (6, "")
        }
    }

    /// Every condition a run of `topology` records, in order: one per
    /// client class (sending requests or not), and the three of the cluster.
    public static func recorded(_ topology: Topology) -> [DowntimeCondition] {
        (topology.access.population.map { client($0.name) } + [externalIP, etcdQuorum, workloads]).sorted()
    }

    /// The conditions named in `intervals`, in order.
    public static func named(in intervals: [DowntimeInterval]) -> [DowntimeCondition] {
        Set(intervals.compactMap { DowntimeCondition(rawValue: $0.metric) }).sorted()
    }
}
