/// Static configuration of one node (etcd-io/raft raft.go Config, reduced).
///
/// Time is counted in ticks. etcd's defaults are heartbeat 100 ms = 1 tick and
/// election 1000 ms = 10 ticks (etcd embed/config.go TickMs/ElectionMs); a
/// simulator that wants finer timing uses more ticks per heartbeat.
public struct RaftConfig: Sendable, Hashable {
    public var id: Int
    /// Initial voters / learners (etcd bootstraps these via ConfState).
    public var voters: NodeSet
    public var learners: NodeSet
    /// etcd Config.ElectionTick: the base election timeout, also the checkQuorum
    /// period and the vote-lease length (raft.go tickHeartbeat, Step "inLease").
    public var electionTick: Int
    /// etcd Config.HeartbeatTick.
    public var heartbeatTick: Int
    /// etcd Config.PreVote (enabled by default since etcd 3.5, --pre-vote=true).
    public var preVote: Bool
    /// etcd Config.CheckQuorum (etcd server always sets it).
    public var checkQuorum: Bool
    /// Seed for this node's SplitMix64; give each node a different one.
    public var randomSeed: UInt64
    /// Range the randomized election timeout is drawn from, in ticks. `nil` means
    /// etcd's `[electionTick, 2*electionTick-1]` (raft.go resetRandomizedElectionTimeout).
    /// `min == max` disables randomness entirely.
    public var randomizedTimeoutRange: ClosedRange<Int>?

    public init(id: Int, voters: [Int], learners: [Int] = [], electionTick: Int = 10, heartbeatTick: Int = 1,
                preVote: Bool = true, checkQuorum: Bool = true, randomSeed: UInt64 = 0,
                randomizedTimeoutRange: ClosedRange<Int>? = nil) {
        precondition(heartbeatTick > 0 && electionTick > heartbeatTick,
                     "electionTick must be greater than heartbeatTick (raft.go Config.validate)")
        if let r = randomizedTimeoutRange { precondition(r.lowerBound > 0, "timeouts must be positive") }
        self.id = id
        self.voters = NodeSet(voters)
        self.learners = NodeSet(learners)
        self.electionTick = electionTick
        self.heartbeatTick = heartbeatTick
        self.preVote = preVote
        self.checkQuorum = checkQuorum
        self.randomSeed = randomSeed
        self.randomizedTimeoutRange = randomizedTimeoutRange
    }

    /// The effective range the randomized election timeout is drawn from.
    public var electionTimeoutRange: ClosedRange<Int> {
        randomizedTimeoutRange ?? electionTick...(2 * electionTick - 1)
    }
}
