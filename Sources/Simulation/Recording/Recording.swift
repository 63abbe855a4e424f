import SimKernel

/// The Recording subsystem's state: the timeline of every lane, the event
/// log, the cluster conditions and the up-fractions behind the host metrics.
/// Every subsystem registers its lanes and reports their states and its
/// events through these methods; only Recording's own reaction
/// (`World.recordConditions`) sets the conditions and fractions.
struct Recording {
    private(set) var timeline: StateTimeline
    private(set) var events = EventLog()
    /// One tracker per `ClusterCondition`, in `allCases` order.
    private(set) var conditions: [ConditionTracker]
    /// Each host's lane and each zone's (Hosts reports their states), then
    /// the conditions' lanes: registered first, in this order.
    let hostLanes: [Int]
    let zoneLanes: [Int]
    private let conditionLanes: [Int]
    private(set) var mastersUp = TimeWeightedAverage(initial: 1)
    private(set) var workersUp = TimeWeightedAverage(initial: 1)
    private(set) var zoneUp: [TimeWeightedAverage]

    init(hosts: [Host], zones: [String]) {
        var timeline = StateTimeline()
        hostLanes = hosts.map { timeline.register($0.name, state: $0.initiallyProvisioned ? "up" : "absent") }
        zoneLanes = zones.map { timeline.register("zone/\($0)", state: "up") }
        conditionLanes = ClusterCondition.allCases.map { _ in timeline.register("cluster", state: nil) }
        self.timeline = timeline
        conditions = Array(repeating: ConditionTracker(), count: ClusterCondition.allCases.count)
        zoneUp = Array(repeating: TimeWeightedAverage(initial: 1), count: zones.count)
    }

    /// A new lane on the timeline, in `state` from the start.
    mutating func register(_ name: String, state: String?) -> Int { timeline.register(name, state: state) }

    mutating func set(_ lane: Int, _ state: String?, at time: SimInstant) { timeline.set(lane, state, at: time) }

    mutating func record(_ event: EventRecord) { events.record(event) }

    mutating func setCondition(_ index: Int, holds: Bool, at time: SimInstant) {
        conditions[index].set(holds, at: time)
        timeline.set(conditionLanes[index], holds ? ClusterCondition.allCases[index].rawValue : nil, at: time)
    }

    mutating func setUpFractions(masters: Double, workers: Double, at time: SimInstant) {
        mastersUp.set(masters, at: time)
        workersUp.set(workers, at: time)
    }

    /// A zone's outage starts or ends: its lane and its up fraction follow.
    mutating func setZone(_ zone: Int, up: Bool, at time: SimInstant) {
        timeline.set(zoneLanes[zone], up ? "up" : "down", at: time)
        zoneUp[zone].set(up ? 1 : 0, at: time)
    }

    /// Skipped time (the fast-forward): every recorder counts it as the state it is in.
    mutating func skip(_ span: SimDuration) {
        timeline.skip(span)
        events.skip(span)
        for index in conditions.indices { conditions[index].skip(span) }
        mastersUp.skip(span)
        workersUp.skip(span)
        for index in zoneUp.indices { zoneUp[index].skip(span) }
    }

    mutating func finish(at end: SimInstant) {
        timeline.finish(at: end)
        for index in conditions.indices { conditions[index].finish(at: end) }
    }
}
