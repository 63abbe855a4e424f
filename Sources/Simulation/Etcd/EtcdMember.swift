import Raft
import SimKernel

/// A leader's graceful stop waiting for its leadership transfer.
struct EtcdStop {
    let transferee: Int
    /// ReqTimeout after the stop began: MoveLeader gives up then.
    let deadline: SimInstant
}

/// One etcd member: its Raft state machine while the process runs, its disk
/// (which survives crashes), and the bookkeeping that models fsync.
///
/// Its fields are `private(set)`: other subsystems read them, and change the
/// member only through the methods below, each one transition of the real
/// process (a crash, a restart, a Ready taken and written, a message queued
/// while frozen), so no subsystem can leave a member half changed.
struct EtcdMember {
    let host: Int
    /// The process's Raft node; stale and unused while `running` is false.
    /// Not optional so that the hot path reaches it in place, without copies.
    private(set) var node: RaftNode
    /// Runs while it is a joined member, its host is up and no crash holds
    /// it; its generation is the member's life, bumped whenever the process
    /// stops, so that ticks, fsync completions and messages addressed to an
    /// earlier life are dropped.
    private(set) var process = ProcessState(running: true)
    var running: Bool { process.running }
    var incarnation: Int { process.generation }
    /// Whether the member belongs to the cluster: false for the member of a
    /// master not yet added (or already removed) by an operation.
    private(set) var joined = true
    /// What has reached the disk: survives crashes. Entries of a Ready whose
    /// fsync has not completed are not here yet, and are lost by a crash.
    private(set) var storage = PersistentState()
    /// The Ready being written to disk; its messages go out once it is durable.
    private(set) var persisting: Ready?
    /// Slow-disk faults in start order; the latest one applies.
    private(set) var slowDisks: [(fault: Int, fsync: Distribution)] = []
    /// A Ready whose write finished while the host was paused: its messages
    /// and committed entries wait for the thaw.
    private(set) var durableWhilePaused: Ready?
    /// Messages that arrived while the host was paused, in arrival order,
    /// at most `backlogPerPeer` from each sender.
    private(set) var backlog: [RaftMessage] = []
    /// How many of `backlog` each sender (by Raft id) has sent.
    private var backlogBySender: [Int] = []
    /// A frozen process reads nothing, so what a peer sends it waits in the
    /// peer's stream writer, whose buffer holds 4,096 messages; further
    /// messages are dropped ("dropped internal Raft message since sending
    /// buffer is full"; etcd server/etcdserver/api/rafthttp stream.go
    /// `streamBufSize = 4096`, peer.go `send`). Raft recovers from the drops
    /// (heartbeats and appends are resent), and a pause of any length keeps
    /// bounded memory: unbounded, a whole-run pause grew ~150 MB a day.
    static let backlogPerPeer = 4_096
    /// The role last recorded in the timeline; nil while the process is down.
    private(set) var recordedRole: Role?
    /// The leader the member knew at the last check: an apiserver's etcd
    /// path depends on it, so a change re-evaluates the apiservers.
    private(set) var knownLeader: Int?
    /// The member's ticker (FollowerTicks); nil until its process first starts.
    private(set) var ticks: FollowerTicks?
    /// When its process last started (the start of the run for the first
    /// life): how long its peers' streams to it have been up, for etcd's
    /// choice of a leadership transferee (World+EtcdStop).
    private(set) var startedAt = SimInstant.start
    /// A graceful stop waiting for the leadership to move (World+EtcdStop).
    private(set) var stopping: EtcdStop?

    init(host: Int, node: RaftNode, joined: Bool) {
        self.host = host
        self.node = node
        self.joined = joined
        process.setRunning(joined)
    }

    // MARK: Membership (operations) and crash faults

    /// Added to the cluster by an operation: it starts from an empty disk.
    mutating func join() {
        joined = true
        storage = PersistentState()
    }

    /// Removed from the cluster by an operation.
    mutating func leave() { joined = false }

    mutating func changeCrashHolds(by delta: Int) { process.changeCrashHolds(by: delta) }

    mutating func addSlowDisk(fault: Int, fsync: Distribution) { slowDisks.append((fault, fsync)) }

    mutating func removeSlowDisk(fault: Int) { slowDisks.removeAll { $0.fault == fault } }

    // MARK: The process

    /// A crash: the process and everything not yet on disk are gone.
    mutating func crash() {
        process.setRunning(false)
        persisting = nil
        durableWhilePaused = nil
        backlog = []
        process.bumpGeneration()
    }

    /// A (re)start with `node`, built from what is on disk, at `now`.
    mutating func start(with node: RaftNode, at now: SimInstant) {
        self.node = node
        process.setRunning(true)
        startedAt = now
    }

