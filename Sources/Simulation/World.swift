import SimKernel

/// The simulated cluster: zones and hosts whose up/down state follows the
/// faults, the event queue that drives them, and the recorders that turn state
/// changes into metrics, intervals and events.
///
/// Components are value types held in arrays indexed by dense ids; every state
/// change goes through `handle(_:)`. Overlapping faults are counted, not
/// flagged: a host is up only while no crash holds it down and its zone has no
/// outage in progress, so two overlapping outages of one zone end when the
/// later one ends.
public struct World {
    public let scenario: Scenario
    public let hosts: [Host]
    var queue = EventQueue<WorldEvent>()
    var random: RandomStreams
    let faultStreams: [RandomStreams.StreamID]

    var zoneOutageHolds: [Int]
    var hostCrashHolds: [Int]
    /// Bumped each time a host goes down, so work queued by an earlier life of
    /// the host can be recognised and dropped (DESIGN.md §2).
    public private(set) var hostIncarnation: [Int]
    public private(set) var hostUp: [Bool]

    var timeline = StateTimeline()
    let hostEntity: [Int]
    let zoneEntity: [Int]
    let conditionEntity: [Int]
    var conditions: [ConditionTracker]
    var mastersUp: TimeWeightedAverage
    var workersUp: TimeWeightedAverage
    var zoneUp: [TimeWeightedAverage]
    var events: [EventRecord] = []
    var faultsInjected = 0

    public init(scenario: Scenario, seed: UInt64) {
        self.scenario = scenario
        hosts = scenario.topology.hosts
        random = RandomStreams(rootSeed: seed)
        var streams: [RandomStreams.StreamID] = []
        for index in scenario.faults.indices { streams.append(random.stream("faults/\(index)")) }
        faultStreams = streams

        let zones = scenario.topology.zones
        zoneOutageHolds = Array(repeating: 0, count: zones.count)
        hostCrashHolds = Array(repeating: 0, count: hosts.count)
        hostIncarnation = Array(repeating: 0, count: hosts.count)
        hostUp = Array(repeating: true, count: hosts.count)

        var timeline = StateTimeline()
        hostEntity = hosts.map { timeline.register($0.name, state: "up") }
        zoneEntity = zones.map { timeline.register("zone/\($0)", state: "up") }
        conditionEntity = ClusterCondition.allCases.map { _ in timeline.register("cluster", state: nil) }
        self.timeline = timeline
        conditions = Array(repeating: ConditionTracker(), count: ClusterCondition.allCases.count)
        mastersUp = TimeWeightedAverage(initial: Double(scenario.topology.masterCount))
        workersUp = TimeWeightedAverage(initial: Double(scenario.topology.workerCount))
        zoneUp = Array(repeating: TimeWeightedAverage(initial: 1), count: zones.count)
        updateConditions()
    }

    public var now: SimInstant { queue.now }
    var end: SimInstant { SimInstant(scenario.duration) }

    /// Schedules each fault's start, drawn from its own stream.
    mutating func scheduleFaults() {
        for (index, fault) in scenario.faults.enumerated() {
            let at = fault.at.sample(&random[faultStreams[index]])
            queue.schedule(.faultStarts(index: index), at: SimInstant(at))
        }
    }

    /// Runs to the end of the scenario and returns the result.
    public mutating func run() -> RunResult {
        scheduleFaults()
        while let item = queue.next(until: end) {
            handle(item.event)
        }
        return finish()
    }

    /// The one dispatch point of the model.
    mutating func handle(_ event: WorldEvent) {
        switch event {
        case .faultStarts(let index):
            let fault = scenario.faults[index]
            faultsInjected += 1
            apply(fault.kind, delta: +1)
            record(entity: target(of: fault.kind), kind: "faultStart", detail: describe(fault.kind))
            if let duration = fault.duration {
                queue.schedule(.faultEnds(index: index), after: duration.sample(&random[faultStreams[index]]))
            }
        case .faultEnds(let index):
            let fault = scenario.faults[index]
            apply(fault.kind, delta: -1)
            record(entity: target(of: fault.kind), kind: "faultEnd", detail: describe(fault.kind))
        }
    }

    mutating func apply(_ kind: FaultKind, delta: Int) {
        switch kind {
        case .zoneOutage(let zone):
            zoneOutageHolds[zone] += delta
            let up = zoneOutageHolds[zone] == 0
            timeline.set(zoneEntity[zone], up ? "up" : "down", at: now)
            zoneUp[zone].set(up ? 1 : 0, at: now)
            for host in hosts where host.zone == zone { refreshHost(host.id) }
        case .hostCrash(let host):
            hostCrashHolds[host] += delta
            refreshHost(host)
        }
        updateConditions()
    }

