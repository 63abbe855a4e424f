/// Node role (etcd-io/raft raft.go StateType). A learner is not a role: it is a
/// follower whose id is in the learner set and who is therefore not promotable.
public enum Role: UInt8, Sendable, Hashable {
    case follower, preCandidate, candidate, leader
}

/// Volatile state reported to the caller when it changes (etcd raft SoftState).
public struct SoftState: Sendable, Hashable {
    public var leader: Int?
    public var role: Role
    public init(leader: Int?, role: Role) { self.leader = leader; self.role = role }
}
