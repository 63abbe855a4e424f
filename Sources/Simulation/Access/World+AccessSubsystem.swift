import SimKernel

/// The Access subsystem's line in `World.subsystems`. Its part in the
/// fast-forward: quiet while no load balancer change propagates, no client
/// connection is pinned to a silent host, and the load balancer's view of
/// every backend is settled (a healthy backend failing checks, or an
/// unhealthy one passing them, is a detection under way), no virtual IP
/// takeover is pending and no keepalived `vrrp_script` is changing. The client classes'
/// requests and their latencies are its steady work; a failed request, a
/// reconnect, a request to a dead backend or an endpoints write is trouble.
extension World {
    static let accessSubsystem = Subsystem(
        id: .access,
        metrics: { World.accessMetrics($0.topology) },
        quiet: QuietSubsystem(
            isQuiet: { $0.accessIsQuiet },
            snapshot: { world in
                let clients = world.access.clients
                return QuietSnapshot(
                    steady: clients.map(\.probe.requests),
                    trouble: clients.flatMap { [$0.probe.requests - $0.probe.served, $0.reconnects, $0.deadBackendRequests] }
                        + [world.access.serviceEndpoints.writes],
                    latencies: clients.map(\.probe.latencies.histogram))
            },
            repeatWindow: { world, earlier, times in
                for index in world.access.clients.indices {
                    world.access[client: index].repeatWindow(
                        requests: world.access.clients[index].probe.requests - earlier.steady[index],
                        latencies: earlier.latencies[index], times: times)
                }
            },
            delayHeldTimes: { world, span in world.access.delayHeldTimes(by: span) }),
        // keepalived's virtual IP follows the masters' hosts; the NLB's DNS
        // answer follows the registered targets.
        follow: Subsystem.Follow(changes: [.hosts, .masters]) { world, _ in
            world.followVirtualIP()
            world.followNetworkLoadBalancer()
        },
        skipRecorders: { world, span in world.access.skip(span) })

    var accessIsQuiet: Bool {
        guard !access.propagating.holds, access.endpoint.nextTransition == nil, access.virtualIP.takeoverDue == nil,
            !nlbRemovalCached, !access.clients.contains(where: \.anyPinned), !access.vrrpScripts.contains(where: \.changing)
        else { return false }
        return access.backends.allSatisfy { health in
            health.isHealthy ? health.consecutiveFailures == 0 : health.consecutiveSuccesses == 0
        }
    }
}
