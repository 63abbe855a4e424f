/// The kind of every notable event a run records (`EventRecord`), grouped by
/// the subsystem that records it. One list, so that the report and the tests
/// match kinds the compiler checks instead of texts that a typo or a rename
/// silently breaks.
///
/// The raw value is the text the `event` table's `kind` column holds and
/// every stored run and pinned fixture already carries: a raw value, once
/// given, is never changed (`EventKindTests` pins them all). A database
/// written by another version may hold a text this list lacks; its readers
/// keep the text (`StoredRun.Event.kind`) and parse it with `init?(rawValue:)`.
public enum EventKind: String, CaseIterable, Hashable, Sendable {
    // Hosts
    case hostUp, hostDown
    // Etcd
    case leaderElected
    // Leases
    case leaseAcquired, leaseLost
    // Addons
    case addonCallTimedOut
    // Faults and failure processes: a start and an end share entity and detail.
    case faultStart, faultEnd, faultSkipped
    // Operations: the steps of adding and removing a master (the GCE procedure).
    case vmCreate, vmReady, vmDeleted, replicateMaster, memberAdded, memberStarted, memberRemoved
    case createLoadBalancer, targetPoolCreated, targetPoolDeleted, operationFailed
    // Access: the external endpoint's transitions (`ExternalEndpoint.Transition.Kind`).
    case loadBalancerCreationStarted, loadBalancerLive, loadBalancerRemovalStarted, loadBalancerRemoved
    case creationQueued, removalQueued, queuedChangeCancelled
    case ipMoved, ipReleased, ipAttached, backendsChanged
    // Access: load balancer health, the kubernetes service, client connections.
    case backendHealthy, backendUnhealthy, endpointsChanged
    case connectionOpened, connectionClosed, connectionReset
    // Workers
    case nodeRegistered, nodeLifecycleControllerStarted, zoneState, nodesNotReady
    case allZonesFullDisruption, allZonesFullDisruptionEnded, podsEvicted, podsUnschedulable
    case scaleUp, scaleUpTimedOut, autoscalerHalted, autoscalerResumed
    // Recording: the last record of a run whose records were cut at their limit.
    case recordsTruncated
    // Workers, appended: a node lifecycle pass that outran its client's token bucket.
    case nodeControllerThrottled
    // Faults, appended: a graceful stop (`stop`, `reboot`) and its steps.
    case gracefulStop, apiServerShutdown, goAway, leadershipTransfer, leaseReleased
    // Access, appended: keepalived's virtual IP (`Mode.virtualIP`).
    case virtualIPLost, virtualIPMoved
    // Access, appended: keepalived's `vrrp_script` turned failed or good.
    case vrrpScriptFailed, vrrpScriptGood
    // Operations, appended: `upgradeMasters`, kubeadm's in-place upgrade.
    case masterUpgradeStarted, staticPodReplaced, staticPodUp, masterUpgraded
    // Access, appended: kube-vip's control-plane health check in BGP mode.
    case bgpRouteWithdrawn, bgpRouteAnnounced
    // APIServers, appended: an apiserver's etcd client connection to a
    // member that stopped answering without a reset (`EtcdClient`).
    case etcdConnectionSilent
    // Workers, appended: `drainNode` (kubectl drain) and the evictions a PodDisruptionBudget refused.
    case drainStarted, nodeCordoned, drainEvicted, drainEvictionRefused, drainCompleted, drainTimedOut
    // Workers, appended: `upgradeWorkers`, a node pool's surge upgrade.
    case workerUpgradeStarted, upgradeNodeRequested, workerNodeRemoved, workersUpgraded
    // Workers, appended: `kubectl uncordon` after a maintenance drain.
    case nodeUncordoned
}
