import SimKernel

/// etcd's timing and placement, with etcd's own defaults (FACTS.md).
public struct EtcdSettings: Hashable, Sendable {
    /// One Raft tick; the leader heartbeats every tick.
    /// etcd server/embed/config.go DefaultTickMs = 100 (flag --heartbeat-interval).
    public var heartbeatInterval: SimDuration = .milliseconds(100)
    public var electionTimeout: ElectionTimeout = .etcd(.milliseconds(1000))
    /// etcd v3.5 enables pre-vote by default (CHANGELOG-3.5); 3.4 had it off.
    public var preVote = true
    /// Time for a WAL append to reach the disk. etcd's tuning guide asks for a
    /// backend commit p99 under 25 ms and WAL fsync p99 under 10 ms on good
    /// disks; the default (median 2 ms, p99 about 6 ms) is an assumption for
    /// a healthy SSD, not a measured figure.
    public var fsync: Distribution = .lognormal(median: .milliseconds(2), sigma: 0.5)
    /// etcd server.go adjustTicks: a (re)starting member fast-forwards
    /// ElectionTicks-2 ticks once a peer is reachable (--initial-election-tick-advance, default true).
    public var initialElectionTickAdvance = true
    /// Write probes per second (0: none), each a one-entry proposal.
    public var writeProbeRate: Double = 1
    /// A probe write not applied within this time counts as failed. etcdctl's
    /// --command-timeout default is 5 s.
    public var writeProbeTimeout: SimDuration = .seconds(5)

    public init() {}

    /// etcd 3.5 --snapshot-count default (server/embed/config.go DefaultSnapshotCount).
    public static let snapshotCount: UInt64 = 100_000
    /// Entries kept after a snapshot (server/etcdserver/server.go SnapshotCatchUpEntries).
    public static let snapshotCatchUpEntries: UInt64 = 5_000

    public enum ElectionTimeout: Hashable, Sendable {
        /// etcd's form: T = timeout / heartbeat ticks (integer division, as
        /// etcd's ElectionTicks), randomized in whole ticks over [T, 2T-1]
        /// (etcd-io/raft raft.go resetRandomizedElectionTimeout).
        case etcd(SimDuration)
        /// The Raft paper's form (Ongaro and Ousterhout 2014, §9.3): uniform
        /// over [min, max] at millisecond resolution.
        case range(min: SimDuration, max: SimDuration)
    }

    /// The resolution of the Raft tick in virtual time.
    public var tickInterval: SimDuration {
        switch electionTimeout {
        case .etcd: return heartbeatInterval
        case .range: return Self.continuousTickResolution
        }
    }

    /// Continuous ranges are modelled with 1 ms ticks.
    public static let continuousTickResolution = SimDuration.milliseconds(1)

    /// (heartbeatTick, electionTick, randomized range) in ticks.
    public var tickCounts: (heartbeat: Int, election: Int, range: ClosedRange<Int>?) {
        switch electionTimeout {
        case .etcd(let timeout):
            return (1, Int(timeout.nanoseconds / heartbeatInterval.nanoseconds), nil)
        case .range(let low, let high):
            let unit = Self.continuousTickResolution.nanoseconds
            let lowTicks = Int(low.nanoseconds / unit), highTicks = Int(high.nanoseconds / unit)
            return (Int(heartbeatInterval.nanoseconds / unit), lowTicks, lowTicks...highTicks)
        }
    }
}
