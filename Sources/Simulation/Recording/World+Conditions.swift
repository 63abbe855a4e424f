import SimKernel

/// The cluster conditions (`ClusterCondition`) and the host counts behind them.
extension World {
    // Masters are host ids 0..<masterSlots (Topology lists them first), so
    // these need not walk thousands of workers after every event.
    var mastersUpCount: Int { (0..<scenario.topology.masterSlots).count { fleet.up[$0] } }
    var mastersProvisionedCount: Int { (0..<scenario.topology.masterSlots).count { fleet.provisioned[$0] } }
    var workersUpCount: Int { fleet.workersUp }

    /// Re-evaluates every cluster condition: the Recording subsystem's
    /// reaction in `World.settle()`, last, after every other subsystem has
    /// followed the event.
    mutating func recordConditions() {
        let masters = mastersProvisionedCount
        let up = mastersUpCount
        recording.setUpFractions(
            masters: masters == 0 ? 0 : Double(up) / Double(masters),
            workers: fleet.workersProvisioned == 0 ? 0 : Double(workersUpCount) / Double(fleet.workersProvisioned),
            at: now)
        let quorumLeader = leaderWithQuorum() != nil
        // Over the masters that exist: one not yet added is not an unready apiserver.
        apiServers.recordReadyFraction(masters: masters, at: now)
        for (index, condition) in ClusterCondition.allCases.enumerated() {
            let holds: Bool
            switch condition {
            case .noMasterUp: holds = up == 0
            case .anyMasterUp: holds = up > 0
            case .allMastersUp: holds = up == masters
            case .anyZoneDown: holds = fleet.anyZoneDown
            case .masterMajorityDown: holds = up < masters / 2 + 1
            case .etcdQuorumLost: holds = !quorumLeader
            case .noAPIServerReady: holds = apiServers.readyCount == 0
            case .splitBrain: holds = leases.leaders.contains { $0 > 1 }
            case .etcdMajorityDown: holds = etcd.voters.count(where: { etcd.members[$0].running }) < etcd.voters.count / 2 + 1
            case .externalIPUnreachable: holds = !externalIPReachesAPIServer
            case .evictionsStopped: holds = workers.lifecycle.evictionsStopped
            case .workloadBelowMinAvailable: holds = workers.recorders.belowMinAvailable.holds
            }
            recording.setCondition(index, holds: holds, at: now)
        }
    }

    func tracker(_ condition: ClusterCondition) -> ConditionTracker {
        recording.conditions[ClusterCondition.allCases.firstIndex(of: condition)!]
    }
}
