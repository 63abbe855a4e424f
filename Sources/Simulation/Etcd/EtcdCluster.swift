import Raft
import SimKernel

/// The Etcd subsystem's state: the members with their random streams and
/// timeline lanes, which host runs which member, the voters as the
/// cluster's configuration has them, the Raft messages in flight, the write
/// probe, and the counts the metrics report (elections won, the highest
/// term). Fields are `private(set)`: only its own methods change them, and
/// a member or the write probe changes only through its own type's
/// methods, reached by `subscript(member:)` and the probe methods below.
struct EtcdCluster {
    /// A member's streams: its tick phase, its fsync draws, its Raft seeds.
    typealias MemberStreams = (tick: RandomStreams.StreamID, fsync: RandomStreams.StreamID, raft: RandomStreams.StreamID)

    private(set) var members: [EtcdMember] = []
    /// The member each host runs, if any; fixed by the topology.
    let memberOfHost: [Int?]
    /// Raft messages in flight; the event queue carries their slots.
    private(set) var inFlight = MessagePool()
    private(set) var streams: [MemberStreams] = []
    /// Each member's lane on the timeline.
    private(set) var entity: [Int] = []
    /// The etcd voters as the cluster's configuration has them, by member.
    private(set) var voters: [Int]
    /// Elections won during the run (the bootstrap election not counted).
    private(set) var elections = 0
    /// The highest Raft term any member reached.
    private(set) var maxTerm: UInt64 = 0
    private(set) var probe = WriteProbe()

    /// The members of `etcdHosts`, none added yet; those initially
    /// provisioned are the voters.
    init(hostCount: Int, etcdHosts: [Host]) {
        var memberOfHost = [Int?](repeating: nil, count: hostCount)
        for (member, host) in etcdHosts.enumerated() { memberOfHost[host.id] = member }
        self.memberOfHost = memberOfHost
        voters = etcdHosts.indices.filter { etcdHosts[$0].initiallyProvisioned }
    }

    /// A member, to change through its own methods.
    subscript(member index: Int) -> EtcdMember {
        get { members[index] }
        _modify { yield &members[index] }
    }

    /// Adds the next member, with its lane and its streams.
    mutating func add(_ member: EtcdMember, lane: Int, streams: MemberStreams) {
        entity.append(lane)
        self.streams.append(streams)
        members.append(member)
    }

    // MARK: Messages in flight

    /// Keeps `message` until it arrives; returns the slot the queue carries.
    mutating func storeInFlight(_ message: RaftMessage) -> Int32 { inFlight.store(message) }

    /// The message in `slot`, which is freed.
    mutating func takeInFlight(_ slot: Int32) -> RaftMessage { inFlight.take(slot) }

    // MARK: Configuration and counts

    /// A conf change added `member` as a voter.
    mutating func addVoter(_ member: Int) { voters = (voters + [member]).sorted() }

    /// A conf change removed `member`.
    mutating func removeVoter(_ member: Int) { voters.removeAll { $0 == member } }

    /// A running member is in `term`.
    mutating func noteTerm(_ term: UInt64) { maxTerm = max(maxTerm, term) }

    /// A member won an election.
    mutating func countElection() { elections += 1 }

    // MARK: The write probe

    /// Sends a probe write to `member`; returns its id.
    mutating func sendProbe(to member: Int, at now: SimInstant) -> Int { probe.send(to: member, at: now) }

    /// Judges probe write `id`.
    mutating func resolveProbe(_ id: Int, succeeded: Bool, at now: SimInstant) {
        probe.resolve(id, succeeded: succeeded, at: now)
    }

    /// The fast-forward repeats a quiet window's probe writes `times` times.
    mutating func repeatProbeWindow(sent: Int, latencies since: LogLinearHistogram, times: Int) {
        probe.repeatWindow(sent: sent, latencies: since, times: times)
    }

    /// A frozen control plane stood still for `span`: the probe's writes in
    /// flight and every member's ticks move `span` later.
    mutating func delayHeldTimes(by span: SimDuration) {
        probe.delaySends(by: span)
        for member in members.indices { members[member].delayTicks(by: span) }
    }
}
