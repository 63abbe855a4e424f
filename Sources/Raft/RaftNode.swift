/// One Raft peer as a pure value: inputs are `tick()`, `step(_:)`, `propose`,
/// `readIndex`, `applyConfChange`; outputs are collected in `ready()`.
/// Modelled on etcd-io/raft raft.go + rawnode.go (v3.5 synchronous-storage
/// semantics). No clocks, no global randomness: identical inputs give identical outputs.
public struct RaftNode: Sendable, Hashable {
    public let config: RaftConfig
    public var id: Int { config.id }

    // Persistent (HardState + log).
    public internal(set) var term: UInt64 = 0
    public internal(set) var vote: Int?
    public internal(set) var log: RaftLog

    // Volatile.
    public internal(set) var role: Role = .follower
    public internal(set) var leader: Int?
    public internal(set) var voters: NodeSet
    public internal(set) var learners: NodeSet
    public internal(set) var electionElapsed = 0
    public internal(set) var randomizedElectionTimeout = 0
    var heartbeatElapsed = 0
    var rng: SplitMix64
    /// Indexed by node id (ids are small and dense), valid for `members` only.
    var progress: [Progress]
    var votesGranted = NodeSet()
    var votesRejected = NodeSet()
    /// raft.go pendingConfIndex: a conf change at an index > applied is in flight.
    var pendingConfIndex: UInt64 = 0
    var readOnly = ReadOnly()
    /// raft.go leadTransferee: the voter a leader is handing its leadership
    /// to; proposals are dropped meanwhile.
    public internal(set) var leadTransferee: Int?
    /// raft.go pendingReadIndexMessages: reads waiting for the first commit of the term.
    var pendingReadIndex: [RaftMessage] = []
    /// Snapshot metadata describing the compacted prefix of our log (for MsgSnap).
    var snapshotMeta: SnapshotMetadata?
    /// Snapshot received from the leader and not yet handed out in a Ready.
    var pendingSnapshot: SnapshotMetadata?

    // Output buffers and Ready bookkeeping (rawnode.go acceptReady / Advance).
    var msgs: [RaftMessage] = []
    var readStates: [ReadState] = []
    var prevHardState: HardState
    var prevSoftState = SoftState(leader: nil, role: .follower)
    struct InFlightReady: Sendable, Hashable {
        var lastEntryIndex: UInt64, lastEntryTerm: UInt64
        var appliedTo: UInt64
        var snapshot: SnapshotMetadata?
    }
    var inFlight: InFlightReady?

    /// A fresh node with an empty log (etcd StartNode / bootstrap with ConfState).
    public init(config: RaftConfig) { self.init(config: config, restoring: PersistentState()) }

    /// A restarted node (etcd RestartNode): comes back as a follower with its
    /// durable term, vote and log. The configuration is the snapshot's, or else
    /// the bootstrap one; conf changes in the log after the snapshot are handed
    /// out again as committed entries and must be re-applied by the caller,
    /// exactly as an etcd application replays its log from its applied index.
    public init(config: RaftConfig, restoring p: PersistentState) {
        precondition(config.id >= 0 && config.id < NodeSet.capacity)
        self.config = config
        log = RaftLog(restoring: p)
        voters = p.snapshot?.voters ?? config.voters
        learners = p.snapshot?.learners ?? config.learners
        snapshotMeta = p.snapshot
        rng = SplitMix64(seed: config.randomSeed)
        progress = Array(repeating: Progress(), count: NodeSet.capacity)
        prevHardState = p.hardState
        term = p.hardState.term
        vote = p.hardState.vote
        becomeFollower(term: term, leader: nil)  // raft.go newRaft
    }

    // MARK: Queries

    public var members: NodeSet { voters.union(learners) }
    public var isLearner: Bool { learners.contains(id) }
    /// Majority of voters (quorum/majority.go): voters/2 + 1.
    public var quorum: Int { voters.count / 2 + 1 }
    public var hardState: HardState { HardState(term: term, vote: vote, commit: log.committed) }
    public var softState: SoftState { SoftState(leader: leader, role: role) }
    /// Leader only: replication progress of `peer`.
    public func match(of peer: Int) -> UInt64 { progress[peer].match }

    /// raft.go promotable: only voters campaign; not while a snapshot is pending.
    var promotable: Bool { voters.contains(id) && pendingSnapshot == nil }

    // MARK: Ticks

    /// Advance logical time by one tick (raft.go tickElection / tickHeartbeat).
    /// Allocation free unless it emits messages.
    public mutating func tick() {
        if role == .leader { tickHeartbeat() } else { tickElection() }
    }

    /// raft.go tickElection: followers and (pre)candidates.
    mutating func tickElection() {
        electionElapsed += 1
        if promotable && electionElapsed >= randomizedElectionTimeout {  // pastElectionTimeout
            electionElapsed = 0
            hup()
        }
    }

