import Testing

@testable import Simulation

/// `World.subsystems` is the one table everything per subsystem is derived
/// from (docs/ARCHITECTURE.md, "Adding a subsystem"): these check that the
/// table is whole and that what is derived from it says what the World did
/// when each list was kept by hand.
@Suite struct SubsystemRegistryTests {
    @Test func everySubsystemHasOneLineInItsOrder() {
        #expect(World.subsystems.map(\.id) == SubsystemID.allCases)
    }

    /// A subsystem that schedules events of its own but has no quiet check
    /// would have the work of skipped time silently left out; only
    /// disturbances (which a skip stops before) need none.
    @Test func everySubsystemWithEventsOfItsOwnHasAQuietCheck() {
        let owners = Set(TraceKind.allCases.map(\.owner))
        for subsystem in World.subsystems where owners.contains(subsystem.id) && !subsystem.disturbs {
            #expect(subsystem.quiet != nil, "\(subsystem.id) schedules events but has no quiet check")
        }
        #expect(World.quietSubsystems.count == World.subsystems.count { $0.quiet != nil })
    }

    /// Failures and faults come from outside; the workers run on their own
    /// clock; everything else is parked while the control plane is frozen.
    @Test func disturbancesAndClocksFollowTheTable() {
        let fault = WorldEvent.faults(.starts(index: 0))
        let failure = WorldEvent.failures(.fails(target: 0))
        let tick = WorldEvent.etcd(.tick(member: 0, incarnation: 0))
        let kubelet = WorldEvent.workers(.kubeletAttempt(slot: 0, generation: 0))
        #expect(World.isDisturbance(fault) && World.isDisturbance(failure))
        #expect(!World.isDisturbance(tick) && !World.isDisturbance(kubelet))
        #expect(World.isControlPlaneEvent(tick) && World.isControlPlaneEvent(.access(.healthCheck(host: 0))))
        #expect(!World.isControlPlaneEvent(kubelet) && !World.isControlPlaneEvent(fault) && !World.isControlPlaneEvent(failure))
        #expect(World.subsystems.filter { $0.clock == .workers }.map(\.id) == [.workers])
        #expect(World.quietSubsystems.count { $0.domain == .workers } == 1)
    }

    /// Settling moves keepalived's virtual IP (Access) and the API servers
    /// before the workers (kubelets follow both) and the cluster conditions last.
    @Test func settlingOrderPutsRecordingLast() {
        let following = World.subsystems.filter { $0.follow != nil }.map(\.id)
        #expect(following == [.access, .apiServers, .workers, .recording])
    }

    /// Metrics are stored in table order, subsystem by subsystem: the
    /// hosts' first, the failure processes' last.
    @Test func metricsComeInTableOrder() {
        let names = World.metricDefinitions(
            for: Topology(zones: ["a", "b", "c"], mastersPerZone: [1, 1, 1], workersPerZone: [0, 0, 0]), workloads: [], failures: []
        ).map(\.entry.name)
        #expect(names.first == Metric.mastersUpFraction.name)
        #expect(Set(names).count == names.count, "a metric declared twice")
    }
}
