/// Whether a network or pause fault can touch anything the model simulates.
///
/// Every host sends or receives modelled traffic: the masters (apiserver,
/// etcd, leader election, add-on managers), external etcd hosts, and the
/// workers (their kubelets' lease renewals and status posts); the outside
/// clients and the load balancer stand beyond every zone. Kubelet requests
/// are decided at the instant they are made, so a `degrade` reaches a
/// worker only where it carries a client probe. A fault that touches none
/// of that would change nothing, so the parser refuses it rather than count
/// a fault that did nothing.
extension Topology {
    /// By host id: whether a message with modelled latency leaves or reaches
    /// the host (what a `degrade` can slow).
    public var carriesTraffic: [Bool] {
        let client = carriesClient
        return hosts.map { $0.role != .worker || client[$0.id] }
    }
}

extension FaultKind {
    static let noCrossing = "neither side holds a master or etcd host, and workers talk only to those, so no modelled message crosses it"
    static let noLatency = "one side holds no host whose messages have modelled latency (masters, etcd hosts, the workers a client class runs on), so it slows nothing"

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
        // Kubelets talk only to the control plane, so a cut between workers
        // alone separates nothing; one with a master or etcd host on a side does.
        func controlPlane(_ set: HostSet) -> Bool? { covered(set).map { hit in hit.indices.contains { hit[$0] && hosts[$0].role != .worker } } }
        func any(_ set: HostSet) -> Bool? { covered(set).map { $0.contains(true) } }
        switch self {
        case .partition(.isolate(let set)):
            // The set is cut off from the outside as well: every host runs a process.
            return any(set) == false ? "it names no host" : nil
        case .partition(.groups(let sets)):
            let named = sets.map(any), central = sets.map(controlPlane)
            guard !named.contains(where: { $0 == nil }), !central.contains(where: { $0 == nil }) else { return nil }
            return named.count { $0 == true } >= 2 && central.contains(true) ? nil
                : "no two of its groups hold a control-plane host and a host that talks to it, so it separates nothing the model sends"
        case .partition(.oneWay(let from, let to)):
            return controlPlane(from) == false && controlPlane(to) == false ? Self.noCrossing : nil
        case .degrade(let degradation):
            return busy(degradation.between) == false || busy(degradation.and) == false ? Self.noLatency : nil
        default:
            return nil
        }
    }
}
