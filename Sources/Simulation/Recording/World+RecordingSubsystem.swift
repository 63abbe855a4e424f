import SimKernel

/// The Recording subsystem's line in `World.subsystems`: last in settling,
/// it re-evaluates the cluster conditions from the state every other
/// subsystem has settled (`recordConditions`); its timeline, event log,
/// conditions and up-fractions go on through skipped time.
extension World {
    static let recordingSubsystem = Subsystem(
        id: .recording,
        follow: Subsystem.Follow(changes: .everything) { world, _ in world.recordConditions() },
        skipRecorders: { world, span in
            world.timeline.skip(span)
            world.events.skip(span)
            for index in world.conditions.indices { world.conditions[index].skip(span) }
            world.mastersUp.skip(span)
            world.workersUp.skip(span)
            for index in world.zoneUp.indices { world.zoneUp[index].skip(span) }
        })
}
