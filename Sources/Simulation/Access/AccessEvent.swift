/// The Access subsystem's events: the external IP, the load balancer's
/// health checks, the `kubernetes` service and the client probes. Trace
/// kinds 13 to 19 and 34 (see `WorldEvent`).
public enum AccessEvent: Hashable, Sendable {
    /// A load balancer creation or removal takes effect.
    case externalEndpointDue
    /// The load balancer probes the apiserver on `host`.
    case healthCheck(host: Int)
    /// The apiserver on `host` runs its `kubernetes` service endpoint reconcile.
    case serviceReconcile(host: Int)
    /// The etcd calls of the reconcile on `host` are answered: it writes.
    case serviceReconcileAnswered(host: Int)
    /// A client probe sends a request, from outside or inside the cluster.
    case clientRequest(inCluster: Bool)
    /// The client gives up on request `request` if it is still pending.
    case clientTimeout(request: Int)
    /// Client request `request` reaches its apiserver.
    case apiRequestArrives(request: Int)
    /// The reply to client request `request` reaches its client.
    case apiResponseArrives(request: Int)

    var traceCode: UInt64 {
        switch self {
        case .externalEndpointDue: return 13 << 56
        case .healthCheck(let host): return 14 << 56 | UInt64(host)
        case .serviceReconcile(let host): return 15 << 56 | UInt64(host)
        case .serviceReconcileAnswered(let host): return 34 << 56 | UInt64(host)
        case .clientRequest(let inCluster): return 16 << 56 | (inCluster ? 1 : 0)
        case .clientTimeout(let request): return 17 << 56 | UInt64(request)
        case .apiRequestArrives(let request): return 18 << 56 | UInt64(request)
        case .apiResponseArrives(let request): return 19 << 56 | UInt64(request)
        }
    }
}
