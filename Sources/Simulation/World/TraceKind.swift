/// The kind of every event the World dispatches: the high byte of its trace
/// code, which the digest folds with the event's time and sequence number.
/// One list, so that two subsystems cannot take the same number and a test
/// (`TraceKindTests`) can pin them: a number, once given, is never changed
/// or reused, since changing it would move every digest of a run that has
/// such an event. A new kind takes the next free number.
///
/// Grouped by the subsystem that owns the kinds; the numbers are those the
/// kinds had when they were written beside each event enum, so the move into
/// this list kept every digest.
enum TraceKind: UInt64, CaseIterable, Sendable {
    // Faults (FaultEvent)
    case faultStarts = 1
    case faultEnds = 2
    // Etcd (EtcdEvent)
    case etcdTick = 3
    case etcdPersisted = 4
    case etcdDeliver = 5
    case etcdProbeWrite = 6
    case etcdProbeTimeout = 7
    case etcdTransferPoll = 38
    // APIServers (APIServerEvent)
    case apiServerReadinessCheck = 8
    case apiServerEtcdRequestTimedOut = 29
    case apiServerShutdownDelayEnds = 36
    case apiServerDrainTimedOut = 37
    case apiServerEtcdKeepaliveExpires = 41
    // Leases (LeaseEvent)
    case leaseTry = 9
    case leaseRestart = 10
    case leaseCallEnds = 32
    // Addons (AddonEvent)
    case addonSync = 11
    case addonCallEnds = 33
    // Operations (OperationEvent)
    case operationStep = 12
    // Access (AccessEvent)
    case externalEndpointDue = 13
    case healthCheck = 14
    case serviceReconcile = 15
    case serviceReconcileAnswered = 34
    case virtualIPTakeover = 39
    case vrrpScript = 40
    case kubeVipRouteCheck = 44
    case clientRequest = 16
    case clientTimeout = 17
    case apiRequestArrives = 18
    case apiResponseArrives = 19
    // Workers (WorkersEvent)
    case monitorPass = 20
    case taintPass = 21
    case evictionsDue = 22
    case schedulePod = 23
    case podsStarted = 24
    case autoscalerScan = 25
    case nodeProvisioned = 26
    case statusPost = 27
    case kubeletAttempt = 28
    case kubeletConnection = 35
    case drainPass = 42
    case upgradePass = 43
    // Failures (FailureEvent)
    case failureFails = 30
    case failureRepaired = 31

    /// The subsystem whose events carry this kind (`Subsystem.traceKinds`).
    var owner: SubsystemID {
        switch self {
        case .faultStarts, .faultEnds: return .faults
        case .etcdTick, .etcdPersisted, .etcdDeliver, .etcdProbeWrite, .etcdProbeTimeout, .etcdTransferPoll: return .etcd
        case .apiServerReadinessCheck, .apiServerEtcdRequestTimedOut, .apiServerShutdownDelayEnds, .apiServerDrainTimedOut,
            .apiServerEtcdKeepaliveExpires:
            return .apiServers
        case .leaseTry, .leaseRestart, .leaseCallEnds: return .leases
        case .addonSync, .addonCallEnds: return .addons
        case .operationStep: return .operations
        case .externalEndpointDue, .healthCheck, .serviceReconcile, .serviceReconcileAnswered, .clientRequest, .clientTimeout,
            .apiRequestArrives, .apiResponseArrives, .virtualIPTakeover, .vrrpScript, .kubeVipRouteCheck:
            return .access
        case .monitorPass, .taintPass, .evictionsDue, .schedulePod, .podsStarted, .autoscalerScan, .nodeProvisioned, .statusPost,
            .kubeletAttempt, .kubeletConnection, .drainPass, .upgradePass:
            return .workers
        case .failureFails, .failureRepaired: return .failures
        }
    }

    /// The trace code: this kind in the high byte, the event's own
    /// parameters (which must fit in the low 56 bits) below.
    func code(_ parameters: UInt64 = 0) -> UInt64 { rawValue << 56 | parameters }
}
