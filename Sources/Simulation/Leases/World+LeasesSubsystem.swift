import SimKernel

/// The Leases subsystem's line in `World.subsystems`. Its part in the
/// fast-forward: quiet while every lease that has candidates is held by a
/// running candidate that leads and does its work, alone, and no candidate
/// waits to be restarted. Lease renewals are no metric, so there is nothing
/// to repeat; a changed holder or a request that timed out is trouble.
extension World {
    static let leasesSubsystem = Subsystem(
        id: .leases,
        metrics: { World.leaseMetrics($0.topology) },
        quiet: QuietSubsystem(
            isQuiet: { $0.leasesAreQuiet },
            snapshot: { world in
                QuietSnapshot(trouble: world.leases.requestTimeouts + world.leases.records.map(\.leaderTransitions))
            },
            repeatWindow: { _, _, _ in },
            // Candidates hold monotonic readings of their hosts' clocks (observed
            // times, renew deadlines): the clocks stand still with the control plane.
            delayHeldTimes: { world, span in world.fleet.standClocksStill(for: span) }),
        skipRecorders: { world, span in world.leases.skip(span) })

    var leasesAreQuiet: Bool {
        guard !leases.candidates.contains(where: \.restartPending) else { return false }
        return scenario.topology.leases.allSatisfy { lease in
            let index = lease.index
            guard leases.candidates.contains(where: { $0.lease == lease }) else { return true }
            guard let holder = leases.records[index].holder else { return false }
            let candidate = leases.candidates[holder.candidate]
            return candidate.running && candidate.leading && candidate.life == holder.life
                && !leases.overlap[index].holds && !leases.holderless[index].holds && !leases.useless[index].holds
        }
    }
}
