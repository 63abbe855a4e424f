import SimKernel

/// A failure that recurs for the whole run (issue 14): each target it names
/// alternates between up and down, an alternating renewal process. It stays
/// up for a time drawn from `timeToFailure`, then down for a time drawn from
/// `timeToRepair`, then up again, until the run ends. Written in scenarios as
/// `{every: master, mtbf: 90d, mttr: 30m}`.
public struct FailureProcess: Hashable, Sendable {
    public var target: FailureTarget
    /// Up time before each failure; `mtbf: 90d` is `.exponential(mean: 90d)`.
    public var timeToFailure: Distribution
    /// Down time before each repair.
    public var timeToRepair: Distribution

    public init(target: FailureTarget, timeToFailure: Distribution, timeToRepair: Distribution) {
        self.target = target
        self.timeToFailure = timeToFailure
        self.timeToRepair = timeToRepair
    }

    /// Whether both times are exponential: the case the k-of-n formula of
    /// `QuorumAvailability` describes exactly (a Markov chain per target).
    public var isExponential: Bool {
        if case .exponential = timeToFailure, case .exponential = timeToRepair { return true }
        return false
    }
}

/// What a failure process fails: a class of targets (each one failing on its
/// own) or a single one.
public enum FailureTarget: Hashable, Sendable {
    /// Every master host (a host crash: every process on it stops).
    case everyMaster
    /// Every worker host.
    case everyWorker
    /// Every zone (a zone outage).
    case everyZone
    /// Every etcd process, stacked or external (an etcd crash; the host stays up).
    case everyEtcdMember
    /// The apiserver on every master (a component crash).
    case everyAPIServer
    /// One host, by id (a host crash).
    case host(Int)
    /// One zone, by index (a zone outage).
    case zone(Int)
    /// The load balancer in front of the masters (a load balancer outage).
    case loadBalancer

    /// The name metrics group by: the key the scenario entry used
    /// (`every: master` -> `master`, `host: NAME` -> `host`).
    public var className: String {
        switch self {
        case .everyMaster: return "master"
        case .everyWorker: return "worker"
        case .everyZone, .zone: return "zone"
        case .everyEtcdMember: return "etcd"
        case .everyAPIServer: return "apiserver"
        case .host: return "host"
        case .loadBalancer: return "loadBalancer"
        }
    }

    /// Every class name in the order metrics list them.
    public static let classNames = ["master", "worker", "zone", "etcd", "apiserver", "host", "loadBalancer"]
}

extension FailureTarget {
    /// How many targets the process has in this topology: one renewal
    /// process each (masters and workers that operations or the autoscaler
    /// may add included).
    public func count(in topology: Topology) -> Int {
        switch self {
        case .everyMaster, .everyAPIServer: return topology.masterSlots
        case .everyWorker: return topology.workerSlots
        case .everyZone: return topology.zones.count
        case .everyEtcdMember: return topology.etcdHosts.count
        case .host, .zone, .loadBalancer: return 1
        }
    }
}
