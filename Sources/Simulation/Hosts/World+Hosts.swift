import SimKernel

/// Zones and hosts going down and coming back, and the cluster conditions
/// that follow from them.
extension World {
    /// Adds or removes a zone outage; hosts of the zone follow.
    mutating func changeZoneOutage(_ zone: Int, delta: Int) {
        fleet.changeZoneOutage(zone, by: delta)
        let up = !fleet.zoneDown(zone)
        timeline.set(zoneEntity[zone], up ? "up" : "down", at: now)
        zoneUp[zone].set(up ? 1 : 0, at: now)
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
        if thawed, let member = memberOfHost[host] { resumeMember(member) }
        guard host < scenario.topology.masterSlots else { return }
        if thawed {
            refreshAPIServers()
            thawCandidates(host)
        }
        for lease in LeaseName.allCases { updateLease(lease) }
    }

    /// Recomputes whether a host is up from the faults holding it down; the
    /// processes on it follow.
    mutating func refreshHost(_ id: Int) {
        let provisioned = fleet.provisioned[id]
        let changed = fleet.refresh(id)
        let up = fleet.up[id]
        timeline.set(hostEntity[id], provisioned ? (up ? "up" : "down") : "absent", at: now)
        guard changed else { return }
        if provisioned {
            record(entity: hosts[id].name, kind: up ? "hostUp" : "hostDown", detail: "incarnation \(fleet.incarnation[id])")
        }
        if let member = memberOfHost[id] { refreshMember(member) }
        refreshControlPlane(id)
    }

    /// Every control-plane process on a master follows its host.
    mutating func refreshControlPlane(_ host: Int) {
        guard host < scenario.topology.masterSlots else { return }
        for lease in LeaseName.allCases { refreshCandidate(candidateIndex(lease, host: host)) }
        refreshAddonManager(host)
    }

    var mastersUpCount: Int { hosts.indices.count { hosts[$0].role == .master && fleet.up[$0] } }
    var mastersProvisionedCount: Int { hosts.indices.count { hosts[$0].role == .master && fleet.provisioned[$0] } }
    var workersUpCount: Int { hosts.indices.count { hosts[$0].role == .worker && fleet.up[$0] } }

    /// Re-evaluates every cluster condition; called after any state change
    /// that can move one.
    mutating func updateConditions() {
        let masters = mastersProvisionedCount
        let up = mastersUpCount
        mastersUp.set(masters == 0 ? 0 : Double(up) / Double(masters), at: now)
        workersUp.set(Double(workersUpCount), at: now)
        let quorumLeader = leaderWithQuorum() != nil
        refreshAPIServers()
        // Over the masters that exist: one not yet added is not an unready apiserver.
        apiServersReadyFraction.set(masters == 0 ? 0 : Double(readyAPIServers) / Double(masters), at: now)
        for (index, condition) in ClusterCondition.allCases.enumerated() {
            let holds: Bool
            switch condition {
            case .noMasterUp: holds = up == 0
            case .anyMasterUp: holds = up > 0
            case .allMastersUp: holds = up == masters
            case .anyZoneDown: holds = fleet.anyZoneDown
            case .masterMajorityDown: holds = up < masters / 2 + 1
            case .etcdQuorumLost: holds = !quorumLeader
            case .noAPIServerReady: holds = readyAPIServers == 0
            case .splitBrain: holds = leaseLeaders.contains { $0 > 1 }
            case .etcdMajorityDown: holds = etcdVoters.count(where: { members[$0].running }) < etcdVoters.count / 2 + 1
            case .externalIPUnreachable: holds = !externalIPReachesAPIServer
            }
            conditions[index].set(holds, at: now)
            timeline.set(conditionEntity[index], holds ? condition.rawValue : nil, at: now)
        }
    }

    func tracker(_ condition: ClusterCondition) -> ConditionTracker {
        conditions[ClusterCondition.allCases.firstIndex(of: condition)!]
    }
}
