/// An availability condition whose failing intervals are attributed
/// (docs/FAILURES.md, "Downtime attribution"). The raw value is the name
/// stored in the `downtime` table's `metric` column and printed in summaries.
public enum DowntimeCondition: String, CaseIterable, Hashable, Sendable {
    /// The outside client probe's requests fail: from its first failed
    /// request to the next served one (`ClientProbe.outage`). Only with
    /// `access.clients.external` above zero.
    case apiExternal = "api.external"
    /// The external IP reaches no apiserver that serves
    /// (`ClusterCondition.externalIPUnreachable`).
    case externalIP = "external-ip"
    /// No etcd member leads with a quorum it can reach
    /// (`ClusterCondition.etcdQuorumLost`).
    case etcdQuorum = "etcd.quorum"
    /// Some workload has fewer ready pods than its `minAvailable`
    /// (`ClusterCondition.workloadBelowMinAvailable`).
    case workloads = "workloads.minAvailable"

    /// How the summary names it.
    public var title: String {
        switch self {
        case .apiExternal: return "API downtime"
        case .externalIP: return "external IP unreachable"
        case .etcdQuorum: return "etcd quorum lost"
        case .workloads: return "workloads below minAvailable"
        }
    }
}
