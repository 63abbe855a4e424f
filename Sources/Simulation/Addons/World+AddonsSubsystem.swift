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
                QuietSnapshot(steady: world.addons.managers.map(\.attempts), trouble: world.addons.managers.map(\.failedSyncs))
            },
            repeatWindow: { world, earlier, times in
                for manager in world.addons.managers.indices {
                    world.addons[manager: manager].repeatWindow(attempts: world.addons.managers[manager].attempts - earlier.steady[manager], times: times)
                }
            },
            delayHeldTimes: { world, span in
                world.addons.delayHeldTimes(by: span)
            }))
}
