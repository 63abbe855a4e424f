/// Leader side: replication, commitment, heartbeats, ReadIndex
/// (etcd-io/raft raft.go stepLeader, sendAppend, bcastHeartbeat, maybeCommit).
extension RaftNode {
    /// raft.go appendEntry (v3.5): stamp term/index, append, self-ack, try to commit.
    mutating func appendEntry(_ payload: EntryPayload) -> UInt64 {
        let index = log.lastIndex + 1
        log.append([Entry(term: term, index: index, payload: payload)])
        _ = progress[id].maybeUpdate(index)
        _ = maybeCommit()
        return index
    }

    /// raft.go maybeCommit: the highest index matched by a quorum of voters
    /// (quorum/majority.go CommittedIndex), committed only if it is from our term.
    mutating func maybeCommit() -> Bool {
        log.maybeCommit(index: quorumMatchIndex(), term: term)
    }

    /// The quorum-th largest match among voters; O(n²) over <= 64 voters, no allocation.
    func quorumMatchIndex() -> UInt64 {
        let q = quorum
        var best: UInt64 = 0
        for v in voters {
            let m = progress[v].match
            if m <= best { continue }
            var n = 0
            for w in voters where progress[w].match >= m { n += 1 }
            if n >= q { best = m }
        }
        return best
    }

    /// raft.go bcastAppend: to every member (voters and learners) but us.
    mutating func bcastAppend() {
        for p in members where p != id { _ = sendAppend(to: p) }
    }

    /// raft.go maybeSendAppend: entries from `next`, anchored at (next-1, its term);
    /// a snapshot if that anchor was compacted away.
    @discardableResult
    mutating func sendAppend(to p: Int, sendIfEmpty: Bool = true) -> Bool {
        let pr = progress[p]
        if pr.state == .probe && pr.paused { return false }  // progress.go IsPaused
        let prevIndex = pr.next - 1
        guard let prevTerm = log.term(at: prevIndex) else { return sendSnapshot(to: p) }
        let ents = pr.next <= log.lastIndex ? log.slice(pr.next, through: log.lastIndex) : []
        if ents.isEmpty && !sendIfEmpty { return false }
        send(RaftMessage(type: .append, from: id, to: p, term: term, logTerm: prevTerm, index: prevIndex,
                         entries: ents, commit: log.committed))
        if !ents.isEmpty { progress[p].sentEntries(lastSent: prevIndex + UInt64(ents.count)) }
        progress[p].sentCommit = max(progress[p].sentCommit, log.committed)
        return true
    }

    /// raft.go maybeSendSnapshot. Instead of etcd's StateSnapshot + MsgSnapStatus we
    /// probe from the snapshot index and pause until the follower's appendResp (or
    /// a heartbeat response, which retries if the snapshot was lost).
    mutating func sendSnapshot(to p: Int) -> Bool {
        guard let s = snapshotMeta else { return false }
        send(RaftMessage(type: .snapshot, from: id, to: p, term: term, snapshot: s))
        progress[p].state = .probe
        progress[p].next = s.index + 1
        progress[p].paused = true
        return true
    }

    /// raft.go bcastHeartbeatWithCtx / sendHeartbeat: commit is capped at the
    /// peer's match so it never commits entries it may not have.
    mutating func bcastHeartbeat(context: UInt64?) {
        for p in members where p != id {
            let commit = min(progress[p].match, log.committed)
            send(RaftMessage(type: .heartbeat, from: id, to: p, term: term, commit: commit, context: context))
            progress[p].sentCommit = max(progress[p].sentCommit, commit)
        }
    }

