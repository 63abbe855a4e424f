import SimKernel

/// The Addons subsystem's line in `World.subsystems`. Its part in the
/// fast-forward: each running manager's sync every 60 s is its steady work,
/// exactly one per manager a window; a failed sync is trouble, and the
/// window it fell in is not quiet.
extension World {
    static let addonsSubsystem = Subsystem(
        id: .addons,
        metrics: { World.addonMetrics($0.topology) },
        quiet: QuietSubsystem(
            isQuiet: { _ in true },
            snapshot: { world in
                QuietSnapshot(steady: world.addonManagers.map(\.attempts), trouble: world.addonManagers.map(\.failedSyncs))
            },
            repeatWindow: { world, earlier, times in
                for manager in world.addonManagers.indices {
                    world.addonManagers[manager].repeatWindow(attempts: world.addonManagers[manager].attempts - earlier.steady[manager], times: times)
                }
            },
            delayHeldTimes: { world, span in
                for manager in world.addonManagers.indices { world.addonManagers[manager].delayHeldTimes(by: span) }
                world.addonClusterLastSuccess = world.addonClusterLastSuccess + span
            }))
}
