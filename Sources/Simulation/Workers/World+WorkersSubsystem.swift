import SimKernel

/// The Workers subsystem's line in `World.subsystems`. Its part in the
/// fast-forward: quiet while no pod is pending or starting, no node waits in
/// the node lifecycle controller's tainting queues and no node is being
/// provisioned. Taint-based eviction's countdowns (300 s by default) are
/// deadlines: a skip brings them closer with the failures. Kubelet lease
/// renewals are its steady work; a node changing readiness, an evicted pod
/// or a node added is trouble. Kubelet lease renewals are counted at their
/// mean rate, not from the window: a kubelet renews every interval plus up
/// to 4 % jitter, 5 or 6 times a window, so one window's count would be off
/// by up to a sixth.
extension World {
    static let workersSubsystem = Subsystem(
        id: .workers,
        clock: .workers,
        metrics: { World.workerMetrics($0.topology, workloads: $0.workloads, operations: $0.operations) },
        quiet: QuietSubsystem(
            isQuiet: { $0.workersAreQuiet },
            snapshot: { world in
                QuietSnapshot(
                    trouble: [
                        Int(world.workers.recorders.notReadyNodeSeconds.value), world.workers.autoscaling.nodesAdded, world.workers.autoscaling.scaleUpsFailed,
                    ]
                        + world.workers.pods.map(\.evicted) + world.workers.pods.map(\.ready))
            },
            repeatWindow: { world, _, times in
                let settings = world.workerSettings.kubelet
                // The mean gap between renewals: the interval plus half the jitter's range.
                let meanGap = settings.renewInterval.seconds * (1 + settings.renewJitter / 2)
                let renewing = world.workers.nodes.count { $0.kubelet?.pathOpen == true }
                world.workers.nodes.countSkippedRenewals(Double(renewing) * (FastForward.window * Int64(times)).seconds / meanGap)
            },
            isDeadline: { event in
                if case .workers(.evictionsDue) = event { return true }
                return false
            },
            moveDeadlines: { world, span in
                world.workers.lifecycle.moveDeadlines(earlierBy: span)
            }),
        follow: Subsystem.Follow(changes: .everything) { world, settling in world.refreshWorkers(after: settling) },
        skipRecorders: { world, span in
            world.workers.skip(span)
        })

    var workersAreQuiet: Bool {
        workers.pendingPods == 0 && !workers.scheduling.busy && workers.pods.noneStarting
            && workers.lifecycle.isQuiet(at: now) && workers.drains.active == nil && workers.upgrades.operation == nil
            && !workers.nodes.contains { $0.requestedAt != nil || $0.connectionDue != nil || $0.kubelet?.inFlightSince != nil }
    }
}