    /// raft.go stepLeader for messages that need a sender progress.
    mutating func stepLeader(_ m: RaftMessage) {
        guard members.contains(m.from), m.from != id else { return }  // "no progress available"
        switch m.type {
        case .appendResp:
            progress[m.from].recentActive = true
            if m.reject {
                var nextProbe = m.rejectHint
                if m.logTerm > 0 { nextProbe = log.findConflictByTerm(m.rejectHint, m.logTerm).index }
                if progress[m.from].maybeDecrTo(rejected: m.index, matchHint: nextProbe) {
                    if progress[m.from].state == .replicate { progress[m.from].becomeProbe() }
                    sendAppend(to: m.from)
                }
            } else {
                let pr = progress[m.from]
                if progress[m.from].maybeUpdate(m.index) || (pr.match == m.index && pr.state == .probe) {
                    if progress[m.from].state == .probe { progress[m.from].becomeReplicate() }
                    if maybeCommit() {
                        // Commit advanced in our term: deferred reads may proceed
                        // (raft.go releasePendingReadIndexMessages), followers learn it.
                        releasePendingReadIndex()
                        bcastAppend()
                    } else if min(log.committed, progress[m.from].match) > progress[m.from].sentCommit {
                        // progress.go CanBumpCommit: tell it the commit index now
                        // rather than at the next heartbeat.
                        sendAppend(to: m.from)
                    }
                    sendAppend(to: m.from, sendIfEmpty: false)  // anything still unsent
                    // raft.go stepLeader MsgAppResp: the transferee has caught up.
                    if m.from == leadTransferee && progress[m.from].match == log.lastIndex { sendTimeoutNow(to: m.from) }
                }
            }
        case .heartbeatResp:
            progress[m.from].recentActive = true
            progress[m.from].paused = false
            if progress[m.from].match < log.lastIndex { sendAppend(to: m.from) }
            // read_only.go recvAck + advance (ReadOnlySafe).
            guard let ctx = m.context, let acks = readOnly.recvAck(from: m.from, ctx: ctx),
                  acks.intersection(voters).count >= quorum else { return }
            for rs in readOnly.advance(ctx: ctx) {
                respondToRead(from: rs.from, requestID: rs.requestID, index: rs.index)
            }
        default:
            break
        }
    }

    /// Hands leadership to voter `transferee` (etcd node.TransferLeadership,
    /// raft.go stepLeader MsgTransferLeader): a learner, this node itself or
    /// the transfer already under way is ignored, another one in progress is
    /// replaced. The transfer must finish within an election timeout
    /// (electionElapsed restarts; tickHeartbeat abandons it); the transferee
    /// gets MsgTimeoutNow as soon as its log matches, else an append first.
    /// Proposals are dropped meanwhile. Returns whether a transfer is under way.
    @discardableResult
    public mutating func transferLeadership(to transferee: Int) -> Bool {
        guard role == .leader, voters.contains(transferee), transferee != id else { return false }
        guard leadTransferee != transferee else { return true }
        electionElapsed = 0
        leadTransferee = transferee
        if progress[transferee].match == log.lastIndex {
            sendTimeoutNow(to: transferee)
        } else {
            sendAppend(to: transferee)
        }
        return true
    }

    /// raft.go sendTimeoutNow.
    mutating func sendTimeoutNow(to transferee: Int) {
        send(RaftMessage(type: .timeoutNow, from: id, to: transferee, term: term))
    }

    /// raft.go committedEntryInCurrentTerm.
    var committedEntryInCurrentTerm: Bool { log.term(at: log.committed) == term }

    /// raft.go sendMsgReadIndexResponse (ReadOnlySafe): remember the commit index
    /// and confirm leadership with a heartbeat round carrying the request id.
    mutating func sendReadIndexResponse(_ m: RaftMessage) {
        guard let ctx = m.context else { return }
        readOnly.add(requestID: ctx, index: log.committed, from: m.from, selfID: id)
        bcastHeartbeat(context: ctx)
    }

    /// raft.go responseToReadIndexReq: local requests become ReadStates, forwarded
    /// ones a readIndexResp to the follower.
    mutating func respondToRead(from: Int, requestID: UInt64, index: UInt64) {
        if from == id {
            readStates.append(ReadState(requestID: requestID, index: index))
        } else {
            send(RaftMessage(type: .readIndexResp, from: id, to: from, term: term, index: index, context: requestID))
        }
    }

    mutating func releasePendingReadIndex() {
        guard !pendingReadIndex.isEmpty, committedEntryInCurrentTerm else { return }
        let pending = pendingReadIndex
        pendingReadIndex.removeAll()
        for m in pending { sendReadIndexResponse(m) }
    }
}
