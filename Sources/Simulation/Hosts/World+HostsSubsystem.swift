/// The Hosts subsystem's line in `World.subsystems`: its hosts and zones
/// change only through faults, failures and operations, so it schedules
/// nothing of its own and has no quiet check; its up-fractions are kept by
/// the Recording subsystem, which sets them.
extension World {
    static let hostsSubsystem = Subsystem(id: .hosts, metrics: { World.hostMetrics($0.topology) })
}
