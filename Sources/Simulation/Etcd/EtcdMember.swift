import Raft
import SimKernel

/// One etcd member: its Raft state machine while the process runs, its disk
/// (which survives crashes), and the bookkeeping that models fsync.
struct EtcdMember {
    let host: Int
    /// The process's Raft node; stale and unused while `running` is false.
    /// Not optional so that the hot path reaches it in place, without copies.
    var node: RaftNode
    /// Runs while it is a joined member, its host is up and no crash holds
    /// it; its generation is the member's life, bumped whenever the process
    /// stops, so that ticks, fsync completions and messages addressed to an
    /// earlier life are dropped.
    var process = ProcessState(running: true)
    var running: Bool { process.running }
    var incarnation: Int { process.generation }
    /// Whether the member belongs to the cluster: false for the member of a
    /// master not yet added (or already removed) by an operation.
    var joined = true
    /// What has reached the disk: survives crashes. Entries of a Ready whose
    /// fsync has not completed are not here yet, and are lost by a crash.
    var storage = PersistentState()
    /// The Ready being written to disk; its messages go out once it is durable.
    var persisting: Ready?
    /// Slow-disk faults in start order; the latest one applies.
    var slowDisks: [(fault: Int, fsync: Distribution)] = []
    /// A Ready whose write finished while the host was paused: its messages
    /// and committed entries wait for the thaw.
    var durableWhilePaused: Ready?
    /// Messages that arrived while the host was paused, in arrival order.
    var backlog: [RaftMessage] = []
    /// The role last recorded in the timeline; nil while the process is down.
    var recordedRole: Role?
    /// The leader the member knew at the last check: an apiserver's etcd
    /// path depends on it, so a change re-evaluates the apiservers.
    var knownLeader: Int?
}
