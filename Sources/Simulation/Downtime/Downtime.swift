import SimKernel

/// The Downtime subsystem's state: one recorder per availability condition
/// (`DowntimeCondition.recorded` order) and whether any has a stretch open,
/// the fast path `World.recordDowntime` takes after almost every event.
/// The World decides from its settled state whether a condition fails and
/// why; only these methods change the recorders.
struct Downtime {
    private(set) var recorders: [DowntimeRecorder]
    private(set) var anyOpen = false

    init(conditions: [DowntimeCondition]) {
        recorders = conditions.map { DowntimeRecorder($0) }
    }

    /// Every recorded stretch, conditions in order.
    var intervals: [DowntimeInterval] { recorders.flatMap(\.intervals) }

    /// A new pass over the conditions starts: `failing`/`recovered` follow for each.
    mutating func beginPass() { anyOpen = false }

    /// `condition` fails at `time` by `mechanism` (nil: the state shows no
    /// evidence, so an open stretch keeps its own) with `causes` in force.
    mutating func failing(_ index: Int, _ mechanism: DowntimeMechanism?, causes: [DowntimeCause], at time: SimInstant) {
        anyOpen = true
        recorders[index].failing(mechanism ?? recorders[index].mechanism ?? .unexplained, causes: causes, at: time)
    }

    mutating func recovered(_ index: Int, at time: SimInstant) { recorders[index].recovered(at: time) }

    mutating func skip(_ span: SimDuration) {
        for index in recorders.indices { recorders[index].skip(span) }
    }

    mutating func finish(at end: SimInstant) {
        for index in recorders.indices { recorders[index].finish(at: end) }
    }
}
