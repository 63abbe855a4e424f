import Raft
import SimKernel

/// etcd members: Raft nodes driven by ticks, messages over the network, and
/// a disk whose fsync delays what a member may send.
extension World {
    mutating func handle(_ event: EtcdEvent) {
        switch event {
        case .tick(let member, let incarnation): tickMember(member, incarnation: incarnation)
        case .persisted(let member, let incarnation): persisted(member, incarnation: incarnation)
        case .deliver(let slot, let incarnation, _): deliver(etcd.takeInFlight(slot), incarnation: Int(incarnation))
        case .probeWrite: sendProbeWrite()
        case .probeTimeout(let probe): etcd.resolveProbe(probe, succeeded: false, at: now)
        case .transferPoll(let member): transferPoll(member)
        }
    }

    /// Creates the members and settles the cluster before time zero: a member
    /// drawn from `etcd/bootstrap` campaigns and messages are exchanged instantly until nothing moves, so
    /// the run starts from an established cluster (a leader at term 1 and
    /// every member following it) rather than measuring a cold start. Each
    /// member's tick then starts at its own random phase, as independent
    /// processes' tickers do.
    mutating func bootstrapEtcd(_ etcdHosts: [Host]) {
        for (member, host) in etcdHosts.enumerated() {
            let lane = recording.register("etcd/\(host.name)", state: host.initiallyProvisioned ? nil : "absent")
            let streams = (
                tick: random.stream("etcd/\(host.name)/tick"), fsync: random.stream("etcd/\(host.name)/fsync"),
                raft: random.stream("etcd/\(host.name)/raft")
            )
            let node = RaftNode(config: raftConfig(member, raftStream: streams.raft))
            etcd.add(EtcdMember(host: host.id, node: node, joined: host.initiallyProvisioned), lane: lane, streams: streams)
        }
        guard !etcd.members.isEmpty else { return }
        // The first leader is drawn from the seed among the initial members,
        // so that an outage of a fixed zone does not always hit the leader.
        let initial = etcd.members.indices.filter { etcd.members[$0].joined }
        let first = initial[Int(random[random.stream("etcd/bootstrap")].nextInt(below: UInt64(initial.count)))]
        etcd[member: first].campaign()
        var inFlight: [RaftMessage] = []
        repeat {
            for message in inFlight { etcd[member: message.to].step(message) }
            inFlight = []
            for member in etcd.members.indices where etcd.members[member].joined && etcd.members[member].node.hasReady {
                inFlight += etcd[member: member].persistAtBootstrap()
            }
        } while !inFlight.isEmpty
        let tick = scenario.topology.etcd.tickInterval
        for member in etcd.members.indices where etcd.members[member].joined {
            recordRole(member, counting: false)
            let phase = random[etcd.streams[member].tick].nextInt(in: 1...tick.nanoseconds)
            let first = SimInstant(nanosecondsSinceStart: phase)
            etcd[member: member].startTicking(first: first, interval: tick)
            queue.schedule(.etcd(.tick(member: member, incarnation: 0)), at: first)
        }
    }

    /// Each life of a member gets its own Raft seed, drawn from the member's stream.
    mutating func raftConfig(_ member: Int) -> RaftConfig {
        raftConfig(member, raftStream: etcd.streams[member].raft)
    }

    /// As `raftConfig(_:)`, drawing the seed from `raftStream` (a member not yet added).
    mutating func raftConfig(_ member: Int, raftStream: RandomStreams.StreamID) -> RaftConfig {
        let settings = scenario.topology.etcd
        let ticks = settings.tickCounts
        return RaftConfig(
            id: member, voters: etcd.voters,
            electionTick: ticks.election, heartbeatTick: ticks.heartbeat, preVote: settings.preVote,
            checkQuorum: true,  // etcd always enables CheckQuorum (server/etcdserver/bootstrap.go)
            randomSeed: random[raftStream].next(), randomizedTimeoutRange: ticks.range)
    }

    var memberCount: Int { etcd.members.count }

    /// Whether two members' hosts can talk both ways.
    func membersConnected(_ a: Int, _ b: Int) -> Bool { network.connected(etcd.members[a].host, etcd.members[b].host) }

    /// Whether the member's process can act now: running, on a host not paused.
    func active(_ member: Int) -> Bool {
        etcd.members[member].running && !fleet.paused(etcd.members[member].host)
    }

    // MARK: Process lifecycle

    /// Starts or stops the member's process to match its host and crash faults.
    mutating func refreshMember(_ member: Int) {
        let shouldRun = etcd.members[member].process.shouldRun(
            hostUp: fleet.up[etcd.members[member].host], allowed: etcd.members[member].joined)
        if shouldRun && !etcd.members[member].running { startMember(member) }
        if !shouldRun && etcd.members[member].running { stopMember(member) }
    }

