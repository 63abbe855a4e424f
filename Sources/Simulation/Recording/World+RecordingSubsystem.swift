import SimKernel

/// The Recording subsystem's line in `World.subsystems`: last in settling,
/// it re-evaluates the cluster conditions from the state every other
/// subsystem has settled (`recordConditions`); its timeline, event log,
/// conditions and up-fractions go on through skipped time.
extension World {
    static let recordingSubsystem = Subsystem(
        id: .recording,
        follow: Subsystem.Follow(changes: .everything) { world, _ in world.recordConditions() },
        skipRecorders: { world, span in world.recording.skip(span) })
}
