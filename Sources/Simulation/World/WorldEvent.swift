import SimKernel

/// Everything that can happen in the World; dispatched at one point,
/// `World.handle(_:)`. A value type with no closures, so it can be printed and
/// folded into the trace digest.
public enum WorldEvent: Hashable, Sendable, TraceableEvent {
    /// Fault number `index` of the scenario starts.
    case faultStarts(index: Int)
    /// Fault number `index` ends; what it held down may come back.
    case faultEnds(index: Int)
    /// A Raft tick of an etcd member, for the member's life `incarnation`.
    case etcdTick(member: Int, incarnation: Int)
    /// An etcd member's pending disk write became durable.
    case etcdPersisted(member: Int, incarnation: Int)
    /// The Raft message in pool slot `slot` arrives at its member, sent to the
    /// member's life `incarnation`; `code` identifies it in the digest.
    case etcdDeliver(slot: Int32, incarnation: Int32, code: UInt64)
    /// The write probe sends its next write.
    case probeWrite
    /// Probe write `probe` is given up if still unanswered.
    case probeTimeout(probe: Int)
    /// A step of master operation `index`.
    case operation(index: Int, step: MasterOperationStep)
    /// A load balancer creation or removal takes effect.
    case externalEndpointDue
    /// The load balancer probes the apiserver on `host`.
    case healthCheck(host: Int)
    /// The apiserver on `host` runs its `kubernetes` service endpoint reconcile.
    case serviceReconcile(host: Int)
    /// A client probe sends a request, from outside or inside the cluster.
    case clientRequest(inCluster: Bool)
    /// The client gives up on request `request` if it is still pending.
    case clientTimeout(request: Int)
    /// Client request `request` reaches its apiserver.
    case apiRequestArrives(request: Int)
    /// The reply to client request `request` reaches its client.
    case apiResponseArrives(request: Int)
    /// The apiserver on `host` fails /readyz if its etcd path still fails.
    case apiServerReadinessCheck(host: Int, generation: Int)
    /// A leader-election candidate's next try (acquire or renew).
    case leaseTry(candidate: Int, generation: Int)
    /// A candidate that exited after losing its lease is restarted.
    case leaseRestart(candidate: Int, generation: Int)
    /// An add-on manager's periodic sync.
    case addonSync(manager: Int, generation: Int)

    /// Kind in the high byte, parameters below: stable across runs and builds.
    public var traceCode: UInt64 {
        switch self {
        case .faultStarts(let index): return 1 << 56 | UInt64(index)
        case .faultEnds(let index): return 2 << 56 | UInt64(index)
        case .etcdTick(let member, let incarnation): return 3 << 56 | UInt64(member) << 32 | UInt64(incarnation)
        case .etcdPersisted(let member, let incarnation): return 4 << 56 | UInt64(member) << 32 | UInt64(incarnation)
        case .etcdDeliver(_, _, let code): return 5 << 56 | code
        case .probeWrite: return 6 << 56
        case .probeTimeout(let probe): return 7 << 56 | UInt64(probe)
        case .operation(let index, let step): return 12 << 56 | UInt64(step.rawValue) << 32 | UInt64(index)
        case .externalEndpointDue: return 13 << 56
        case .healthCheck(let host): return 14 << 56 | UInt64(host)
        case .serviceReconcile(let host): return 15 << 56 | UInt64(host)
        case .clientRequest(let inCluster): return 16 << 56 | (inCluster ? 1 : 0)
        case .clientTimeout(let request): return 17 << 56 | UInt64(request)
        case .apiRequestArrives(let request): return 18 << 56 | UInt64(request)
        case .apiResponseArrives(let request): return 19 << 56 | UInt64(request)
        case .apiServerReadinessCheck(let host, let generation): return 8 << 56 | Self.pair(host, generation)
        case .leaseTry(let candidate, let generation): return 9 << 56 | Self.pair(candidate, generation)
        case .leaseRestart(let candidate, let generation): return 10 << 56 | Self.pair(candidate, generation)
        case .addonSync(let manager, let generation): return 11 << 56 | Self.pair(manager, generation)
        }
    }

    /// An index in bits 32..55 and a generation in the low 32 bits.
    static func pair(_ index: Int, _ generation: Int) -> UInt64 {
        (UInt64(index) & 0xFF_FFFF) << 32 | UInt64(UInt32(truncatingIfNeeded: generation))
    }
}
