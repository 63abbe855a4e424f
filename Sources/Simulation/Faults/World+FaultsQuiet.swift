import SimKernel

/// The Faults subsystem's part in the fast-forward: a fault that only holds
/// something down (a crash, an outage) leaves a steady cluster; one whose
/// effect moves with time (a drifting clock, a pause, a partition or a
/// degraded link, a slow disk, a gray leader) keeps the run detailed.
extension World {
    static let faultsQuietness = QuietSubsystem(
        name: "faults",
        isQuiet: { world in world.resolvedFaults.allSatisfy { $0.map(\.onlyHoldsDown) ?? true } },
        snapshot: { _ in QuietSnapshot() },
        repeatWindow: { _, _, _ in })
}

extension ResolvedFault {
    /// Whether the fault's whole effect is to hold its target down until it ends.
    var onlyHoldsDown: Bool {
        switch self {
        case .zone, .hostCrash, .etcdCrash, .componentCrash, .loadBalancerOutage, .skipped: return true
        case .hostPause, .partition, .degradation, .slowDisk, .clockStep, .clockDrift, .grayLeader: return false
        }
    }
}
