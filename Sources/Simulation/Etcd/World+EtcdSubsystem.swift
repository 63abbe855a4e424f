import SimKernel

/// The Etcd subsystem's line in `World.subsystems`. Its part in the
/// fast-forward: quiet while one leader reaches a quorum and every running
/// member follows it in its term and has its log (so no election timeout can
/// fire and no catch-up is under way). The write probe's writes are its
/// steady work; failed writes and elections are trouble. The network's
/// cross-zone traffic is counted here too (after the probe's count in
/// `steady`): every control-plane message crosses it, and a quiet window
/// carries the same traffic as each window skipped after it.
extension World {
    static let etcdSubsystem = Subsystem(
        id: .etcd,
        metrics: { World.etcdMetrics($0.topology) },
        quiet: QuietSubsystem(
            isQuiet: { $0.etcdIsQuiet },
            snapshot: { world in
                QuietSnapshot(
                    steady: [world.etcd.probe.sent] + world.network.traffic.messages + world.network.traffic.bytes,
                    trouble: [world.etcd.probe.failed, world.etcd.elections],
                    latencies: [world.etcd.probe.latencies.histogram])
            },
            repeatWindow: { world, earlier, times in
                world.etcd.repeatProbeWindow(sent: world.etcd.probe.sent - earlier.steady[0], latencies: earlier.latencies[0], times: times)
                let kinds = CrossZoneTraffic.Kind.allCases.count
                let before = CrossZoneTraffic(messages: Array(earlier.steady[1...kinds]), bytes: Array(earlier.steady[(kinds + 1)...]))
                world.network.repeatTraffic(since: before, times: times)
            },
            // The network carries every control-plane message (Raft's and the
            // API requests'), so its per-link arrival order is shifted here, once.
            delayHeldTimes: { world, span in
                world.etcd.delayHeldTimes(by: span)
                world.network.delayArrivals(by: span)
            }))

    var etcdIsQuiet: Bool {
        guard let leader = leaderWithQuorum() else { return false }
        let leading = etcd.members[leader].node
        return etcd.members.indices.allSatisfy { member in
            guard etcd.members[member].joined, active(member) else { return true }
            let node = etcd.members[member].node
            return node.term == leading.term && node.leader == leading.id && membersConnected(leader, member)
                && node.log.lastIndex >= leading.log.committed
        }
    }
}
