import Simulation
import Yams

/// Fault targets: host and zone names, and role selectors resolved when the
/// fault starts (`etcd-leader`, `random-master`, `lease-holder:<lease>`,
/// `zone-of:<host or selector>`).
struct TargetReader {
    let reader: YAMLReader
    let topology: Topology
    let hosts: [Host]

    static let hostSelectors = ["etcd-leader", "random-master"]
    static let zonePrefix = "zone-of:"
    static let leaseHolderPrefix = "lease-holder:"
    /// `lease-holder:<lease>` for every lease this topology has candidates
    /// for: kube-vip's only in a kube-vip set-up.
    var leaseHolderSelectors: [String] { topology.leases.map { Self.leaseHolderPrefix + $0.rawValue } }

    func host(_ node: Node, _ path: String) throws(ScenarioError) -> HostTarget {
        let name = try reader.string(node, path, what: "a host name such as master-a-1, or etcd-leader, random-master or lease-holder:<lease>")
        return try host(named: name, node, path)
    }

    func host(named name: String, _ node: Node, _ path: String) throws(ScenarioError) -> HostTarget {
        switch name {
        case "etcd-leader": return .etcdLeader
        case "random-master": return .randomMaster
        default:
            if name.hasPrefix(Self.leaseHolderPrefix) {
                guard let lease = LeaseName(rawValue: String(name.dropFirst(Self.leaseHolderPrefix.count))), topology.leases.contains(lease) else {
                    throw ScenarioParser.unknownName("lease holder", name, known: leaseHolderSelectors, at: node, path, reader)
                }
                return .leaseHolder(lease)
            }
            guard let host = hosts.first(where: { $0.name == name }) else {
                throw ScenarioParser.unknownName("host", name, known: hosts.map(\.name) + Self.hostSelectors, at: node, path, reader)
            }
            return .host(host.id)
        }
    }

    /// A host that must run an etcd member when named directly.
    func etcdHost(_ node: Node, _ path: String) throws(ScenarioError) -> HostTarget {
        let target = try host(node, path)
        if case .host(let id) = target, !topology.etcdHosts.contains(where: { $0.id == id }) {
            throw ScenarioParser.unknownName("etcd host", hosts[id].name, known: topology.etcdHosts.map(\.name) + ["etcd-leader"], at: node, path, reader)
        }
        return target
    }

    func zone(_ node: Node, _ path: String) throws(ScenarioError) -> ZoneTarget {
        let name = try reader.string(node, path, what: "a zone name, or zone-of:<host>")
        return try zone(named: name, node, path)
    }

    func zone(named name: String, _ node: Node, _ path: String) throws(ScenarioError) -> ZoneTarget {
        if name.hasPrefix(Self.zonePrefix) {
            return .zoneOf(try host(named: String(name.dropFirst(Self.zonePrefix.count)), node, path))
        }
        guard let index = topology.zones.firstIndex(of: name) else {
            throw ScenarioParser.unknownName("zone", name, known: topology.zones, at: node, path, reader)
        }
        return .zone(index)
    }

    /// A name or a list of names, each a zone, `zone-of:...`, a host or a selector.
    func hostSet(_ node: Node, _ path: String) throws(ScenarioError) -> HostSet {
        if let items = node.sequence {
            var sets: [HostSet] = []
            for (index, item) in items.enumerated() { sets.append(try hostSet(item, "\(path)[\(index)]")) }
            return .union(sets)
        }
        let name = try reader.string(node, path, what: "a zone, a host, a selector, or a list of them")
        if topology.zones.contains(name) || name.hasPrefix(Self.zonePrefix) { return .zone(try zone(named: name, node, path)) }
        guard hosts.contains(where: { $0.name == name }) || Self.hostSelectors.contains(name) || name.hasPrefix(Self.leaseHolderPrefix) else {
            let known = topology.zones + hosts.map(\.name) + Self.hostSelectors
            throw ScenarioParser.unknownName("zone or host", name, known: known, at: node, path, reader)
        }
        return .host(try host(named: name, node, path))
    }
}

extension HostSet {
    /// The first role selector in the set, if any, as written in scenarios.
    var firstRole: String? {
        switch self {
        case .host(let target): return target.roleName
        case .zone(.zone): return nil
        case .zone(.zoneOf(let target)): return target.roleName.map { "zone-of:" + $0 }
        case .union(let sets): return sets.lazy.compactMap(\.firstRole).first
        }
    }
}

extension HostTarget {
    var roleName: String? {
        switch self {
        case .host: return nil
        case .etcdLeader: return "etcd-leader"
        case .randomMaster: return "random-master"
        case .leaseHolder(let lease): return "lease-holder:\(lease.rawValue)"
        }
    }
}

extension TargetReader {
    /// A host that runs the control plane: a master named directly, or a selector.
    func masterHost(_ node: Node, _ path: String) throws(ScenarioError) -> HostTarget {
        let target = try host(node, path)
        if case .host(let id) = target, hosts[id].role != .master {
            let masters = hosts.filter { $0.role == .master }.map(\.name)
            throw ScenarioParser.unknownName("master", hosts[id].name, known: masters + Self.hostSelectors + leaseHolderSelectors, at: node, path, reader)
        }
        return target
    }

    /// A host that runs control-plane processes when named directly: a
    /// master or an external etcd host (what `stop` and `reboot` reach).
    func controlPlaneHost(_ node: Node, _ path: String) throws(ScenarioError) -> HostTarget {
        let target = try host(node, path)
        if case .host(let id) = target, hosts[id].role == .worker {
            let known = hosts.filter { $0.role != .worker }.map(\.name) + Self.hostSelectors + leaseHolderSelectors
            throw ScenarioParser.unknownName("master or etcd host", hosts[id].name, known: known, at: node, path, reader)
        }
        return target
    }

    func lease(_ node: Node, _ path: String) throws(ScenarioError) -> LeaseName {
        let name = try reader.string(node, path, what: "a lease name")
        guard let lease = LeaseName(rawValue: name), topology.leases.contains(lease) else {
            throw ScenarioParser.unknownName("lease", name, known: topology.leases.map(\.rawValue), at: node, path, reader)
        }
        return lease
    }
}
