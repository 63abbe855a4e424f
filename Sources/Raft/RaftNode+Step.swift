/// Message handling (etcd-io/raft raft.go Step, stepFollower, stepCandidate,
/// handleAppendEntries, handleHeartbeat, handleSnapshot).
extension RaftNode {
    /// Feed one message received from the network.
    public mutating func step(_ m: RaftMessage) {
        guard m.to == id else { return }
        if m.term == 0 {
            // Forwarded prop / readIndex carry no term (raft.go send) and skip term checks.
        } else if m.term > term {
            if m.type == .vote || m.type == .preVote {
                // raft.go Step "lease is not expired": with checkQuorum, a node that
                // heard from a leader within electionTick neither bumps its term nor
                // votes (thesis §4.2.3), unless the vote is a leadership
                // transfer's (`force`: Context campaignTransfer).
                let force = m.type == .vote && m.context == RaftMessage.campaignTransfer
                let inLease = config.checkQuorum && leader != nil && electionElapsed < config.electionTick
                if inLease && !force { return }
            }
            switch m.type {
            case .preVote:
                break  // raft.go: never change our term in response to a PreVote
            case .preVoteResp where !m.reject:
                break  // granted pre-votes carry the future term we asked for
            case .append, .heartbeat, .snapshot:
                becomeFollower(term: m.term, leader: m.from)
            default:
                becomeFollower(term: m.term, leader: nil)
            }
        } else if m.term < term {
            if (config.checkQuorum || config.preVote) && (m.type == .heartbeat || m.type == .append) {
                // raft.go Step: tell a stale leader about the newer term; otherwise a node
                // whose term inflated in a partition could never rejoin (its votes are
                // ignored under the lease, and it gets no appends).
                send(RaftMessage(type: .appendResp, from: id, to: m.from, term: term))
            } else if m.type == .preVote {
                // raft.go Step: answer low-term pre-votes so mixed clusters cannot deadlock.
                send(RaftMessage(type: .preVoteResp, from: id, to: m.from, term: term, reject: true))
            }
            return
        }

        switch m.type {
        case .vote, .preVote: handleVoteRequest(m)
        case .prop: _ = stepProp(m)
        case .readIndex: _ = stepReadIndex(m)
        default:
            switch role {
            case .leader: stepLeader(m)
            case .preCandidate, .candidate: stepCandidate(m)
            case .follower: stepFollower(m)
            }
        }
    }

    /// raft.go Step MsgVote/MsgPreVote.
    mutating func handleVoteRequest(_ m: RaftMessage) {
        let respType: RaftMessage.Kind = m.type == .vote ? .voteResp : .preVoteResp
        // Repeat of our vote, or no vote and no known leader, or a pre-vote for a future term...
        let canVote = vote == m.from || (vote == nil && leader == nil) || (m.type == .preVote && m.term > term)
        // ...and the candidate's log is at least as up to date as ours (§5.4.1).
        if canVote && log.isUpToDate(lastIndex: m.index, lastTerm: m.logTerm) {
            // Respond with the message's term, not ours: a pre-candidate ignores
            // responses below its pre-vote term (raft.go comment on this send).
            send(RaftMessage(type: respType, from: id, to: m.from, term: m.term))
            if m.type == .vote {
                electionElapsed = 0  // only real votes are recorded
                vote = m.from
            }
        } else {
            send(RaftMessage(type: respType, from: id, to: m.from, term: term, reject: true))
        }
    }

    /// raft.go stepFollower (minus prop/readIndex, handled in stepProp/stepReadIndex).
    mutating func stepFollower(_ m: RaftMessage) {
        switch m.type {
        case .append:
            electionElapsed = 0; leader = m.from
            handleAppendEntries(m)
        case .heartbeat:
            electionElapsed = 0; leader = m.from
            handleHeartbeat(m)
        case .snapshot:
            electionElapsed = 0; leader = m.from
            handleSnapshot(m)
        case .readIndexResp:
            if let ctx = m.context { readStates.append(ReadState(requestID: ctx, index: m.index)) }
        case .timeoutNow:
            // raft.go stepFollower MsgTimeoutNow: campaign at once, skipping
            // pre-vote and the voters' lease (hup(campaignTransfer)).
            hup(transfer: true)
        default:
            break
        }
    }

