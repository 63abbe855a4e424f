import SimKernel

/// The World's subsystems: one table from which everything the World does
/// for each of them is derived (docs/ARCHITECTURE.md, "Adding a
/// subsystem"): the order settling visits them, the metrics a run stores
/// and their order, the fast-forward's quiet checks and their accounting,
/// the recorders a skip informs, which events are disturbances from
/// outside, which belong to the control plane's clock, and the trace kinds
/// each owns. Before this table, each of those was a list of its own kept
/// in step by hand, and a subsystem missing from the quiet list had the
/// work of skipped time silently left out.
///
/// Each subsystem's entry is declared in its folder (`<Name>Subsystem.swift`
/// or beside its quiet check); adding a subsystem is its folder and one line
/// here, plus the case in `SubsystemID` and `WorldEvent` that the compiler
/// then asks for in every switch over them.
extension World {
    /// In this order: settling reacts, metrics are stored (sweeps and
    /// databases compare that order across versions, so a new subsystem goes
    /// at the end), quiet checks are asked and skipped recorders told.
    static let subsystems: [Subsystem] = [
        hostsSubsystem, faultsSubsystem, operationsSubsystem, etcdSubsystem, accessSubsystem, apiServersSubsystem,
        leasesSubsystem, addonsSubsystem, workersSubsystem, failuresSubsystem, recordingSubsystem, downtimeSubsystem,
    ]

    /// The quiet checks, in table order, each on its subsystem's clock.
    static let quietSubsystems: [QuietSubsystem] = subsystems.compactMap { subsystem in
        subsystem.quiet.map { quiet in
            var quiet = quiet
            quiet.domain = subsystem.clock
            return quiet
        }
    }

    /// Whether each subsystem's events are disturbances, by `SubsystemID`.
    private static let disturbs: [Bool] = SubsystemID.allCases.map { id in subsystems.first { $0.id == id }?.disturbs ?? false }
    /// Which of a subsystem's events are disturbances when not all are, by `SubsystemID`.
    private static let disturbsSome: [(@Sendable (WorldEvent) -> Bool)?] = SubsystemID.allCases.map { id in
        subsystems.first { $0.id == id }?.someDisturb
    }
    /// Whether each subsystem's events run on the control plane's clock, by `SubsystemID`.
    private static let onControlPlaneClock: [Bool] = SubsystemID.allCases.map { id in
        subsystems.first { $0.id == id }.map { !$0.disturbs && $0.clock == .controlPlane } ?? false
    }

    /// Events that come from outside the cluster at times of their own, not
    /// set by anything the model holds: the fast-forward moves these, and
    /// only these, earlier.
    static func isDisturbance(_ event: WorldEvent) -> Bool {
        let id = event.subsystem.rawValue
        return disturbs[id] || disturbsSome[id]?(event) == true
    }

    /// Events of the control plane's subsystems: parked while it is frozen.
    /// A disturbance is not: it falls at its own time, and thaws the
    /// control plane when it is due.
    static func isControlPlaneEvent(_ event: WorldEvent) -> Bool {
        let id = event.subsystem.rawValue
        return onControlPlaneClock[id] && disturbsSome[id]?(event) != true
    }

    /// Every metric a run records, subsystem by subsystem, in table order.
    static func metricDefinitions(
        for topology: Topology, workloads: [Workload], failures: [FailureProcess], operations: [MasterOperation] = []
    ) -> [MetricDefinition] {
        let inputs = MetricInputs(topology: topology, workloads: workloads, failures: failures, operations: operations)
        return subsystems.flatMap { $0.metrics(inputs) }
    }

    /// After each event: the subsystems that follow what changed react, in
    /// table order, until nothing new is announced.
    mutating func settle() {
        var rounds = 0
        while !changes.isEmpty {
            rounds += 1
            precondition(rounds <= WorldChanges.maximumSettleRounds, "the World did not settle: \(changes)")
            let settling = changes
            changes = []
            if fastForward.frozen != nil, !settling.isDisjoint(with: WorldChanges.followedByControlPlane) { thawControlPlane() }
            for subsystem in Self.subsystems {
                guard let follow = subsystem.follow, !settling.isDisjoint(with: follow.changes) else { continue }
                follow.react(&self, settling)
            }
        }
    }

    /// Tells every subsystem's recorders of stretches (conditions, time
    /// averages, the timeline, the event log, failures in progress,
    /// downtime) that `span` of quiet time passed: whatever holds now held
    /// through it.
    mutating func skipRecorders(_ span: SimDuration) {
        for subsystem in Self.subsystems { subsystem.skipRecorders(&self, span) }
    }
}

/// Names a subsystem in the table, and an event's owner (`WorldEvent.subsystem`,
/// `TraceKind.owner`): the compiler makes every switch over it complete.
enum SubsystemID: Int, CaseIterable, Sendable {
    case hosts, faults, operations, etcd, access, apiServers, leases, addons, workers, failures, recording, downtime
}

/// What the metric declarations of a run read.
struct MetricInputs {
    var topology: Topology
    var workloads: [Workload]
    var failures: [FailureProcess]
    var operations: [MasterOperation] = []
}

/// One line of `World.subsystems`.
struct Subsystem: Sendable {
    let id: SubsystemID
    /// Its events come from outside the cluster (failures, faults): the
    /// fast-forward brings them closer, and a skip stops before them.
    var disturbs = false
    /// Which of its events come from outside when only some do (an
    /// operation's start, at the time the scenario gives it): those are
    /// disturbances, the rest run on its `clock`.
    var someDisturb: (@Sendable (WorldEvent) -> Bool)?
    /// The clock its events run on when they are not disturbances: a frozen
    /// control plane parks the control plane's (docs/FAST-FORWARD.md).
    var clock = QuietDomain.controlPlane
    /// Its metrics, declared with their computation, in storage order.
    var metrics: @Sendable (MetricInputs) -> [MetricDefinition] = { _ in [] }
    /// Its part in the fast-forward; nil for a subsystem that schedules no
    /// events of its own (its state follows others').
    var quiet: QuietSubsystem?
    /// What it follows in `settle()`, and how it reacts.
    var follow: Follow?
    /// Tells its recorders of stretches that `span` of quiet time passed.
    var skipRecorders: @Sendable (inout World, _ span: SimDuration) -> Void = { _, _ in }

    /// The changes a subsystem follows and its reaction to them.
    struct Follow: Sendable {
        var changes: WorldChanges
        var react: @Sendable (inout World, _ settling: WorldChanges) -> Void
    }

    /// The trace kinds its events carry.
    var traceKinds: [TraceKind] { TraceKind.allCases.filter { $0.owner == id } }
}
