/// The replicated log: a snapshot base plus entries (etcd-io/raft log.go raftLog,
/// with storage and unstable merged into one array plus a `stable` watermark).
public struct RaftLog: Sendable, Hashable {
    /// Index/term of the last entry covered by the snapshot (0/0 when none).
    public private(set) var snapshotIndex: UInt64 = 0
    public private(set) var snapshotTerm: UInt64 = 0
    /// `entries[i].index == snapshotIndex + 1 + i`.
    public private(set) var entries: [Entry] = []
    public internal(set) var committed: UInt64 = 0
    public internal(set) var applied: UInt64 = 0
    /// Last index known to be durably persisted by the caller (log_unstable.go offset - 1).
    public internal(set) var stable: UInt64 = 0

    init() {}

    init(restoring p: PersistentState) {
        if let s = p.snapshot { snapshotIndex = s.index; snapshotTerm = s.term }
        entries = p.entries.filter { $0.index > snapshotIndex }
        for (i, e) in entries.enumerated() { precondition(e.index == snapshotIndex + 1 + UInt64(i), "gap in restored log") }
        stable = lastIndex
        // raft.go loadState: commit must lie within the log.
        committed = max(snapshotIndex, min(p.hardState.commit, lastIndex))
        applied = snapshotIndex
    }

    public var firstIndex: UInt64 { snapshotIndex + 1 }
    public var lastIndex: UInt64 { snapshotIndex + UInt64(entries.count) }
    public var lastTerm: UInt64 { entries.last?.term ?? snapshotTerm }

    /// Term at `index`, or nil if compacted away or beyond the end (log.go term).
    public func term(at index: UInt64) -> UInt64? {
        if index == snapshotIndex { return snapshotTerm }
        if index < snapshotIndex || index > lastIndex { return nil }
        return entries[Int(index - snapshotIndex - 1)].term
    }

    func matchTerm(_ index: UInt64, _ term: UInt64) -> Bool { self.term(at: index) == term }

    /// Raft §5.4.1 election restriction (log.go isUpToDate).
    func isUpToDate(lastIndex li: UInt64, lastTerm lt: UInt64) -> Bool {
        lt > lastTerm || (lt == lastTerm && li >= lastIndex)
    }

    /// Entries in `[lo, hi]` (both must be in the log).
    func slice(_ lo: UInt64, through hi: UInt64) -> [Entry] {
        guard lo <= hi else { return [] }
        precondition(lo > snapshotIndex && hi <= lastIndex, "slice [\(lo),\(hi)] out of bounds")
        return Array(entries[Int(lo - snapshotIndex - 1)...Int(hi - snapshotIndex - 1)])
    }

    /// Leader/follower append that may truncate a conflicting suffix (log.go append/truncateAndAppend).
    mutating func append(_ ents: [Entry]) {
        guard let first = ents.first else { return }
        precondition(first.index > committed, "cannot overwrite committed entry \(first.index)")
        precondition(first.index <= lastIndex + 1, "gap in append")
        entries.removeSubrange(Int(first.index - snapshotIndex - 1)...)
        entries.append(contentsOf: ents)
        // Overwritten entries are no longer durable (log_unstable.go truncateAndAppend).
        stable = min(stable, first.index - 1)
    }

    /// First entry whose term conflicts with ours or that we do not have; 0 if none
    /// (log.go findConflict).
    func findConflict(_ ents: [Entry]) -> UInt64 {
        for e in ents where !matchTerm(e.index, e.term) { return e.index }
        return 0
    }

    /// Follower side of AppendEntries (log.go maybeAppend). Returns the last index
    /// known to match the leader, or nil if the (prevIndex, prevTerm) check fails.
    mutating func maybeAppend(prevIndex: UInt64, prevTerm: UInt64, commit: UInt64, ents: [Entry]) -> UInt64? {
        guard matchTerm(prevIndex, prevTerm) else { return nil }
        let lastNew = prevIndex + UInt64(ents.count)
        let ci = findConflict(ents)
        if ci != 0 {
            precondition(ci > committed, "entry \(ci) conflicts with committed entry")
            append(Array(ents[Int(ci - prevIndex - 1)...]))
        }
        // Commit only what we know matches the leader (Raft Fig. 2 rule 5).
        commitTo(min(commit, lastNew))
        return lastNew
    }

    /// Largest (index, term) with index <= `index` and term <= `term`
    /// (log.go findConflictByTerm), used for fast log backtracking.
    func findConflictByTerm(_ index: UInt64, _ term: UInt64) -> (index: UInt64, term: UInt64) {
        var i = min(index, lastIndex)
        while i > snapshotIndex {
            let t = self.term(at: i)!
            if t <= term { return (i, t) }
            i -= 1
        }
        return (i, self.term(at: i) ?? 0)
    }

    mutating func commitTo(_ index: UInt64) {
        if index > committed { committed = min(index, lastIndex) }
    }

    /// Leader commit rule: only an entry of the current term may be committed by
    /// counting replicas (Raft §5.4.2; log.go maybeCommit).
    mutating func maybeCommit(index: UInt64, term: UInt64) -> Bool {
        if index > committed && self.term(at: index) == term { committed = index; return true }
        return false
    }

    /// Replace the log with a snapshot (log.go restore).
    mutating func restore(_ s: SnapshotMetadata) {
        snapshotIndex = s.index; snapshotTerm = s.term
        entries.removeAll()
        committed = s.index
        // The snapshot travels in the same Ready as any later entries and is
        // persisted first, so entries after it are the only unstable ones.
        stable = s.index
    }

    /// Drop entries up to `index` (inclusive) after they were snapshotted (storage.go Compact).
    mutating func compact(to index: UInt64) {
        precondition(index <= applied && index >= snapshotIndex, "can only compact applied entries")
        let t = term(at: index)!
        entries.removeSubrange(0..<Int(index - snapshotIndex))
        snapshotIndex = index; snapshotTerm = t
    }

    var hasUnstable: Bool { stable < lastIndex }

    /// Payload at `index` without copying a slice (for allocation-free scans).
    func payload(at index: UInt64) -> EntryPayload? {
        guard index > snapshotIndex && index <= lastIndex else { return nil }
        return entries[Int(index - snapshotIndex - 1)].payload
    }
}
