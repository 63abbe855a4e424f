import XCTest
@testable import Raft

/// Deterministic in-memory cluster in the spirit of etcd-io/raft's
/// rafttest/interaction_env (datadriven "stabilize", "tick-heartbeat", "deliver-msgs").
///
/// Every Ready is persisted instantly to `disks`, committed entries are applied
/// (conf changes via `applyConfChange`, as etcd's application does), and
/// messages are delivered in rounds: all messages produced in one round are
/// delivered before any reply is looked at, so nodes ticking in lockstep stay
/// symmetric (needed to show a genuine split vote).
struct StoryNetwork {
    var configs: [RaftConfig]
    var nodes: [RaftNode]
    var disks: [PersistentState]
    var up: [Bool]
    /// blocked[from][to]: link cut in that direction.
    var blocked: [[Bool]]
    /// Per-node applied entries (volatile: cleared on crash, replayed on restart).
    var applied: [[Entry]]
    var readStates: [[ReadState]]
    /// Extra drop rule, e.g. to lose all appendResps.
    var drop: (RaftMessage) -> Bool = { _ in false }
    var delivered = 0
    /// Safety bookkeeping checked on every Ready (Raft Fig. 3 properties).
    var leaderOfTerm: [UInt64: Int] = [:]
    var committedAt: [UInt64: Entry] = [:]

    /// `n` nodes, ids 0..<n; voters default to all of them.
    init(_ n: Int, voters: [Int]? = nil, learners: [Int] = [],
         configure: (inout RaftConfig) -> Void = { _ in }) {
        configs = (0..<n).map { i in
            var c = RaftConfig(id: i, voters: voters ?? Array(0..<n), learners: learners,
                               randomSeed: 0x5EED_0000 &+ UInt64(i) &* 7919)
            configure(&c)
            return c
        }
        nodes = configs.map { RaftNode(config: $0) }
        disks = Array(repeating: PersistentState(), count: n)
        up = Array(repeating: true, count: n)
        blocked = Array(repeating: Array(repeating: false, count: n), count: n)
        applied = Array(repeating: [], count: n)
        readStates = Array(repeating: [], count: n)
    }

    var ids: Range<Int> { nodes.indices }

    // MARK: Faults

    mutating func isolate(_ id: Int) {
        for o in ids where o != id { blocked[id][o] = true; blocked[o][id] = true }
    }
    mutating func cut(_ a: Int, _ b: Int) { blocked[a][b] = true; blocked[b][a] = true }
    mutating func heal() {
        blocked = Array(repeating: Array(repeating: false, count: nodes.count), count: nodes.count)
        drop = { _ in false }
    }
    mutating func crash(_ id: Int) {
        up[id] = false
        applied[id] = []
        readStates[id] = []
    }
    /// Restart from what was persisted (etcd RestartNode).
    mutating func restart(_ id: Int) {
        nodes[id] = RaftNode(config: configs[id], restoring: disks[id])
        up[id] = true
    }

    // MARK: Driving

    /// Tick every live node (or `only`) in lockstep `times` times, stabilizing after each.
    mutating func tick(_ times: Int = 1, only: [Int]? = nil) {
        for _ in 0..<times {
            for i in only ?? Array(ids) where up[i] { nodes[i].tick() }
            stabilize()
        }
    }

    /// Tick until `cond` holds; returns the number of ticks or nil after `limit`.
    @discardableResult
    mutating func tick(until limit: Int, _ cond: (StoryNetwork) -> Bool) -> Int? {
        for t in 0...limit {
            if cond(self) { return t }
            tick()
        }
        return nil
    }

    /// Persist/apply/deliver until no node has anything left to say.
    mutating func stabilize(maxRounds: Int = 10_000) {
        for _ in 0..<maxRounds {
            var outbox: [RaftMessage] = []
            for i in ids where up[i] && nodes[i].hasReady { outbox += handleReady(i) }
            if outbox.isEmpty { return }
            for m in outbox where canDeliver(m) {
                delivered += 1
                nodes[m.to].step(m)
            }
        }
        XCTFail("network did not stabilize")
    }

    /// The caller's side of the Ready contract (see Ready docs): persist, then
    /// send, then apply, then advance.
    mutating func handleReady(_ i: Int) -> [RaftMessage] {
        let rd = nodes[i].ready()
        // Election Safety: at most one leader per term.
        if nodes[i].role == .leader {
            let t = nodes[i].term
            if let other = leaderOfTerm[t], other != i { XCTFail("two leaders \(other) and \(i) in term \(t)") }
            leaderOfTerm[t] = i
        }
        if let hs = rd.hardState {
            XCTAssertGreaterThanOrEqual(hs.term, disks[i].hardState.term, "durable term went backwards on \(i)")
        }
        // State Machine Safety: every node applies the same entry at an index.
        for e in rd.committedEntries {
            if let seen = committedAt[e.index] {
                if seen != e { XCTFail("node \(i) applied \(e), another node applied \(seen)") }
            } else {
                committedAt[e.index] = e
            }
        }
        disks[i].persist(rd)
        if let s = rd.snapshot { applied[i] = [Entry(term: s.term, index: s.index, payload: .empty)] }
        for e in rd.committedEntries {
            if case .confChange(let cc) = e.payload { nodes[i].applyConfChange(cc) }
            applied[i].append(e)
        }
        readStates[i] += rd.readStates
        nodes[i].advance()
        return rd.messages
    }

    func canDeliver(_ m: RaftMessage) -> Bool {
        m.to >= 0 && m.to < nodes.count && up[m.from] && up[m.to] && !blocked[m.from][m.to] && !drop(m)
    }

    // MARK: Queries

    /// Live leaders (there may transiently be two in different terms).
    var leaders: [Int] { ids.filter { up[$0] && nodes[$0].role == .leader } }
    /// The unique live leader with the highest term, if any.
    var leader: Int? { leaders.max { nodes[$0].term < nodes[$1].term } }

    mutating func propose(_ id: Int, _ data: UInt64) -> ProposalResult {
        let r = nodes[id].propose(data: data)
        stabilize()
        return r
    }

    /// Data ids applied on node `i`, in order.
    func appliedData(_ i: Int) -> [UInt64] {
        applied[i].compactMap { if case .normal(let d) = $0.payload { return d } else { return nil } }
    }

    /// Tick until some leader exists and return it.
    mutating func electLeader(limit: Int = 200) -> Int {
        let t = tick(until: limit) { $0.leader != nil }
        XCTAssertNotNil(t, "no leader elected within \(limit) ticks")
        return leader ?? -1
    }
}
