import SimKernel

/// The Workers subsystem's part in the fast-forward: quiet while no pod is
/// pending or starting, no node waits in the node lifecycle controller's
/// tainting queues and no node is being provisioned. Taint-based eviction's
/// countdowns (300 s by default) are deadlines: a skip brings them closer
/// with the failures. Kubelet lease renewals are its steady work; a node
/// changing readiness, an evicted pod or a node added is trouble.
extension World {
    static let workersQuietness = QuietSubsystem(
        name: "workers",
        isQuiet: { $0.workersAreQuiet },
        snapshot: { world in
            // Bring every kubelet's lazily run renewals up to now, so that a
            // window's count is the renewals made in it.
            for slot in world.workers.nodes.indices { world.advanceKubelet(slot) }
            let renewals = world.workers.nodes.reduce(0) { $0 + ($1.kubelet?.renewals ?? 0) } + world.workers.renewalsOfEndedKubelets
            return QuietSnapshot(
                steady: [renewals],
                trouble: [Int(world.workers.notReadyNodeSeconds.value), world.workers.nodesAdded, world.workers.scaleUpsFailed]
                    + world.workers.pods.map(\.evicted) + world.workers.pods.map(\.ready))
        },
        repeatWindow: { world, earlier, times in
            let renewals = world.workers.nodes.reduce(0) { $0 + ($1.kubelet?.renewals ?? 0) } + world.workers.renewalsOfEndedKubelets
            world.workers.renewalsInSkippedTime += (renewals - earlier.steady[0]) * times
        },
        isDeadline: { event in
            if case .workers(.evictionsDue) = event { return true }
            return false
        },
        moveDeadlines: { world, span in
            world.workers.evictor?.moveCountdowns(earlierBy: span)
            world.workers.evictionScheduledAt = world.workers.evictionScheduledAt.map { $0 - span }
        })

    var workersAreQuiet: Bool {
        workers.pendingPods == 0 && !workers.schedulerBusy && workers.startingBatches.count == workers.freeBatches.count
            && workers.controller?.hasQueuedNodes != true
            && !workers.nodes.contains { $0.requestedAt != nil }
    }
}
