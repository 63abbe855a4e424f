/// A single-node membership change (etcd raftpb.ConfChange, V1 "simple" changes
/// only; joint consensus is not modelled). One change at a time is enforced by
/// the leader through `pendingConfIndex` (raft.go stepLeader MsgProp).
public enum ConfChange: Sendable, Hashable {
    case addNode(Int)
    case addLearner(Int)
    case removeNode(Int)
    case promoteLearner(Int)

    public var nodeID: Int {
        switch self {
        case .addNode(let id), .addLearner(let id), .removeNode(let id), .promoteLearner(let id): return id
        }
    }

    /// Applies the change to a (voters, learners) configuration.
    /// Mirrors etcd-io/raft confchange/confchange.go Simple: adding a voter that is
    /// a learner promotes it; removing drops it from both sets. Demoting a voter to
    /// a learner is refused outside joint consensus, so addLearner on a voter is a no-op.
    func apply(voters: inout NodeSet, learners: inout NodeSet) {
        switch self {
        case .addNode(let id), .promoteLearner(let id):
            learners.remove(id); voters.insert(id)
        case .addLearner(let id):
            if !voters.contains(id) { learners.insert(id) }
        case .removeNode(let id):
            voters.remove(id); learners.remove(id)
        }
    }
}
