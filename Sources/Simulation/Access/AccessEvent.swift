/// The Access subsystem's events: the external IP, the load balancer's
/// health checks, the `kubernetes` service and the client probes. Trace
/// kinds 13 to 19, 34, 39, 40 and 44 (`TraceKind`).
public enum AccessEvent: Hashable, Sendable {
    /// A load balancer creation or removal takes effect.
    case externalEndpointDue
    /// The load balancer probes the apiserver on `host`.
    case healthCheck(host: Int)
    /// The apiserver on `host` runs its `kubernetes` service endpoint reconcile.
    case serviceReconcile(host: Int)
    /// The etcd calls of the reconcile on `host` are answered: it writes.
    case serviceReconcileAnswered(host: Int)
    /// Client `member` of client class `client` sends a request.
    case clientRequest(client: Int, member: Int)
    /// The client gives up on request `request` if it is still pending.
    case clientTimeout(request: Int)
    /// Client request `request` reaches its apiserver.
    case apiRequestArrives(request: Int)
    /// The reply to client request `request` reaches its client.
    case apiResponseArrives(request: Int)
    /// keepalived's backups take the virtual IP over (`VirtualIP.takeoverDue`).
    case virtualIPTakeover
    /// keepalived on `host` runs its `vrrp_script` (`VirtualIPSettings.checkInterval`).
    case vrrpScript(host: Int)
    /// kube-vip on `host` checks its local apiserver (`KubeVipRouteCheckSettings`).
    case routeCheck(host: Int)

    var traceCode: UInt64 {
        switch self {
        case .externalEndpointDue: return TraceKind.externalEndpointDue.code()
        case .healthCheck(let host): return TraceKind.healthCheck.code(UInt64(host))
        case .serviceReconcile(let host): return TraceKind.serviceReconcile.code(UInt64(host))
        case .serviceReconcileAnswered(let host): return TraceKind.serviceReconcileAnswered.code(UInt64(host))
        // The class in the low 16 bits, so that the two probes' codes (0 and 1) stay.
        case .clientRequest(let client, let member): return TraceKind.clientRequest.code(UInt64(member) << 16 | UInt64(client))
        case .clientTimeout(let request): return TraceKind.clientTimeout.code(UInt64(request))
        case .apiRequestArrives(let request): return TraceKind.apiRequestArrives.code(UInt64(request))
        case .apiResponseArrives(let request): return TraceKind.apiResponseArrives.code(UInt64(request))
        case .virtualIPTakeover: return TraceKind.virtualIPTakeover.code()
        case .vrrpScript(let host): return TraceKind.vrrpScript.code(UInt64(host))
        case .routeCheck(let host): return TraceKind.kubeVipRouteCheck.code(UInt64(host))
        }
    }
}
