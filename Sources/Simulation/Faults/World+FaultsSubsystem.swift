import SimKernel

/// The Faults subsystem's line in `World.subsystems`. Its part in the
/// fast-forward: a fault that only holds something down (a crash, an outage)
/// leaves a steady cluster; one whose effect moves with time
/// (`FaultKind.effectMovesWithTime`: a drifting clock, a pause, a partition
/// or a degraded link, a slow disk, a gray leader) keeps the run detailed
/// while it is active. The work estimate reads the same property, so the two
/// cannot disagree.
extension World {
    static let faultsSubsystem = Subsystem(
        id: .faults,
        disturbs: true,
        metrics: { World.faultMetrics($0.topology) },
        quiet: QuietSubsystem(
            isQuiet: { world in
                !world.faults.shutdownsUnderWay
                    && world.faults.resolved.indices.allSatisfy { index in
                        switch world.faults.resolved[index] {
                        case nil, .skipped?: return true
                        case _?: return !world.scenario.faults[index].kind.effectMovesWithTime
                        }
                    }
            },
            snapshot: { _ in QuietSnapshot() },
            repeatWindow: { _, _, _ in }))
}
