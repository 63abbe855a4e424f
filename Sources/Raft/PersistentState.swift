/// The durable part of a node (etcd raftpb.HardState). Must be written before
/// the messages of the same `Ready` are sent (Raft thesis §3.8; raft.go send).
public struct HardState: Sendable, Hashable {
    public var term: UInt64
    public var vote: Int?
    public var commit: UInt64
    public init(term: UInt64 = 0, vote: Int? = nil, commit: UInt64 = 0) {
        self.term = term; self.vote = vote; self.commit = commit
    }
}

/// Snapshot metadata (etcd raftpb.SnapshotMetadata). The application state itself
/// is opaque to this model; the simulator can attach a size to it.
public struct SnapshotMetadata: Sendable, Hashable {
    public var index: UInt64
    public var term: UInt64
    public var voters: NodeSet
    public var learners: NodeSet
    public init(index: UInt64, term: UInt64, voters: NodeSet, learners: NodeSet) {
        self.index = index; self.term = term; self.voters = voters; self.learners = learners
    }
}

/// Everything a restarted node reads back from disk (etcd's MemoryStorage content:
/// HardState + entries after the snapshot + snapshot metadata).
public struct PersistentState: Sendable, Hashable {
    public var hardState: HardState
    public var entries: [Entry]
    public var snapshot: SnapshotMetadata?
    public init(hardState: HardState = HardState(), entries: [Entry] = [], snapshot: SnapshotMetadata? = nil) {
        self.hardState = hardState; self.entries = entries; self.snapshot = snapshot
    }

    /// Applies one `Ready` to this durable image: snapshot first, then entries
    /// (truncating any conflicting suffix, as etcd MemoryStorage.Append does), then HardState.
    public mutating func persist(_ rd: Ready) {
        if let s = rd.snapshot {
            snapshot = s
            entries.removeAll()
        }
        if let first = rd.entries.first {
            // Entries are dense, so the truncation point is computed, not searched.
            if let base = entries.first?.index, first.index >= base {
                let pos = Int(first.index - base)
                if pos < entries.count { entries.removeSubrange(pos...) }
            } else {
                entries.removeAll()
            }
            entries.append(contentsOf: rd.entries)
        }
        if let hs = rd.hardState { hardState = hs }
    }

    /// Discards entries covered by a snapshot taken with `RaftNode.compact()`.
    public mutating func compact(_ meta: SnapshotMetadata) {
        snapshot = meta
        entries.removeAll { $0.index <= meta.index }
    }
}
