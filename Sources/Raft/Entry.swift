/// What a log entry carries. The simulator does not need real bytes, only an
/// opaque id it can map back to a request (etcd's `Entry.Data`).
public enum EntryPayload: Sendable, Hashable {
    /// The no-op a new leader appends to commit entries of earlier terms
    /// (etcd-io/raft raft.go becomeLeader "emptyEnt"; Raft thesis §3.6.2).
    case empty
    /// Opaque client data id (etcd EntryNormal).
    case normal(UInt64)
    /// Membership change (etcd EntryConfChange).
    case confChange(ConfChange)
}

/// A log entry (etcd raftpb.Entry).
public struct Entry: Sendable, Hashable, CustomStringConvertible {
    public var term: UInt64
    public var index: UInt64
    public var payload: EntryPayload

    public init(term: UInt64, index: UInt64, payload: EntryPayload) {
        self.term = term
        self.index = index
        self.payload = payload
    }
    public var description: String { "\(term)/\(index):\(payload)" }
}
