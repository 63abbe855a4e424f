import SimKernel

/// The Downtime subsystem's line in `World.subsystems`: it reads the
/// settled World after every event (`recordDowntime`, called by
/// `World.handle` once settling ends, since it must see the conditions the
/// Recording subsystem set) and changes nothing but its recorders, whose
/// open stretches go on through skipped time.
extension World {
    static let downtimeSubsystem = Subsystem(
        id: .downtime,
        skipRecorders: { world, span in world.downtime.skip(span) })
}
