import SimKernel

/// The Failures subsystem's line in `World.subsystems`: its failures and
/// repairs are disturbances (the fast-forward brings them closer), it
/// holds nothing that changes between them, so it has no quiet check; its
/// targets' failing stretches go on through skipped time.
extension World {
    static let failuresSubsystem = Subsystem(
        id: .failures,
        disturbs: true,
        metrics: { World.failureMetrics($0.failures) },
        skipRecorders: { world, span in world.failures.skip(span) })
}