    /// raft.go stepCandidate, shared by pre-candidates and candidates.
    mutating func stepCandidate(_ m: RaftMessage) {
        let myVoteResp: RaftMessage.Kind = role == .preCandidate ? .preVoteResp : .voteResp
        switch m.type {
        case .append:
            becomeFollower(term: m.term, leader: m.from)  // m.term == term here
            handleAppendEntries(m)
        case .heartbeat:
            becomeFollower(term: m.term, leader: m.from)
            handleHeartbeat(m)
        case .snapshot:
            becomeFollower(term: m.term, leader: m.from)
            handleSnapshot(m)
        case myVoteResp:
            switch poll(m.from, granted: !m.reject) {
            case .won:
                if role == .preCandidate {
                    campaign(preElection: false)
                } else {
                    becomeLeader()
                    bcastAppend()
                }
            case .lost:
                // A pre-vote response may carry a future term; keep ours (raft.go).
                becomeFollower(term: term, leader: nil)
            case .pending:
                break
            }
        default:
            break  // stale pre-vote responses while candidate, etc.
        }
    }

    /// raft.go handleAppendEntries.
    mutating func handleAppendEntries(_ m: RaftMessage) {
        if m.index < log.committed {
            send(RaftMessage(type: .appendResp, from: id, to: m.from, term: term, index: log.committed))
            return
        }
        if let last = log.maybeAppend(prevIndex: m.index, prevTerm: m.logTerm, commit: m.commit, ents: m.entries) {
            send(RaftMessage(type: .appendResp, from: id, to: m.from, term: term, index: last))
            return
        }
        // Hint the largest (index, term) that may match: skips our divergent tail
        // with terms above the leader's (raft.go findConflictByTerm).
        let hint = log.findConflictByTerm(min(m.index, log.lastIndex), m.logTerm)
        send(RaftMessage(type: .appendResp, from: id, to: m.from, term: term, logTerm: hint.term,
                         index: m.index, reject: true, rejectHint: hint.index))
    }

    /// raft.go handleHeartbeat: the leader only sends commit <= our match.
    mutating func handleHeartbeat(_ m: RaftMessage) {
        log.commitTo(m.commit)
        send(RaftMessage(type: .heartbeatResp, from: id, to: m.from, term: term, context: m.context))
    }

    /// raft.go handleSnapshot / restore.
    mutating func handleSnapshot(_ m: RaftMessage) {
        guard let s = m.snapshot else { return }
        if s.index <= log.committed {
            send(RaftMessage(type: .appendResp, from: id, to: m.from, term: term, index: log.committed))
            return
        }
        if log.matchTerm(s.index, s.term) {
            // Our log already contains the snapshot's last entry: fast-forward commit.
            log.commitTo(s.index)
            send(RaftMessage(type: .appendResp, from: id, to: m.from, term: term, index: log.committed))
            return
        }
        log.restore(s)
        voters = s.voters
        learners = s.learners
        snapshotMeta = s
        pendingSnapshot = s
        send(RaftMessage(type: .appendResp, from: id, to: m.from, term: term, index: log.lastIndex))
    }

    /// MsgProp for any role (raft.go stepLeader / stepCandidate / stepFollower MsgProp).
    mutating func stepProp(_ m: RaftMessage) -> ProposalResult {
        switch role {
        case .leader:
            // A removed leader drops new proposals, and so does one handing
            // its leadership over (raft.go stepLeader MsgProp).
            guard members.contains(id), !m.entries.isEmpty, leadTransferee == nil else { return .dropped }
            var last: UInt64 = 0
            for e in m.entries {
                if case .confChange = e.payload {
                    if pendingConfIndex > log.applied { return .dropped }  // one at a time
                    pendingConfIndex = log.lastIndex + 1
                }
                last = appendEntry(e.payload)
            }
            bcastAppend()
            return .appended(index: last)
        case .follower:
            guard let l = leader else { return .dropped }  // "no leader; dropping proposal"
            var f = m
            f.to = l
            send(f)
            return .forwarded(to: l)
        case .preCandidate, .candidate:
            return .dropped
        }
    }

    /// MsgReadIndex for any role (raft.go stepLeader / stepFollower MsgReadIndex).
    mutating func stepReadIndex(_ m: RaftMessage) -> Bool {
        guard let ctx = m.context else { return false }
        switch role {
        case .leader:
            if voters.count == 1 && voters.contains(id) {  // trk.IsSingleton
                respondToRead(from: m.from, requestID: ctx, index: log.committed)
            } else if !committedEntryInCurrentTerm {
                pendingReadIndex.append(m)  // postponed until the term's first commit
            } else {
                sendReadIndexResponse(m)
            }
            return true
        case .follower:
            guard let l = leader else { return false }  // "no leader; dropping index reading msg"
            var f = m
            f.to = l
            send(f)
            return true
        case .preCandidate, .candidate:
            return false
        }
    }
}
