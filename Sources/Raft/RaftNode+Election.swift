/// Role transitions and elections (etcd-io/raft raft.go become*, hup, campaign, poll).
extension RaftNode {
    /// raft.go resetRandomizedElectionTimeout: electionTick + rand(electionTick),
    /// i.e. [T, 2T-1], or the configured explicit range.
    mutating func resetRandomizedElectionTimeout() {
        randomizedElectionTimeout = rng.next(in: config.electionTimeoutRange)
    }

    /// raft.go reset: new term clears the vote; timers, votes and progress restart.
    mutating func reset(term newTerm: UInt64) {
        if term != newTerm { term = newTerm; vote = nil }
        leader = nil
        electionElapsed = 0
        heartbeatElapsed = 0
        resetRandomizedElectionTimeout()
        votesGranted = NodeSet(); votesRejected = NodeSet()
        let last = log.lastIndex
        for p in members {
            progress[p] = Progress(match: p == id ? last : 0, next: last + 1)
        }
        pendingConfIndex = 0
        leadTransferee = nil  // raft.go reset: abortLeaderTransfer
        readOnly = ReadOnly()
        // etcd keeps pendingReadIndexMessages across terms; we drop them so a
        // stale read can never be served by a later leadership of this node.
        pendingReadIndex.removeAll()
    }

    mutating func becomeFollower(term t: UInt64, leader l: Int?) {
        reset(term: t)
        leader = l
        role = .follower
    }

    /// raft.go becomePreCandidate: does NOT bump the term, change the vote, or
    /// redraw the randomized timeout — it only switches state and resets votes.
    mutating func becomePreCandidate() {
        precondition(role != .leader, "invalid transition [leader -> pre-candidate]")
        votesGranted = NodeSet(); votesRejected = NodeSet()
        leader = nil
        role = .preCandidate
    }

    mutating func becomeCandidate() {
        precondition(role != .leader, "invalid transition [leader -> candidate]")
        reset(term: term + 1)
        vote = id
        role = .candidate
    }

    /// raft.go becomeLeader: append an empty entry of the new term so earlier
    /// entries can be committed (Raft §5.4.2), and conservatively treat the whole
    /// uncommitted tail as a possible pending conf change.
    mutating func becomeLeader() {
        precondition(role != .follower, "invalid transition [follower -> leader]")
        reset(term: term)
        leader = id
        role = .leader
        progress[id].becomeReplicate()
        progress[id].recentActive = true
        pendingConfIndex = log.lastIndex
        _ = appendEntry(.empty)
    }

    /// raft.go hup: MsgHup handling; `transfer` is hup(campaignTransfer),
    /// which a MsgTimeoutNow starts: no pre-vote, and the votes it asks for
    /// pass the voters' leader lease.
    mutating func hup(transfer: Bool = false) {
        guard role != .leader, promotable, !hasUnappliedConfChanges() else { return }
        campaign(preElection: config.preVote && !transfer, transfer: transfer)
    }

    /// raft.go hasUnappliedConfChanges: don't campaign with a committed but
    /// unapplied membership change (our own config may be stale).
    func hasUnappliedConfChanges() -> Bool {
        guard log.applied < log.committed else { return false }
        var i = max(log.applied, log.snapshotIndex) + 1
        while i <= log.committed {
            if case .confChange = log.payload(at: i) { return true }
            i += 1
        }
        return false
    }

    /// raft.go campaign. Pre-vote requests are for term+1 without incrementing
    /// our own term (thesis §9.6). The self vote is counted directly (etcd 3.5).
    mutating func campaign(preElection: Bool, transfer: Bool = false) {
        let voteTerm: UInt64
        if preElection { becomePreCandidate(); voteTerm = term + 1 } else { becomeCandidate(); voteTerm = term }
        if poll(id, granted: true) == .won {
            if preElection { campaign(preElection: false) } else { becomeLeader() }
            return
        }
        for v in voters where v != id {  // ascending ids, as etcd sorts them
            send(RaftMessage(type: preElection ? .preVote : .vote, from: id, to: v, term: voteTerm,
                             logTerm: log.lastTerm, index: log.lastIndex,
                             context: transfer ? RaftMessage.campaignTransfer : nil))
        }
    }

    enum VoteResult { case pending, won, lost }

    /// raft.go poll + tracker.TallyVotes: the first answer of each voter counts;
    /// learners' answers are ignored.
    mutating func poll(_ from: Int, granted: Bool) -> VoteResult {
        if !votesGranted.contains(from) && !votesRejected.contains(from) {
            if granted { votesGranted.insert(from) } else { votesRejected.insert(from) }
        }
        let yes = votesGranted.intersection(voters).count
        let no = votesRejected.intersection(voters).count
        if yes >= quorum { return .won }
        if voters.count - no < quorum { return .lost }
        return .pending
    }

    /// raft.go stepLeader MsgCheckQuorum: step down unless a quorum of voters was
    /// heard from during the last electionTick ticks; then clear activity flags.
    mutating func checkQuorumActive() {
        var active = 0
        for v in voters where v == id || progress[v].recentActive { active += 1 }
        if active < quorum { becomeFollower(term: term, leader: nil) }
        for p in members where p != id { progress[p].recentActive = false }
    }
}
