/// The failure zones and the hosts placed in them.
///
/// Hosts are named `master-<zone>-<n>` and `worker-<zone>-<n>`, n counted from 1
/// within the zone, and get dense ids: masters first in zone order, then
/// workers. Dense ids keep every per-host table an array (DESIGN.md §2: no
/// hash-order iteration in the model).
public struct Topology: Hashable, Sendable {
    public var zones: [String]
    /// Masters per zone, parallel to `zones`.
    public var mastersPerZone: [Int]
    /// Workers per zone, parallel to `zones`.
    public var workersPerZone: [Int]

    public init(zones: [String], mastersPerZone: [Int], workersPerZone: [Int]) {
        precondition(zones.count == mastersPerZone.count && zones.count == workersPerZone.count)
        self.zones = zones
        self.mastersPerZone = mastersPerZone
        self.workersPerZone = workersPerZone
    }

    public var hosts: [Host] {
        var result: [Host] = []
        for (role, counts) in [(HostRole.master, mastersPerZone), (.worker, workersPerZone)] {
            for (zone, count) in counts.enumerated() where count > 0 {
                for n in 1...count {
                    result.append(Host(id: result.count, name: "\(role.rawValue)-\(zones[zone])-\(n)", role: role, zone: zone))
                }
            }
        }
        return result
    }

    public var masterCount: Int { mastersPerZone.reduce(0, +) }
    public var workerCount: Int { workersPerZone.reduce(0, +) }
}

public enum HostRole: String, Hashable, Sendable {
    case master, worker
}

/// A host of the topology, as placed; its changing state lives in the World.
public struct Host: Hashable, Sendable {
    public var id: Int
    public var name: String
    public var role: HostRole
    public var zone: Int
}

extension Topology {
    /// etcd members per zone. Stacked etcd (the default, kubeadm's stacked
    /// topology) runs one member on every master.
    public var etcdMembersPerZone: [Int] { mastersPerZone }
}