    /// Stop on SIGTERM as a leader: the transfer to `transferee` is under
    /// way until the leader is seen to move or `deadline`.
    mutating func beginStop(transferee: Int, deadline: SimInstant) {
        stopping = EtcdStop(transferee: transferee, deadline: deadline)
        node.transferLeadership(to: transferee)
    }

    mutating func endStop() { stopping = nil }

    // MARK: Raft inputs

    mutating func tick() { node.tick() }

    /// The ticker of the life that starts now: its first tick at `first`.
    mutating func startTicking(first: SimInstant, interval: SimDuration) {
        ticks = FollowerTicks(first: first, interval: interval)
    }

    /// Applies the follower ticks due before `now` (FollowerTicks): each only
    /// counts toward the election timeout, which none of them reaches.
    mutating func applyDueTicks(before now: SimInstant) {
        guard var clock = ticks else { return }
        for _ in 0..<clock.takeDue(before: now) { node.tick() }
        ticks = clock
    }

    /// The tick at `now` is applied or dropped; whether it was the queued one.
    mutating func takeTick(at now: SimInstant) -> Bool {
        guard ticks?.isQueued(at: now) == true else { return false }
        ticks?.ticked(at: now)
        return true
    }

    /// When the next tick event should be, if it moves: the one that could
    /// fire the election timeout for a follower that may take ticks lazily,
    /// the next tick otherwise.
    mutating func rescheduleTick(lazily: Bool, at now: SimInstant) -> SimInstant? {
        let ahead = lazily && node.role == .follower ? node.randomizedElectionTimeout - node.electionElapsed : 1
        return ticks?.reschedule(ticksAhead: ahead, at: now)
    }

    /// A frozen control plane thaws: its ticks come back `span` later.
    mutating func delayTicks(by span: SimDuration) { ticks?.delay(by: span) }
    mutating func step(_ message: RaftMessage) { node.step(message) }
    mutating func campaign() { node.campaign() }
    mutating func propose(data: UInt64) -> ProposalResult { node.propose(data: data) }
    mutating func proposeConfChange(_ change: ConfChange) -> ProposalResult { node.proposeConfChange(change) }
    mutating func applyConfChange(_ change: ConfChange) { node.applyConfChange(change) }

    /// A message that arrived while the host was frozen waits for the thaw.
    mutating func holdWhileFrozen(_ message: RaftMessage) {
        let sender = message.from
        if backlogBySender.count <= sender { backlogBySender += Array(repeating: 0, count: sender + 1 - backlogBySender.count) }
        guard backlogBySender[sender] < Self.backlogPerPeer else { return }
        backlogBySender[sender] += 1
        backlog.append(message)
    }

    /// The messages that waited for the thaw, in arrival order; the backlog empties.
    mutating func takeBacklog() -> [RaftMessage] {
        defer {
            backlog = []
            backlogBySender = []
        }
        return backlog
    }

    // MARK: Readies and the disk

    /// The node's next Ready, to be sent and written.
    mutating func takeReady() -> Ready { node.ready() }

    /// The Ready goes to disk; `finishWriting` completes it.
    mutating func startWriting(_ ready: Ready) { persisting = ready }

    /// The fsync finished: the Ready being written is durable. Returns it.
    mutating func finishWriting() -> Ready? {
        guard let ready = persisting else { return nil }
        storage.persist(ready)
        persisting = nil
        return ready
    }

    /// A durable Ready whose messages and entries wait for the thaw.
    mutating func holdWhileFrozen(_ ready: Ready) { durableWhilePaused = ready }

    /// The Ready that became durable while frozen, if any; it is handed over once.
    mutating func takeDurableWhileFrozen() -> Ready? {
        defer { durableWhilePaused = nil }
        return durableWhilePaused
    }

    /// Acknowledges the last Ready taken.
    mutating func advance() { node.advance() }

    /// Before time zero, when messages are exchanged instantly: the Ready
    /// is durable at once.
    mutating func persistAtBootstrap() -> [RaftMessage] {
        let ready = node.ready()
        storage.persist(ready)
        node.advance()
        return ready.messages
    }

    /// Snapshots the applied log, keeping `retaining` entries, on the node and on disk.
    mutating func compact(retaining: UInt64) {
        let snapshot = node.compact(retaining: retaining)
        storage.compact(snapshot)
    }

    // MARK: What the recorders last saw

    /// Notes the leader the member knows; true when it changed.
    mutating func noteLeader(_ leader: Int?) -> Bool {
        guard leader != knownLeader else { return false }
        knownLeader = leader
        return true
    }

    /// Notes the role recorded in the timeline; true when it changed.
    mutating func noteRole(_ role: Role?) -> Bool {
        guard role != recordedRole else { return false }
        recordedRole = role
        return true
    }
}