    /// A crash: the process and everything not yet on disk are gone.
    mutating func stopMember(_ member: Int) {
        etcd[member: member].crash()
        recordRole(member)
        announce(.etcd)
    }

    /// A restart from what is on disk, as etcd's RestartNode.
    mutating func startMember(_ member: Int) {
        var node = RaftNode(config: raftConfig(member), restoring: etcd.members[member].storage)
        // etcd server.go adjustTicks: with a peer reachable, fast-forward
        // ElectionTicks-2 so the restarted member does not wait a whole
        // election timeout, yet still hears from a live leader first.
        let peerReachable = etcd.members.indices.contains { $0 != member && active($0) && membersConnected(member, $0) }
        if scenario.topology.etcd.initialElectionTickAdvance && peerReachable {
            for _ in 0..<max(0, node.config.electionTick - 2) { node.tick() }
        }
        etcd[member: member].start(with: node, at: now)
        let incarnation = etcd.members[member].incarnation
        let tick = scenario.topology.etcd.tickInterval
        etcd[member: member].startTicking(first: now + tick, interval: tick)
        queue.schedule(.etcd(.tick(member: member, incarnation: incarnation)), after: tick)
        afterInput(member)
    }

    /// A thawed host: messages that waited are taken in order, then work resumes.
    mutating func resumeMember(_ member: Int) {
        guard etcd.members[member].running else { return }
        if let ready = etcd[member: member].takeDurableWhileFrozen() {
            send(ready.messages, from: member)
            complete(member, ready)
        }
        etcd[member: member].applyDueTicks(before: now)
        for message in etcd[member: member].takeBacklog() { etcd[member: member].step(message) }
        afterInput(member)
    }

    // MARK: Inputs

    /// The queued tick (FollowerTicks): the due ticks before it first, then
    /// this one, then the next tick event.
    mutating func tickMember(_ member: Int, incarnation: Int) {
        guard etcd.members[member].incarnation == incarnation, etcd.members[member].running else { return }
        etcd[member: member].applyDueTicks(before: now)
        guard etcd[member: member].takeTick(at: now) else { return }  // moved earlier since
        // A frozen process misses its ticks; Go's ticker drops them rather than queueing.
        guard !fleet.paused(etcd.members[member].host) else { return scheduleTick(member) }
        etcd[member: member].tick()
        afterInput(member)
    }

    mutating func deliver(_ message: RaftMessage, incarnation: Int) {
        let member = message.to
        guard Int32(truncatingIfNeeded: etcd.members[member].incarnation) == Int32(truncatingIfNeeded: incarnation),
            etcd.members[member].running
        else { return }
        if fleet.paused(etcd.members[member].host) {
            etcd[member: member].holdWhileFrozen(message)
            return
        }
        etcd[member: member].applyDueTicks(before: now)
        etcd[member: member].step(message)
        afterInput(member)
    }

    /// After any input: record a role change, move the tick event if the
    /// election timeout now falls earlier, then hand a new Ready to the disk.
    mutating func afterInput(_ member: Int) {
        recordRole(member)
        scheduleTick(member)
        pump(member)
    }

    /// Queues the member's next tick event if it moves (FollowerTicks): a
    /// paused member's every tick, since each is dropped.
    mutating func scheduleTick(_ member: Int) {
        guard etcd.members[member].running,
            let at = etcd[member: member].rescheduleTick(lazily: !fleet.paused(etcd.members[member].host), at: now)
        else { return }
        queue.schedule(.etcd(.tick(member: member, incarnation: etcd.members[member].incarnation)), at: at)
    }

    /// A host freezes: its member's due ticks are applied up to now, and its
    /// ticks from now on are events again, each dropped while it is frozen.
    mutating func freezeMemberTicks(_ member: Int) {
        guard etcd.members[member].running else { return }
        etcd[member: member].applyDueTicks(before: now)
        guard let at = etcd[member: member].rescheduleTick(lazily: false, at: now) else { return }
        queue.schedule(.etcd(.tick(member: member, incarnation: etcd.members[member].incarnation)), at: at)
    }

    // MARK: Ready handling

    /// Takes the next Ready if the member is free. What must be durable goes to
    /// disk first and the Ready completes when the fsync does. A leader sends
    /// its messages before its own write, as etcd does (server/etcdserver/raft.go:
    /// "the leader can write to its disk in parallel with replicating to the
    /// followers"); followers send only after the write, so a slow disk delays
    /// their acknowledgements.
    mutating func pump(_ member: Int) {
        guard active(member), etcd.members[member].persisting == nil, etcd.members[member].durableWhilePaused == nil,
            etcd.members[member].node.hasReady
        else { return }
        var ready = etcd[member: member].takeReady()
        let needsSync = !ready.entries.isEmpty || ready.hardState != nil || ready.snapshot != nil
        if etcd.members[member].node.role == .leader || !needsSync {
            send(ready.messages, from: member)
            ready.messages = []
        }
        if needsSync {
            etcd[member: member].startWriting(ready)
            let fsync = (etcd.members[member].slowDisks.last?.fsync ?? scenario.topology.etcd.fsync)
                .sample(&random[etcd.streams[member].fsync])
            queue.schedule(.etcd(.persisted(member: member, incarnation: etcd.members[member].incarnation)), after: fsync)
        } else {
            complete(member, ready)
        }
    }

