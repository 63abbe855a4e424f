/// Whether a network or pause fault can touch anything the model simulates.
///
/// Only some hosts send or receive modelled traffic: the masters (apiserver,
/// etcd, leader election, add-on managers), external etcd hosts, and the
/// worker the in-cluster client probe runs on; the outside clients and the
/// load balancer stand beyond every zone. A `pause`, `partition` or
/// `degrade` that touches none of that would change nothing, so the parser
/// refuses it rather than count a fault that did nothing.
extension Topology {
    /// By host id: whether a modelled process sends or receives on the host.
    public var carriesTraffic: [Bool] {
        let client = inClusterClientHost
        return hosts.map { $0.role != .worker || $0.id == client }
    }

    /// The host of the in-cluster client probe, a pod on the first worker
    /// (the first master without workers); nil when that probe is off.
    public var inClusterClientHost: Int? {
        guard access.inClusterClientRate > 0 else { return nil }
        return hosts.first { $0.role == .worker }?.id ?? 0
    }
}

extension FaultKind {
    static let noCrossing = "one side holds no host with modelled traffic, so no modelled message crosses it"

    /// Why the fault reaches no modelled traffic, judged from the names it
    /// gives; nil when it reaches some, or when a role it names (etcd leader,
    /// lease holder, a random master) is always a host that does.
    public func unreachedReason(in topology: Topology) -> String? {
        let traffic = topology.carriesTraffic
        let hosts = topology.hosts
        func covered(_ set: HostSet) -> [Bool]? {
            switch set {
            case .host(.host(let host)):
                return hosts.map { $0.id == host }
            case .zone(.zone(let zone)):
                return hosts.map { $0.zone == zone }
            case .union(let parts):
                var result = Array(repeating: false, count: hosts.count)
                for part in parts {
                    guard let hit = covered(part) else { return nil }
                    for index in result.indices where hit[index] { result[index] = true }
                }
                return result
            case .host, .zone:
                return nil
            }
        }
        func busy(_ set: HostSet) -> Bool? { covered(set).map { hit in hit.indices.contains { hit[$0] && traffic[$0] } } }
        let nothing = "no host it names carries modelled traffic (only masters, etcd hosts and the in-cluster client's worker do; kubelets and pods are not modelled yet)"
        switch self {
        case .hostPause(.host(let host)):
            return traffic[host] ? nil : "no modelled process runs on \(hosts[host].name) (only masters, etcd hosts and the in-cluster client's worker run one; kubelets and pods are not modelled yet)"
        case .partition(.isolate(let set)):
            // The set is cut off from the outside as well, so any busy host in it is hit.
            return busy(set) == false ? nothing : nil
        case .partition(.groups(let sets)):
            let busyGroups = sets.map(busy)
            guard !busyGroups.contains(where: { $0 == nil }) else { return nil }
            return busyGroups.count { $0 == true } >= 2 ? nil
                : "fewer than two of its groups hold a host with modelled traffic, so it separates nothing the model sends"
        case .partition(.oneWay(let from, let to)):
            return busy(from) == false || busy(to) == false ? Self.noCrossing : nil
        case .degrade(let degradation):
            return busy(degradation.between) == false || busy(degradation.and) == false ? Self.noCrossing : nil
        default:
            return nil
        }
    }
}
