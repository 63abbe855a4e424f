import SimKernel

/// The Access subsystem's line in `World.subsystems`. Its part in the
/// fast-forward: quiet while no load balancer change propagates, no client
/// connection is pinned to a silent host, and the load balancer's view of
/// every backend is settled (a healthy backend failing checks, or an
/// unhealthy one passing them, is a detection under way). The client probes'
/// requests and their latencies are its steady work; a failed request, a
/// reconnect, a request to a dead backend or an endpoints write is trouble.
extension World {
    static let accessSubsystem = Subsystem(
        id: .access,
        metrics: { World.accessMetrics($0.topology) },
        quiet: QuietSubsystem(
            isQuiet: { $0.accessIsQuiet },
            snapshot: { world in
                QuietSnapshot(
                    steady: [world.access.externalProbe.requests, world.access.inClusterProbe.requests],
                    trouble: [
                        world.access.externalProbe.requests - world.access.externalProbe.served,
                        world.access.inClusterProbe.requests - world.access.inClusterProbe.served,
                        world.access.externalConnection.reconnects, world.access.inClusterConnection.reconnects,
                        world.access.deadBackendRequests, world.access.serviceEndpoints.writes,
                    ],
                    latencies: [world.access.externalProbe.latencies.histogram, world.access.inClusterProbe.latencies.histogram])
            },
            repeatWindow: { world, earlier, times in
                world.access[probe: false].repeatWindow(
                    requests: world.access.externalProbe.requests - earlier.steady[0],
                    latencies: earlier.latencies[0], times: times)
                world.access[probe: true].repeatWindow(
                    requests: world.access.inClusterProbe.requests - earlier.steady[1],
                    latencies: earlier.latencies[1], times: times)
            },
            delayHeldTimes: { world, span in world.access.delayHeldTimes(by: span) }),
        skipRecorders: { world, span in world.access.skip(span) })

    var accessIsQuiet: Bool {
        guard !access.propagating.holds, access.endpoint.nextTransition == nil,
            access.externalConnection.pinnedSince == nil, access.inClusterConnection.pinnedSince == nil
        else { return false }
        return access.backends.allSatisfy { health in
            health.isHealthy ? health.consecutiveFailures == 0 : health.consecutiveSuccesses == 0
        }
    }
}
