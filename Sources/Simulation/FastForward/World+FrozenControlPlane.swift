import SimKernel

/// A clock per subsystem (docs/FAST-FORWARD.md, "A clock per subsystem"):
/// while only the workers are busy (a worker failed, its pods are evicted
/// and rescheduled), the quiet control plane's clock stands still instead of
/// running its Raft heartbeats, lease renewals, probes and health checks in
/// detail. Its events are taken out of the agenda; the workers run on,
/// reading the control plane's settled state, which a quiet control plane
/// keeps whatever the time. When the control plane's next disturbance (a
/// fault, a master's or a zone's failure, the run's end) is due within the
/// window, it thaws: its events come back as much later as it stood still,
/// every instant it holds moves with them (`QuietSubsystem.delayHeldTimes`),
/// and its counters get the frozen windows' work at the rate of its last
/// quiet window, as a skip gives them.
extension World {
    /// The control plane's subsystems, in `quietSubsystems` order.
    static let controlPlaneSubsystems = quietSubsystems.filter { $0.domain == .controlPlane }

    /// Whether `event` reaches the control plane: every fault does (a
    /// fault's target may be any component), and a failure process's
    /// failure or repair does unless its target is a host
    /// `hostConcernsControlPlane` leaves to the workers.
    func wakesControlPlane(_ event: WorldEvent) -> Bool {
        switch event {
        case .failures(.fails(let target)), .failures(.repaired(let target)):
            guard case .hostCrash(let host) = failures.targets[target].resolved else { return true }
            return hostConcernsControlPlane(host)
        case .workers: return false
        case .access: return !runsWhileFrozen(event)
        case .faults, .etcd, .apiServers, .leases, .addons, .operations: return true
        }
    }

    /// The control plane's next disturbance, or the run's end.
    var controlPlaneDue: SimInstant {
        min(queue.earliestTime { Self.isDisturbance($0) && wakesControlPlane($0) } ?? end, end)
    }

    /// The changes of the control plane's lanes so far: hosts it follows,
    /// zones, etcd members, apiservers, leases, the external IP, the load
    /// balancer's backends and the kubernetes Service (not the cluster
    /// conditions, which the workers move too).
    var controlPlaneLaneChanges: Int {
        var entities = recording.zoneLanes + etcd.entity + apiServers.entity + leases.entity + [access.endpointLane, access.serviceLane]
        entities += hosts.indices.filter(hostConcernsControlPlane).map { recording.hostLanes[$0] }
        entities += access.backendLanes.filter { $0 >= 0 }
        return recording.timeline.changes(of: entities)
    }

    /// At a check that did not skip: freezes the control plane once it has
    /// been quiet for a whole window, with no trouble counted and no lane
    /// changed, and its next disturbance is at least two windows away.
    mutating func considerFreezingControlPlane(quiet: [Bool]) {
        guard fastForward.frozen == nil else { return }
        let controlPlaneQuiet = zip(Self.quietSubsystems, quiet).allSatisfy { $0.domain != .controlPlane || $1 }
        guard controlPlaneQuiet else {
            fastForward.lastControlPlaneQuiet = nil
            return
        }
        let snapshots = Self.controlPlaneSubsystems.map { $0.snapshot(self) }
        let changes = controlPlaneLaneChanges
        defer { fastForward.lastControlPlaneQuiet = (snapshots, changes) }
        guard let last = fastForward.lastControlPlaneQuiet, last.changes == changes,
            zip(last.snapshots, snapshots).allSatisfy({ $1.isQuiet(since: $0) }),
            controlPlaneDue - now >= FastForward.window * 2
        else { return }
        freezeControlPlane(earlier: last.snapshots)
    }

    /// Stops the control plane's clock at `now`; `earlier` are its
    /// snapshots a window ago, while it was quiet as now.
    mutating func freezeControlPlane(earlier: [QuietSnapshot]) {
        let classes = access.clients.indices.map(classRunsWhileFrozen), requests = access.apiRequests
        let parked = queue.park { Self.isControlPlaneEvent($0) && !Self.runsWhileFrozen($0, classes: { classes[$0] }, requests: requests) }
        fastForward.frozen = FrozenControlPlane(since: now, earlier: earlier, parked: parked)
    }

    /// At a check: thaws a frozen control plane whose next disturbance
    /// falls before the next check, so that it meets it running.
    mutating func thawControlPlaneIfDue() {
        guard fastForward.frozen != nil, controlPlaneDue <= now + FastForward.window else { return }
        thawControlPlane()
    }

    /// Starts the control plane's clock again at `now`. At a check the
    /// frozen span is whole windows, so that every loop's phase against the
    /// windows is kept; a thaw between checks (an event that reaches the
    /// control plane unforeseen) repeats only the whole windows in it.
    mutating func thawControlPlane() {
        guard let frozen = fastForward.frozen else { return }
        fastForward.frozen = nil
        let span = now - frozen.since
        let windows = Int(span.nanoseconds / FastForward.window.nanoseconds) + frozen.skippedWindows
        for (index, subsystem) in Self.controlPlaneSubsystems.enumerated() {
            (subsystem.repeatFrozenWindow ?? subsystem.repeatWindow)(&self, frozen.earlier[index], windows)
            subsystem.delayHeldTimes(&self, span)
        }
        queue.resume(frozen.parked, laterBy: span)
        fastForward.recordFreeze(span)
        fastForward.lastQuiet = nil
        fastForward.lastControlPlaneQuiet = nil
    }
}
