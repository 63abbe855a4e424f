import SimKernel

/// The Etcd subsystem's line in `World.subsystems`. Its part in the
/// fast-forward: quiet while one leader reaches a quorum and every running
/// member follows it in its term and has its log (so no election timeout can
/// fire and no catch-up is under way). The write probe's writes are its
/// steady work; failed writes and elections are trouble.
extension World {
    static let etcdSubsystem = Subsystem(
        id: .etcd,
        metrics: { World.etcdMetrics($0.topology) },
        quiet: QuietSubsystem(
            isQuiet: { $0.etcdIsQuiet },
            snapshot: { world in
                QuietSnapshot(
                    steady: [world.probe.sent], trouble: [world.probe.failed, world.elections],
                    latencies: [world.probe.latencies.histogram])
            },
            repeatWindow: { world, earlier, times in
                world.probe.repeatWindow(sent: world.probe.sent - earlier.steady[0], latencies: earlier.latencies[0], times: times)
            },
            // The network carries every control-plane message (Raft's and the
            // API requests'), so its per-link arrival order is shifted here, once.
            delayHeldTimes: { world, span in
                world.probe.delaySends(by: span)
                world.network.delayArrivals(by: span)
                for member in world.members.indices { world.members[member].delayTicks(by: span) }
            }))

    var etcdIsQuiet: Bool {
        guard let leader = leaderWithQuorum() else { return false }
        let leading = members[leader].node
        return members.indices.allSatisfy { member in
            guard members[member].joined, active(member) else { return true }
            let node = members[member].node
            return node.term == leading.term && node.leader == leading.id && membersConnected(leader, member)
                && node.log.lastIndex >= leading.log.committed
        }
    }
}
