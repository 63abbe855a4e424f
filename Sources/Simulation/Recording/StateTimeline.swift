import SimKernel

/// Records the state of each entity over time as closed intervals, and the
/// time each entity spends in each state, in order of first appearance.
///
/// Entities get dense ids at registration, so nothing here depends on hash
/// order (DESIGN.md §2). At most `limit` intervals are kept, so that a long
/// run with a flapping entity cannot grow them without bound; the rest are
/// counted (`dropped`) and the run's last event says so (`EventLog`).
struct StateTimeline {
    /// About 20 MB of intervals; the library's scenarios record at most a few hundred.
    static let defaultLimit = 200_000

    let limit: Int
    private(set) var dropped = 0
    private var names: [String] = []
    private var current: [String?] = []
    private var since: [SimInstant] = []
    private(set) var intervals: [StateInterval] = []
    /// State changes so far: the fast-forward's sign that something moved.
    private(set) var changes = 0
    /// The changes of each entity: the fast-forward asks whether the
    /// control plane's lanes moved while the workers' did.
    private var changesOfEntity: [Int] = []
    /// Quiet time the fast-forward skipped so far: the run's clock is the
    /// model's plus this (docs/FAST-FORWARD.md), so every time given is moved by it.
    private(set) var skipped = SimDuration.zero

    /// The fast-forward skipped `span` of quiet time at the current instant:
    /// what holds now held through it.
    mutating func skip(_ span: SimDuration) { skipped += span }

    /// The changes so far of `entities`.
    func changes(of entities: [Int]) -> Int { entities.reduce(0) { $0 + changesOfEntity[$1] } }

    init(limit: Int = StateTimeline.defaultLimit) { self.limit = limit }

    /// Registers an entity in `state` from the start of the run; nil means it
    /// records intervals only while a state is set.
    mutating func register(_ name: String, state: String?) -> Int {
        names.append(name)
        current.append(state)
        since.append(.start)
        changesOfEntity.append(0)
        return names.count - 1
    }

    /// Moves `entity` to `state` at `time`, closing the previous interval; a
    /// move to the same state is not a change.
    mutating func set(_ entity: Int, _ state: String?, at modelTime: SimInstant) {
        guard current[entity] != state else { return }
        let time = modelTime + skipped
        changes += 1
        changesOfEntity[entity] += 1
        close(entity, at: time)
        current[entity] = state
        since[entity] = time
    }

    /// Closes every open interval at the end of the run.
    mutating func finish(at modelEnd: SimInstant) {
        let end = modelEnd + skipped
        for entity in names.indices { close(entity, at: end) }
    }

    private mutating func close(_ entity: Int, at time: SimInstant) {
        guard let state = current[entity], time > since[entity] else { return }
        if intervals.count < limit {
            intervals.append(StateInterval(entity: names[entity], state: state, start: since[entity], end: time))
        } else {
            dropped += 1
        }
    }
}
