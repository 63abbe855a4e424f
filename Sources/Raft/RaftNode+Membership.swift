/// Membership changes and log compaction (etcd-io/raft raft.go applyConfChange /
/// switchToConfig, storage.go CreateSnapshot + Compact).
extension RaftNode {
    /// Apply a committed conf change. As in etcd, the caller invokes this while
    /// applying the committed entry (before `advance()`); raft never applies conf
    /// changes on its own. Quorum changes take effect immediately: adding a voter
    /// raises the majority at once (etcd FAQ "add one member at a time").
    public mutating func applyConfChange(_ cc: ConfChange) {
        let before = members
        cc.apply(voters: &voters, learners: &learners)
        let last = log.lastIndex
        for p in members where !before.contains(p) {
            // confchange.go initProgress: start probing at the leader's last index and
            // count as recently active so checkQuorum doesn't fire before it answers.
            progress[p] = Progress(match: 0, next: last + 1, recentActive: true)
        }
        // raft.go switchToConfig: a removed (or demoted) leader steps down
        // (Config.StepDownOnRemoval, the behaviour etcd 3.6 enables).
        if role == .leader && !voters.contains(id) {
            becomeFollower(term: term, leader: nil)
            return
        }
        guard role == .leader, !voters.isEmpty else { return }
        if maybeCommit() {
            bcastAppend()  // a smaller quorum may commit more right away
        } else {
            for p in members where p != id && !before.contains(p) { sendAppend(to: p, sendIfEmpty: false) }
        }
    }

    /// Take a snapshot at the applied index and drop the log prefix it covers,
    /// keeping the last `retaining` applied entries so that slightly lagging
    /// followers catch up from the log rather than a snapshot (etcd keeps
    /// SnapshotCatchUpEntries = 5000, server/etcdserver/server.go).
    /// Returns the metadata the caller must store (see `PersistentState.compact`).
    /// Must not be called between `ready()` and `advance()`: the configuration
    /// recorded is the one in force at `log.applied`.
    @discardableResult
    public mutating func compact(retaining: UInt64 = 0) -> SnapshotMetadata {
        precondition(inFlight == nil, "compact() between ready() and advance()")
        let idx = max(log.snapshotIndex, log.applied - min(log.applied, retaining))
        let meta = SnapshotMetadata(index: idx, term: log.term(at: idx) ?? 0, voters: voters, learners: learners)
        log.compact(to: idx)
        snapshotMeta = meta
        return meta
    }
}
