import SimKernel

/// A failure injected into the run: what it hits, when it starts, and for how
/// long it lasts (forever when `duration` is nil).
public struct Fault: Hashable, Sendable {
    public var kind: FaultKind
    /// When the fault starts, from the start of the run; sampled once per run
    /// from the fault's own random stream `faults/<index>`.
    public var at: Distribution
    /// How long the fault lasts; nil means until the end of the run.
    public var duration: Distribution?

    public init(kind: FaultKind, at: Distribution, duration: Distribution? = nil) {
        self.kind = kind
        self.at = at
        self.duration = duration
    }
}

public enum FaultKind: Hashable, Sendable {
    /// Every host of the zone goes down (power, network or cooling loss).
    case zoneOutage(ZoneTarget)
    /// The host stops; when the fault ends it restarts with a new incarnation.
    case hostCrash(HostTarget)
    /// Only the etcd process on the host stops, and restarts when the fault ends.
    case etcdCrash(HostTarget)
    /// Every process on the host freezes (a long GC or VM stall, a gray
    /// failure) and resumes where it was when the fault ends.
    case hostPause(HostTarget)
    /// Messages between groups of hosts are dropped.
    case partition(PartitionShape)
    /// Slower or lossier links between two sets of hosts.
    case degrade(LinkDegradation)
    /// The host's disk syncs with a different latency distribution.
    case slowDisk(HostTarget, fsync: Distribution)
    /// One control-plane process on the host stops, and restarts when the
    /// fault ends.
    case componentCrash(ControlPlaneComponent, HostTarget)
    /// The host's wall clock jumps by `by` (negative: backwards). Instantaneous.
    case clockStep(HostTarget, by: SimDuration)
    /// The host's clocks run at 1 + ppm * 1e-6 of real time while the fault lasts.
    case clockDrift(HostTarget, ppm: Double)
    /// The instance holding the lease when the fault starts keeps renewing it
    /// but does none of its work (kubernetes/kubernetes issue 82960: a
    /// controller manager stopped working after a failed lock update while
    /// /healthz stayed 2xx; the project's issue also cites 111899, unchecked).
    case grayLeader(LeaseName)
    /// The load balancer in front of the masters stops forwarding: requests
    /// through it fail while it lasts (a cloud load balancer incident).
    case loadBalancerOutage
    /// The control-plane processes on the host get SIGTERM and stop as each
    /// does on a graceful shutdown (`GracefulStop`); the host stays up, and
    /// they start again when the fault ends (once they have all exited).
    case hostStop(HostTarget)
    /// A graceful stop, then the host goes down for the fault's duration
    /// (counted from the moment its processes have exited), then boots.
    case hostReboot(HostTarget)
}

extension FaultKind {
    /// Whether the fault's effect changes with time while it lasts (a
    /// drifting clock, a frozen host, a partition or degraded link, a slow
    /// disk, a gray leader): such a fault keeps the run detailed, since the
    /// fast-forward skips only steady time (docs/FAST-FORWARD.md). The
    /// others only hold their target down until they end.
    public var effectMovesWithTime: Bool {
        switch self {
        // A stop's shutdown steps keep the Faults subsystem from being quiet
        // until they are done (World+FaultsSubsystem); then it only holds.
        case .zoneOutage, .hostCrash, .etcdCrash, .componentCrash, .loadBalancerOutage, .hostStop, .hostReboot: return false
        case .hostPause, .partition, .degrade, .slowDisk, .clockStep, .clockDrift, .grayLeader: return true
        }
    }
}

/// A host named in a fault, or a role resolved when the fault starts.
public enum HostTarget: Hashable, Sendable {
    case host(Int)
    /// The host of the etcd member that leads with a quorum (or, failing
    /// that, of any member that believes it leads, highest term first).
    case etcdLeader
    /// A master drawn uniformly from the fault's own random stream.
    case randomMaster
    /// The host of the instance leading the lease (the record's holder if it
    /// believes it leads, else the first instance that does).
    case leaseHolder(LeaseName)
}

/// A zone named in a fault, or one resolved when the fault starts.
public enum ZoneTarget: Hashable, Sendable {
    case zone(Int)
    case zoneOf(HostTarget)
}

/// A set of hosts named in a partition or degradation: hosts, zones, or roles.
public enum HostSet: Hashable, Sendable {
    case host(HostTarget)
    case zone(ZoneTarget)
    case union([HostSet])
}

/// Partition shapes (DESIGN.md §3).
public enum PartitionShape: Hashable, Sendable {
    /// The set can talk only among itself: a host, a zone, or a minority.
    case isolate(HostSet)
    /// Each group talks only within itself; hosts in no group talk to all.
    case groups([HostSet])
    /// Messages from the first set to the second are dropped; replies pass.
    case oneWay(from: HostSet, to: HostSet)
    /// The etcd hosts other than this one split into two halves (in member
    /// order) that cannot talk to each other; this host talks to both.
    case bridge(HostTarget)
    /// The etcd hosts in a circle, each talking only to the nearest members
    /// on either side, just enough that everyone sees a majority (itself
    /// included) and no two members see the same majority.
    case ring
}

/// Latency and loss applied between two sets of hosts, in both directions.
public struct LinkDegradation: Hashable, Sendable {
    public var between: HostSet
    public var and: HostSet
    /// Replaces the one-way latency when set.
    public var latency: Distribution?
    /// Probability that a message is lost.
    public var loss: Double

    public init(between: HostSet, and: HostSet, latency: Distribution?, loss: Double) {
        self.between = between
        self.and = and
        self.latency = latency
        self.loss = loss
    }
}
