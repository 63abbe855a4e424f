/// Where each client of a class runs (`ClientClass.Origin`).
extension Topology {
    /// The hosts the clients of `clientClass` send from, one per client;
    /// nil for clients outside every zone. Pods on the workers are spread
    /// over them in host order (the first master stands in when there are
    /// none, as the in-cluster probe always did); clients on the masters
    /// take one master each, in host order, over the masters of the
    /// established cluster.
    public func clientHosts(_ clientClass: ClientClass) -> [Int]? {
        let candidates: [Int]
        switch clientClass.runs {
        case .outside: return nil
        case .worker:
            let workers = hosts.filter { $0.role == .worker }.map(\.id)
            candidates = workers.isEmpty ? [0] : workers
        case .master:
            let masters = hosts.filter { $0.role == .master && $0.initiallyProvisioned }.map(\.id)
            candidates = masters.isEmpty ? [0] : masters
        }
        return (0..<clientClass.count).map { candidates[$0 % candidates.count] }
    }

    /// By host id: whether a client of some class that sends requests runs there.
    public var carriesClient: [Bool] {
        var carries = Array(repeating: false, count: hosts.count)
        for clientClass in access.population where clientClass.rate > 0 {
            for host in clientHosts(clientClass) ?? [] { carries[host] = true }
        }
        return carries
    }
}
