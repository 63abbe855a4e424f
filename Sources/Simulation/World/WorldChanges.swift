/// What an event changed that other subsystems may have to follow. A
/// subsystem announces a change (`World.announce`) instead of calling into
/// the subsystems that depend on it; after the event, `World.settle()` lets
/// each dependent subsystem react, in a fixed order.
struct WorldChanges: OptionSet {
    let rawValue: UInt32

    /// A host came, went, froze or thawed; a process on it started or stopped.
    static let hosts = WorldChanges(rawValue: 1 << 0)
    /// A partition or degradation started or ended.
    static let network = WorldChanges(rawValue: 1 << 1)
    /// An etcd member stopped, changed role or leader, or applied a membership change.
    static let etcd = WorldChanges(rawValue: 1 << 2)
    /// An apiserver's /readyz changed.
    static let apiServerReadiness = WorldChanges(rawValue: 1 << 3)
    /// Who leads a leader-election lease changed.
    static let leaseLeaders = WorldChanges(rawValue: 1 << 4)
    /// Where the external IP leads changed (load balancer, pool, outage).
    static let externalIP = WorldChanges(rawValue: 1 << 5)
    /// A master was provisioned or deleted.
    static let masters = WorldChanges(rawValue: 1 << 6)
    /// A worker-side count moved (nodes, pods): the conditions follow.
    static let workers = WorldChanges(rawValue: 1 << 7)
    /// A worker host came or went (`World.hostConcernsControlPlane` is false
    /// for it): only the Workers subsystem follows, so that a frozen control
    /// plane stays frozen (FastForward/).
    static let workerHosts = WorldChanges(rawValue: 1 << 8)

    /// What moves an apiserver's etcd path: everything but its own readiness,
    /// the leases and the external IP.
    static let apiServerPath: WorldChanges = [.hosts, .network, .etcd, .masters]

    /// What the control plane's subsystems follow: a frozen control plane
    /// thaws before it settles any of these (FastForward/).
    static let followedByControlPlane: WorldChanges = [.hosts, .network, .etcd, .apiServerReadiness, .leaseLeaders, .externalIP, .masters]

    /// Settling ends within this many rounds: each round's reactions
    /// announce only changes that later subsystems in the order consume.
    static let maximumSettleRounds = 3

    /// Every change: what a subsystem that follows the whole settled state (Workers, Recording) reacts to.
    static let everything = WorldChanges(rawValue: .max)
}

extension World {
    /// Notes that the current event changed something others may follow;
    /// `settle()` lets them react once the event is done.
    mutating func announce(_ change: WorldChanges) { changes.formUnion(change) }
}
