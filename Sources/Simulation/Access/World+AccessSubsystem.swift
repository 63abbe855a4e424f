import SimKernel

/// The Access subsystem's line in `World.subsystems`. Its part in the
/// fast-forward: quiet while no load balancer change propagates, no client
/// connection is pinned to a silent host, and the load balancer's view of
/// every backend is settled (a healthy backend failing checks, or an
/// unhealthy one passing them, is a detection under way), no virtual IP
/// takeover is pending and no keepalived `vrrp_script` is changing. The client classes'
/// requests and their latencies are its steady work; a failed request, a
/// reconnect, a request to a dead backend or an endpoints write is trouble,
/// except a per-request class's failures at the dial, which a settled state
/// makes at a steady chance and a skip replays (World+SteadyClientFailures).
extension World {
    static let accessSubsystem = Subsystem(
        id: .access,
        metrics: { World.accessMetrics($0.topology) },
        quiet: QuietSubsystem(
            isQuiet: { $0.accessIsQuiet },
            snapshot: { world in
                let clients = world.access.clients
                // A per-request class's dial failures are rated, not trouble,
                // where its dial has no state of its own (World+SteadyClientFailures).
                let isRated = clients.indices.map(world.dialFailuresAreRated)
                let rated = clients.indices.map { isRated[$0] ? clients[$0].dialFailures : 0 }
                return QuietSnapshot(
                    steady: clients.map(\.probe.requests),
                    trouble: clients.indices.flatMap { index in
                        let client = clients[index]
                        let failed = client.probe.requests - client.probe.served - rated[index]
                        return [failed, client.reconnects, isRated[index] ? 0 : client.deadBackendRequests]
                    } + [world.access.serviceEndpoints.writes],
                    rated: rated,
                    latencies: clients.map(\.probe.latencies.histogram))
            },
            repeatWindow: { world, earlier, times in
                world.repeatClientWindows(earlier, times: times, of: world.access.clients.indices.map { _ in true })
            },
            repeatWhileFrozen: { world, earlier, times in
                world.repeatClientWindows(earlier, times: times, of: world.access.clients.indices.map(world.classRunsWhileFrozen))
            },
            repeatFrozenWindow: { world, earlier, times in
                world.repeatClientWindows(earlier, times: times, of: world.access.clients.indices.map { !world.classRunsWhileFrozen($0) })
            },
            delayHeldTimes: { world, span in
                let classes = world.access.clients.indices.filter { !world.classRunsWhileFrozen($0) }
                world.access.delayHeldTimes(by: span, of: Set(classes))
            }),
        // keepalived's virtual IP follows the masters' hosts; the NLB's DNS
        // answer follows the registered targets.
        follow: Subsystem.Follow(changes: [.hosts, .masters]) { world, _ in
            world.followVirtualIP()
            world.followNetworkLoadBalancer()
        },
        skipRecorders: { world, span in world.access.skip(span) })

    /// Adds `times` more windows like the one since `earlier` to the client
    /// classes `chosen` marks: the window's requests, all served, or for a
    /// class failing at its dial at a steady rate, its requests replayed.
    mutating func repeatClientWindows(_ earlier: QuietSnapshot, times: Int, of chosen: [Bool]) {
        for index in access.clients.indices where chosen[index] {
            if dialFailuresAreRated(index), access.clients[index].dialFailures > earlier.rated[index] {
                replayDialledRequests(of: index, windows: times)
                continue
            }
            access[client: index].repeatWindow(
                requests: access.clients[index].probe.requests - earlier.steady[index], latencies: earlier.latencies[index], times: times)
        }
    }

    var accessIsQuiet: Bool {
        guard !access.propagating.holds, access.endpoint.nextTransition == nil, access.virtualIP.takeoverDue == nil,
            !nlbRemovalCached, !access.clients.contains(where: \.anyPinned), !access.vrrpScripts.contains(where: \.changing),
            !access.routeChecks.contains(where: \.changing)
        else { return false }
        return access.backends.allSatisfy { health in
            health.isHealthy ? health.consecutiveFailures == 0 : health.consecutiveSuccesses == 0
        }
    }
}
