/// Everything the caller must do after driving the node (etcd raft node.go Ready),
/// following etcd's synchronous contract (doc.go "usage"):
///
/// 1. write `snapshot`, `entries` and `hardState` to stable storage
///    (`PersistentState.persist(_:)`),
/// 2. only then send `messages` (a vote or an append ack must not leave the
///    node before the state it vouches for is durable — raft.go send, thesis §3.8),
/// 3. apply `committedEntries` in order, calling `RaftNode.applyConfChange(_:)`
///    for conf-change entries, and serve `readStates` once applied >= index,
/// 4. call `RaftNode.advance()` before asking for the next Ready.
///
/// The leader's own append is counted before it is durable, as etcd 3.5 does
/// (thesis §10.2.1: the leader may write its log in parallel with replication).
public struct Ready: Sendable, Hashable {
    public var softState: SoftState?
    public var hardState: HardState?
    public var snapshot: SnapshotMetadata?
    public var entries: [Entry] = []
    public var committedEntries: [Entry] = []
    public var messages: [RaftMessage] = []
    public var readStates: [ReadState] = []

    public var isEmpty: Bool {
        softState == nil && hardState == nil && snapshot == nil && entries.isEmpty
            && committedEntries.isEmpty && messages.isEmpty && readStates.isEmpty
    }
}

/// Outcome of a proposal.
public enum ProposalResult: Sendable, Hashable {
    /// Appended to the leader's log at this index (not yet committed).
    case appended(index: UInt64)
    /// Sent to the believed leader as a `prop` message (etcd default forwarding);
    /// it may still be lost.
    case forwarded(to: Int)
    /// No leader known, candidate, removed leader, or a conf change already pending
    /// (raft.go ErrProposalDropped).
    case dropped
}