    /// Recomputes whether a host is up from the faults holding it down.
    mutating func refreshHost(_ id: Int) {
        let up = hostCrashHolds[id] == 0 && zoneOutageHolds[hosts[id].zone] == 0
        guard up != hostUp[id] else { return }
        hostUp[id] = up
        if !up { hostIncarnation[id] += 1 }
        timeline.set(hostEntity[id], up ? "up" : "down", at: now)
        record(entity: hosts[id].name, kind: up ? "hostUp" : "hostDown", detail: "incarnation \(hostIncarnation[id])")
    }

    var mastersUpCount: Int { hosts.indices.filter { hosts[$0].role == .master && hostUp[$0] }.count }
    var workersUpCount: Int { hosts.indices.filter { hosts[$0].role == .worker && hostUp[$0] }.count }

    mutating func updateConditions() {
        let masters = scenario.topology.masterCount
        let up = mastersUpCount
        mastersUp.set(Double(up), at: now)
        workersUp.set(Double(workersUpCount), at: now)
        for (index, condition) in ClusterCondition.allCases.enumerated() {
            let holds: Bool
            switch condition {
            case .noMasterUp: holds = up == 0
            case .anyMasterUp: holds = up > 0
            case .allMastersUp: holds = up == masters
            case .anyZoneDown: holds = zoneOutageHolds.contains { $0 > 0 }
            case .masterMajorityDown: holds = up < masters / 2 + 1
            }
            conditions[index].set(holds, at: now)
            timeline.set(conditionEntity[index], holds ? condition.rawValue : nil, at: now)
        }
    }

    func target(of kind: FaultKind) -> String {
        switch kind {
        case .zoneOutage(let zone): return "zone/\(scenario.topology.zones[zone])"
        case .hostCrash(let host): return hosts[host].name
        }
    }

    func describe(_ kind: FaultKind) -> String {
        switch kind {
        case .zoneOutage: return "zoneOutage"
        case .hostCrash: return "crash"
        }
    }

    mutating func record(entity: String, kind: String, detail: String) {
        events.append(EventRecord(time: now, entity: entity, kind: kind, detail: detail))
    }

    /// Closes the books at the end of the run.
    mutating func finish() -> RunResult {
        let end = self.end
        timeline.finish(at: end)
        for index in conditions.indices { conditions[index].finish(at: end) }
        let topology = scenario.topology
        var values: [String: Double] = [
            "hosts.masters.up.fraction": topology.masterCount == 0 ? 0 : mastersUp.average(until: end) / Double(topology.masterCount),
            "hosts.masters.noneUp.seconds": tracker(.noMasterUp).total.seconds,
            "hosts.masters.noneUp.longest.seconds": tracker(.noMasterUp).longest.seconds,
            "hosts.masters.majorityDown.seconds": tracker(.masterMajorityDown).total.seconds,
            "faults.injected": Double(faultsInjected),
        ]
        if topology.workerCount > 0 {
            values["hosts.workers.up.fraction"] = workersUp.average(until: end) / Double(topology.workerCount)
        }
        for (zone, name) in topology.zones.enumerated() {
            values["zone.\(name).availability"] = zoneUp[zone].average(until: end)
        }
        // Stored in catalogue order, never in dictionary order.
        let metrics = MetricCatalog.entries(for: topology).map {
            MetricValue(name: $0.name, value: values[$0.name]!, unit: $0.unit)
        }
        var result = RunResult(
            scenarioName: scenario.name, seed: random.rootSeed, duration: scenario.duration,
            digest: queue.digest, unseed: random.unseed(), eventsDispatched: queue.dispatchedCount,
            metrics: metrics, intervals: timeline.intervals, events: events, expectations: [])
        result.expectations = scenario.expectations.map { evaluate($0, metrics: metrics) }
        return result
    }

    func tracker(_ condition: ClusterCondition) -> ConditionTracker {
        conditions[ClusterCondition.allCases.firstIndex(of: condition)!]
    }

    func evaluate(_ expectation: RunExpectation, metrics: [MetricValue]) -> ExpectationOutcome {
        switch expectation {
        case .metric(let name, let low, let high):
            // Validation guarantees the metric exists; a missing one fails rather than crashes.
            let observed = metrics.first { $0.name == name }?.value ?? .nan
            let passed = observed >= (low ?? -.infinity) && observed <= (high ?? .infinity)
            return ExpectationOutcome(name: expectation.name, passed: passed, observed: observed, bound: expectation.boundText)
        case .never(let condition):
            let held = tracker(condition).total.seconds
            return ExpectationOutcome(name: expectation.name, passed: held == 0, observed: held, bound: expectation.boundText)
        case .always(let condition):
            let notHeld = scenario.duration.seconds - tracker(condition).total.seconds
            return ExpectationOutcome(name: expectation.name, passed: notHeld == 0, observed: notHeld, bound: expectation.boundText)
        }
    }
}

/// Runs `scenario` under `seed` (the scenario's own seed when nil): a pure
/// function of its inputs.
public func simulate(_ scenario: Scenario, seed: UInt64? = nil) -> RunResult {
    var world = World(scenario: scenario, seed: seed ?? scenario.seed)
    return world.run()
}
