import SimKernel

/// Zones and hosts going down and coming back, and the cluster conditions
/// that follow from them.
extension World {
    /// Adds or removes a zone outage; hosts of the zone follow.
    mutating func changeZoneOutage(_ zone: Int, delta: Int) {
        fleet.changeZoneOutage(zone, by: delta)
        let up = !fleet.zoneDown(zone)
        recording.setZone(zone, up: up, at: now)
        for host in hosts where host.zone == zone { refreshHost(host.id) }
    }

    mutating func changeHostCrash(_ host: Int, delta: Int) {
        fleet.changeCrash(host, by: delta)
        refreshHost(host)
    }

    /// Freezes or thaws every process on the host.
    mutating func changeHostPause(_ host: Int, delta: Int) {
        fleet.changePause(host, by: delta)
        let thawed = !fleet.paused(host)
        if let member = etcd.memberOfHost[host] {
            if thawed { resumeMember(member) } else { freezeMemberTicks(member) }
        }
        announce(.hosts)
        guard host < scenario.topology.masterSlots else { return }
        if thawed { thawCandidates(host) }
        for lease in scenario.topology.leases { updateLease(lease) }
    }

    /// Recomputes whether a host is up from the faults holding it down; the
    /// processes on it follow.
    mutating func refreshHost(_ id: Int) {
        let provisioned = fleet.provisioned[id]
        let changed = fleet.refresh(id)
        let up = fleet.up[id]
        recording.set(recording.hostLanes[id], provisioned ? (up ? "up" : "down") : "absent", at: now)
        guard changed else { return }
        announce(hostConcernsControlPlane(id) ? .hosts : .workerHosts)
        if provisioned {
            record(entity: hosts[id].name, kind: up ? .hostUp : .hostDown, detail: "incarnation \(fleet.incarnation[id])")
        }
        if let member = etcd.memberOfHost[id] { refreshMember(member) }
        refreshControlPlane(id)
    }

    /// Whether the control plane follows host `id`: a master, an etcd host,
    /// or the host the in-cluster client runs on. A worker's coming and going
    /// reaches only the kubelets and controllers.
    func hostConcernsControlPlane(_ id: Int) -> Bool { hosts[id].role != .worker || access.carriesClient[id] }

    /// Every control-plane process on a master follows its host.
    mutating func refreshControlPlane(_ host: Int) {
        guard host < scenario.topology.masterSlots else { return }
        for lease in scenario.topology.leases { refreshCandidate(candidateIndex(lease, host: host)) }
        refreshAddonManager(host)
    }
}
