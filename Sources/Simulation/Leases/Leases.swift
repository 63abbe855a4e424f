import SimKernel

/// The Leases subsystem's state: the leader-election Lease objects (as
/// etcd keeps them), the candidates competing for them on every master with
/// their random streams, each lease's lane on the timeline, and what the
/// recorders follow per lease: how many candidates lead at once, and the
/// stretches with two leaders, none, or only useless ones. Only its own
/// methods change it; a candidate or a Lease object changes only through
/// its own type's methods, reached by `subscript(candidate:)` and
/// `subscript(record:)`.
struct Leases {
    private(set) var records = Array(repeating: LeaseRecord(), count: LeaseName.allCases.count)
    private(set) var candidates: [LeaseCandidate] = []
    private(set) var streams: [RandomStreams.StreamID] = []
    private(set) var entity: [Int] = []
    private(set) var leaders = Array(repeating: 0, count: LeaseName.allCases.count)
    private(set) var overlap = Array(repeating: ConditionTracker(), count: LeaseName.allCases.count)
    private(set) var holderless = Array(repeating: ConditionTracker(), count: LeaseName.allCases.count)
    private(set) var useless = Array(repeating: ConditionTracker(), count: LeaseName.allCases.count)
    /// Leader-election requests whose client gave up waiting, per lease.
    private(set) var requestTimeouts = Array(repeating: 0, count: LeaseName.allCases.count)

    subscript(candidate index: Int) -> LeaseCandidate {
        get { candidates[index] }
        _modify { yield &candidates[index] }
    }

    subscript(record index: Int) -> LeaseRecord {
        get { records[index] }
        _modify { yield &records[index] }
    }

    mutating func addLane(_ lane: Int) { entity.append(lane) }

    mutating func add(_ candidate: LeaseCandidate, stream: RandomStreams.StreamID) {
        candidates.append(candidate)
        streams.append(stream)
    }

    /// The established cluster's Lease at the start: `holder` leads it.
    mutating func establish(_ lease: LeaseName, holder: Int) {
        records[lease.index] = LeaseRecord(holder: (holder, 0), version: 1)
    }

    mutating func countRequestTimeout(_ lease: LeaseName) { requestTimeouts[lease.index] += 1 }

    /// `leading` candidates lead lease `index` now, `working` of them do their work.
    mutating func recordLeaders(_ index: Int, leading: Int, working: Int, at now: SimInstant) {
        leaders[index] = leading
        overlap[index].set(leading > 1, at: now)
        holderless[index].set(leading == 0, at: now)
        useless[index].set(leading > 0 && working == 0, at: now)
    }

    /// The fast-forward skipped `span` of quiet time.
    mutating func skip(_ span: SimDuration) {
        for index in LeaseName.allCases.indices {
            overlap[index].skip(span)
            holderless[index].skip(span)
            useless[index].skip(span)
        }
    }

    /// Closes the recorders' open stretches at the run's end.
    mutating func finish(at end: SimInstant) {
        for index in LeaseName.allCases.indices {
            overlap[index].finish(at: end)
            holderless[index].finish(at: end)
            useless[index].finish(at: end)
        }
    }
}
