/// A Raft RPC (etcd raftpb.Message, reduced to the fields this model needs).
///
/// Local-only etcd messages (MsgHup, MsgBeat, MsgCheckQuorum) are methods on
/// `RaftNode` instead of message types, because they never cross the network.
public struct RaftMessage: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: UInt8, Sendable, Hashable {
        case append, appendResp
        case vote, voteResp
        case preVote, preVoteResp
        case heartbeat, heartbeatResp
        /// Proposal forwarded from a follower (raft.go stepFollower MsgProp).
        case prop
        /// Read request forwarded to the leader, and its answer (raft.go MsgReadIndex / MsgReadIndexResp).
        case readIndex, readIndexResp
        /// Snapshot install (raft.go MsgSnap); carries metadata only.
        case snapshot
        /// The leader tells the transferee of a leadership transfer to
        /// campaign at once (raft.go sendTimeoutNow, MsgTimeoutNow).
        case timeoutNow
    }

    /// The `context` of a vote request sent by a transferee: raft.go campaign
    /// sets Context to campaignTransfer, and Step lets such a vote through a
    /// voter's leader lease ("force").
    public static let campaignTransfer: UInt64 = 0x4341_4D50_5452_4E53

    public var type: Kind
    public var from: Int
    public var to: Int
    /// 0 only for `prop` / `readIndex`, which etcd treats as local messages and
    /// never stamps with a term (raft.go send: "do not attach term to MsgProp, MsgReadIndex").
    public var term: UInt64
    /// append: term of the entry at `index` (prevLogTerm). (pre)vote: candidate's last term.
    /// rejected appendResp: term of the follower's entry at `rejectHint`.
    public var logTerm: UInt64
    /// append: prevLogIndex. (pre)vote: candidate's last index. appendResp: last index
    /// matched (or, when rejecting, the rejected prevLogIndex). readIndexResp: the read index.
    public var index: UInt64
    public var entries: [Entry]
    public var commit: UInt64
    public var reject: Bool
    public var rejectHint: UInt64
    /// ReadIndex request id carried on heartbeats / heartbeat responses / readIndex(Resp).
    public var context: UInt64?
    public var snapshot: SnapshotMetadata?

    public init(type: Kind, from: Int, to: Int, term: UInt64, logTerm: UInt64 = 0, index: UInt64 = 0,
                entries: [Entry] = [], commit: UInt64 = 0, reject: Bool = false, rejectHint: UInt64 = 0,
                context: UInt64? = nil, snapshot: SnapshotMetadata? = nil) {
        self.type = type; self.from = from; self.to = to; self.term = term
        self.logTerm = logTerm; self.index = index; self.entries = entries; self.commit = commit
        self.reject = reject; self.rejectHint = rejectHint; self.context = context; self.snapshot = snapshot
    }

    public var description: String {
        var s = "\(from)->\(to) \(type) t\(term)"
        if type == .append || type == .vote || type == .preVote { s += " last/prev=\(logTerm)/\(index)" }
        if type == .appendResp || type == .readIndexResp { s += " idx=\(index)" }
        if !entries.isEmpty { s += " ents=\(entries)" }
        if commit > 0 { s += " commit=\(commit)" }
        if reject { s += " REJECT hint=\(rejectHint)" }
        if let c = context { s += " ctx=\(c)" }
        return s
    }
}
