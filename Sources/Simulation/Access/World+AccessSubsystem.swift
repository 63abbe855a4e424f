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
                    steady: [world.externalProbe.requests, world.inClusterProbe.requests],
                    trouble: [
                        world.externalProbe.requests - world.externalProbe.served,
                        world.inClusterProbe.requests - world.inClusterProbe.served,
                        world.externalConnection.reconnects, world.inClusterConnection.reconnects,
                        world.accessBookkeeping.deadBackendRequests, world.serviceEndpoints.writes,
                    ],
                    latencies: [world.externalProbe.latencies.histogram, world.inClusterProbe.latencies.histogram])
            },
            repeatWindow: { world, earlier, times in
                world.externalProbe.repeatWindow(
                    requests: world.externalProbe.requests - earlier.steady[0],
                    latencies: earlier.latencies[0], times: times)
                world.inClusterProbe.repeatWindow(
                    requests: world.inClusterProbe.requests - earlier.steady[1],
                    latencies: earlier.latencies[1], times: times)
            },
            delayHeldTimes: { world, span in
                world.externalConnection.delayHeldTimes(by: span)
                world.inClusterConnection.delayHeldTimes(by: span)
                world.dnsClient.delayExpiry(by: span)
                world.serviceEndpoints.delayExpiries(by: span)
                world.accessBookkeeping.delayRequests(by: span)
            }),
        skipRecorders: { world, span in
            world.loadBalancerPropagating.skip(span)
            world.externalProbe.skip(span)
            world.inClusterProbe.skip(span)
        })

    var accessIsQuiet: Bool {
        guard !loadBalancerPropagating.holds, externalEndpoint.nextTransition == nil,
            externalConnection.pinnedSince == nil, inClusterConnection.pinnedSince == nil
        else { return false }
        return backendHealth.allSatisfy { health in
            health.isHealthy ? health.consecutiveFailures == 0 : health.consecutiveSuccesses == 0
        }
    }
}
