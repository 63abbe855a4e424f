/// Result of a linearizable read (etcd raft ReadState): once the local applied
/// index reaches `index`, the caller may serve read `requestID`.
public struct ReadState: Sendable, Hashable {
    public var requestID: UInt64
    public var index: UInt64
    public init(requestID: UInt64, index: UInt64) { self.requestID = requestID; self.index = index }
}

/// Leader bookkeeping for ReadOnlySafe reads (etcd-io/raft read_only.go).
/// Requests are kept in arrival order; an ack quorum for one request also
/// confirms every request queued before it (read_only.go advance).
struct ReadOnly: Sendable, Hashable {
    struct Pending: Sendable, Hashable {
        var requestID: UInt64
        var index: UInt64
        var from: Int
        var acks: NodeSet
    }
    var queue: [Pending] = []

    /// read_only.go addRequest: duplicate ids are ignored.
    mutating func add(requestID: UInt64, index: UInt64, from: Int, selfID: Int) {
        if queue.contains(where: { $0.requestID == requestID }) { return }
        var acks = NodeSet(); acks.insert(selfID)  // the leader acks itself (raft.go sendMsgReadIndexResponse)
        queue.append(Pending(requestID: requestID, index: index, from: from, acks: acks))
    }

    /// read_only.go recvAck: returns the ack set for `ctx`, or nil if unknown.
    mutating func recvAck(from: Int, ctx: UInt64) -> NodeSet? {
        guard let i = queue.firstIndex(where: { $0.requestID == ctx }) else { return nil }
        queue[i].acks.insert(from)
        return queue[i].acks
    }

    /// read_only.go advance: release `ctx` and everything queued before it.
    mutating func advance(ctx: UInt64) -> ArraySlice<Pending> {
        guard let i = queue.firstIndex(where: { $0.requestID == ctx }) else { return [] }
        let done = queue[...i]
        queue.removeSubrange(...i)
        return done
    }

    /// read_only.go lastPendingRequestCtx: re-sent on every heartbeat so a lost
    /// heartbeat does not strand a read.
    var lastPendingContext: UInt64? { queue.last?.requestID }
}