    /// raft.go tickHeartbeat: the leader heartbeats every heartbeatTick and runs
    /// the checkQuorum probe every electionTick.
    mutating func tickHeartbeat() {
        heartbeatElapsed += 1
        electionElapsed += 1
        if electionElapsed >= config.electionTick {
            electionElapsed = 0
            if config.checkQuorum { checkQuorumActive() }
            // A transfer not done within an election timeout is abandoned
            // and the node leads on (raft.go tickHeartbeat, abortLeaderTransfer).
            if role == .leader { leadTransferee = nil }
        }
        guard role == .leader else { return }
        if heartbeatElapsed >= config.heartbeatTick {
            heartbeatElapsed = 0
            bcastHeartbeat(context: readOnly.lastPendingContext)  // raft.go bcastHeartbeat
        }
    }

    /// Start an election now, as if the election timer fired (etcd node.Campaign / MsgHup).
    public mutating func campaign() { hup() }

    // MARK: Ready / advance

    /// Cheap check whether `ready()` has anything (rawnode.go HasReady).
    public var hasReady: Bool {
        if !msgs.isEmpty || !readStates.isEmpty || pendingSnapshot != nil || log.hasUnstable { return true }
        if log.committed > max(log.applied, log.snapshotIndex) { return true }
        return hardState != prevHardState || softState != prevSoftState
    }

    /// Collect pending output (rawnode.go readyWithoutAccept + acceptReady).
    /// The caller must call `advance()` before the next `ready()`.
    public mutating func ready() -> Ready {
        precondition(inFlight == nil, "advance() must be called before the next ready()")
        var rd = Ready()
        if softState != prevSoftState { rd.softState = softState; prevSoftState = softState }
        if hardState != prevHardState { rd.hardState = hardState; prevHardState = hardState }
        rd.snapshot = pendingSnapshot
        pendingSnapshot = nil
        if log.hasUnstable { rd.entries = log.slice(log.stable + 1, through: log.lastIndex) }
        let lo = max(log.applied + 1, log.firstIndex)
        if log.committed >= lo { rd.committedEntries = log.slice(lo, through: log.committed) }
        swap(&rd.messages, &msgs)
        swap(&rd.readStates, &readStates)
        inFlight = InFlightReady(lastEntryIndex: rd.entries.last?.index ?? 0, lastEntryTerm: rd.entries.last?.term ?? 0,
                                 appliedTo: rd.committedEntries.last?.index ?? 0, snapshot: rd.snapshot)
        return rd
    }

    /// Acknowledge the last Ready: its entries are durable and its committed
    /// entries applied (rawnode.go Advance -> log.go stableTo / appliedTo).
    public mutating func advance() {
        guard let f = inFlight else { return }
        inFlight = nil
        if let s = f.snapshot {
            log.applied = max(log.applied, s.index)
            log.stable = max(log.stable, s.index)
        }
        // stableTo only if the entry was not overwritten meanwhile (log_unstable.go stableTo).
        if f.lastEntryIndex > log.stable && log.matchTerm(f.lastEntryIndex, f.lastEntryTerm) {
            log.stable = f.lastEntryIndex
        }
        if f.appliedTo > log.applied { log.applied = f.appliedTo }
    }

    // MARK: Client API

    /// Propose opaque data (etcd node.Propose). Leaders append, followers forward
    /// to their leader (raft.go stepFollower MsgProp), candidates drop.
    public mutating func propose(data: UInt64) -> ProposalResult { propose(payload: .normal(data)) }

    /// Propose a membership change (etcd node.ProposeConfChange). Dropped while a
    /// previous conf change is not yet applied (raft.go pendingConfIndex). etcd
    /// instead appends an empty entry in its place; dropping is equivalent for
    /// the log but lets the caller see the refusal.
    public mutating func proposeConfChange(_ cc: ConfChange) -> ProposalResult { propose(payload: .confChange(cc)) }

    mutating func propose(payload: EntryPayload) -> ProposalResult {
        stepProp(RaftMessage(type: .prop, from: id, to: id, term: 0,
                             entries: [Entry(term: 0, index: 0, payload: payload)]))
    }

    /// Request a linearizable read (etcd node.ReadIndex, ReadOnlySafe). The
    /// answer arrives later as a `ReadState` in some Ready. Returns false when the
    /// request is dropped at once (no known leader / candidate), as etcd drops it
    /// silently. `requestID` must be unique cluster-wide (it is the heartbeat context).
    public mutating func readIndex(requestID: UInt64) -> Bool {
        stepReadIndex(RaftMessage(type: .readIndex, from: id, to: id, term: 0, context: requestID))
    }

    // MARK: Output helper

    mutating func send(_ m: RaftMessage) { msgs.append(m) }
}
