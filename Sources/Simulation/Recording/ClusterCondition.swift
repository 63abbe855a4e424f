/// A named boolean state of the whole cluster, recorded as intervals while it
/// holds and usable in `never` / `always` expectations.
public enum ClusterCondition: String, CaseIterable, Hashable, Sendable {
    /// No master host is up.
    case noMasterUp
    /// At least one master host is up.
    case anyMasterUp
    /// Every master host is up.
    case allMastersUp
    /// At least one zone is in an outage.
    case anyZoneDown
    /// Fewer than a majority of the master hosts are up: with one etcd member
    /// per master (stacked), quorum is impossible while this holds.
    case masterMajorityDown
    /// No etcd member leads with a quorum it can reach: writes cannot commit.
    case etcdQuorumLost
    /// No apiserver's /readyz passes.
    case noAPIServerReady
    /// More than one instance of some elected component believes it leads.
    case splitBrain
    /// Fewer than a majority of the etcd voting members have their process
    /// running, stacked or external: quorum is impossible until one returns,
    /// unlike `etcdQuorumLost`, which also holds for a second during every election.
    case etcdMajorityDown
    /// The external IP reaches no apiserver that serves: it points nowhere
    /// (a scripted load balancer change under way), at a stopped or cut-off
    /// master, or at a load balancer none of whose backends serves. Kubelets
    /// on GCE reach the masters through this IP.
    case externalIPUnreachable
    /// The node lifecycle controller sees every zone in FullDisruption: it
    /// has stopped tainting and removed the NoExecute taints, so no pod is
    /// evicted (node_lifecycle_controller.go `handleDisruption`).
    case evictionsStopped
    /// Some workload has fewer ready pods than its `minAvailable`.
    case workloadBelowMinAvailable

    public var explanation: String {
        switch self {
        case .noMasterUp: return "no master host is up"
        case .anyMasterUp: return "at least one master host is up"
        case .allMastersUp: return "every master host is up"
        case .anyZoneDown: return "at least one zone is in an outage"
        case .masterMajorityDown: return "fewer than floor(n/2)+1 of the n master hosts are up"
        case .etcdQuorumLost: return "no etcd member is leader with a quorum of members it can reach"
        case .noAPIServerReady: return "no apiserver is ready"
        case .splitBrain: return "more than one instance of kube-controller-manager, kube-scheduler or cluster-autoscaler believes it leads"
        case .etcdMajorityDown: return "fewer than floor(n/2)+1 of the n etcd voting members are running"
        case .externalIPUnreachable: return "the external IP reaches no apiserver that serves"
        case .evictionsStopped: return "every zone is in FullDisruption: the node lifecycle controller evicts nothing"
        case .workloadBelowMinAvailable: return "some workload has fewer ready pods than its minAvailable"
        }
    }
}
