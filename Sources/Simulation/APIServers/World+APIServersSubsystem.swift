import SimKernel

/// The APIServers subsystem's line in `World.subsystems`. Its part in the
/// fast-forward: quiet while no request waits on etcd in any apiserver
/// (`HungCall`); a request that hung since the last check is trouble.
extension World {
    static let apiServersSubsystem = Subsystem(
        id: .apiServers,
        metrics: { World.apiServerMetrics($0.topology) },
        quiet: QuietSubsystem(
            isQuiet: { $0.apiServers.hungCalls.isEmpty && !$0.apiServers.anyEtcdLinkSilent },
            snapshot: { QuietSnapshot(trouble: [$0.apiServers.hungCallsIssued]) },
            repeatWindow: { _, _, _ in },
            delayHeldTimes: { world, span in
                world.apiServers.delayHeldTimes(by: span)
            }),
        follow: Subsystem.Follow(changes: WorldChanges.apiServerPath) { world, _ in
            // Requests hung on etcd go on once their path works (`HungCall`).
            world.refreshEtcdClients()
            world.refreshAPIServers()
            world.resumeHungCalls()
        },
        skipRecorders: { world, span in
            world.apiServers.skip(span)
        })
}
