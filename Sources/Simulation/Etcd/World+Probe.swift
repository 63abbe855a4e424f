import SimKernel

/// The write probe: one proposal every 1/rate seconds, round-robin over the
/// members whose process accepts connections (clientv3's balancer skips an
/// endpoint that refuses connections), judged when the member it was sent to
/// applies it.
extension World {
    mutating func startProbe() {
        let rate = scenario.topology.etcd.writeProbeRate
        guard rate > 0, !etcd.members.isEmpty else { return }
        queue.schedule(.etcd(.probeWrite), after: probeInterval)
    }

    var probeInterval: SimDuration {
        SimDuration.period(perSecond: scenario.topology.etcd.writeProbeRate)
    }

    mutating func sendProbeWrite() {
        queue.schedule(.etcd(.probeWrite), after: probeInterval)
        let next = etcd.probe.sent
        let candidates = (0..<memberCount).map { (next + $0) % memberCount }
        let member = candidates.first { etcd.members[$0].running } ?? next % memberCount
        let id = etcd.sendProbe(to: member, at: now)
        // With every process stopped, every connection is refused at once.
        guard etcd.members[member].running else { return etcd.resolveProbe(id, succeeded: false, at: now) }
        queue.schedule(.etcd(.probeTimeout(probe: id)), after: scenario.topology.etcd.writeProbeTimeout)
        // A frozen one accepts the connection but never answers: the write times out.
        guard !fleet.paused(etcd.members[member].host) else { return }
        if case .dropped = etcd[member: member].propose(data: UInt64(id)) {
            // No leader known: etcd answers "no leader" (ErrNoLeader) at once.
            return etcd.resolveProbe(id, succeeded: false, at: now)
        }
        afterInput(member)
    }

    /// A member applied probe write `id`: it succeeded if this is the member it was sent to.
    mutating func probeApplied(_ id: Int, at member: Int) {
        guard etcd.probe.member(of: id) == member else { return }
        etcd.resolveProbe(id, succeeded: true, at: now)
    }
}
