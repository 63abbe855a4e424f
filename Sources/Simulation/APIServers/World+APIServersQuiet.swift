import SimKernel

/// The APIServers subsystem's part in the fast-forward: quiet while no
/// request waits on etcd in any apiserver (`HungCall`); a request that
/// hung since the last check is trouble.
extension World {
    static let apiServersQuietness = QuietSubsystem(
        name: "apiservers",
        isQuiet: { $0.hungCalls.isEmpty },
        snapshot: { QuietSnapshot(trouble: [$0.hungCallsIssued]) },
        repeatWindow: { _, _, _ in },
        delayHeldTimes: { world, span in
            for index in world.apiServers.indices { world.apiServers[index].delayHeldTimes(by: span) }
        })
}