    mutating func persisted(_ member: Int, incarnation: Int) {
        guard etcd.members[member].incarnation == incarnation, let ready = etcd[member: member].finishWriting() else { return }
        // A frozen process cannot act on the finished write until it thaws.
        guard !fleet.paused(etcd.members[member].host) else {
            etcd[member: member].holdWhileFrozen(ready)
            return
        }
        send(ready.messages, from: member)
        complete(member, ready)
    }

    /// Applies committed entries and acknowledges the Ready.
    mutating func complete(_ member: Int, _ ready: Ready) {
        for entry in ready.committedEntries {
            switch entry.payload {
            case .confChange(let change):
                etcd[member: member].applyConfChange(change)
                // A leader's quorum is counted over its own voters: re-evaluate.
                announce(.etcd)
                membershipChangeApplied(change)
            case .normal(let data) where data & APIRequest.entryTag != 0:
                apiRequestApplied(Int(data & ~APIRequest.entryTag), at: member)
            case .normal(let data): probeApplied(Int(data), at: member)
            case .empty: break
            }
        }
        etcd[member: member].advance()
        compactIfDue(member)
        afterInput(member)
    }

    /// etcd snapshots and compacts its log every --snapshot-count applied
    /// entries (100,000 in etcd 3.5), keeping 5,000 for lagging followers;
    /// without it a long run's logs would grow without bound.
    mutating func compactIfDue(_ member: Int) {
        let log = etcd.members[member].node.log
        guard log.applied - log.snapshotIndex >= EtcdSettings.snapshotCount + EtcdSettings.snapshotCatchUpEntries else { return }
        etcd[member: member].compact(retaining: EtcdSettings.snapshotCatchUpEntries)
    }

    mutating func send(_ messages: [RaftMessage], from member: Int) {
        for message in messages {
            let to = message.to
            guard
                let arrival = transmit(
                    from: etcd.members[member].host, to: etcd.members[to].host, carrying: .raft(message),
                    on: Self.peerConnection(message.type))
            else { continue }
            let event = WorldEvent.etcd(
                .deliver(
                    slot: etcd.storeInFlight(message),
                    incarnation: Int32(truncatingIfNeeded: etcd.members[to].incarnation),
                    code: MessagePool.traceCode(message)))
            queue.schedule(event, at: arrival)
        }
    }

    /// The peer connection etcd sends a Raft message on (rafthttp peer.go
    /// `pick`): snapshots on the pipeline, appends on the MsgAppV2 stream,
    /// everything else on the message stream. Each orders only its own
    /// messages, so a reply that an apiserver's etcd call will send later
    /// never holds a follower's commit back.
    static func peerConnection(_ type: RaftMessage.Kind) -> LinkConnection {
        switch type {
        case .snapshot: .raftPipeline
        case .append: .raftAppends
        default: .raftMessages
        }
    }

    // MARK: Roles and quorum

    /// Records the member's role in the timeline when it changed; counts
    /// elections won and the highest term seen.
    mutating func recordRole(_ member: Int, counting: Bool = true) {
        let role = etcd.members[member].running ? etcd.members[member].node.role : nil
        let leader = etcd.members[member].running ? etcd.members[member].node.leader : nil
        if etcd[member: member].noteLeader(leader), role == etcd.members[member].recordedRole { announce(.etcd) }
        guard etcd[member: member].noteRole(role) else { return }
        recording.set(etcd.entity[member], role.map { "\($0)" } ?? (etcd.members[member].joined ? "down" : "absent"), at: now)
        if role != nil {
            let term = etcd.members[member].node.term
            etcd.noteTerm(term)
            if role == .leader, counting {
                etcd.countElection()
                record(entity: "etcd/\(hosts[etcd.members[member].host].name)", kind: .leaderElected, detail: "term \(term)")
            }
        }
        announce(.etcd)
    }

    /// The member that leads and can reach a quorum of voters (itself
    /// included) in both directions, all of them able to act.
    func leaderWithQuorum() -> Int? {
        for member in etcd.members.indices where active(member) && etcd.members[member].node.role == .leader {
            let reachable = etcd.members[member].node.voters.count { active($0) && membersConnected(member, $0) }
            if reachable >= etcd.members[member].node.quorum { return member }
        }
        return nil
    }
}
