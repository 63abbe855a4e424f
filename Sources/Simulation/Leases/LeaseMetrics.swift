extension World {
    static func leaseMetrics(_ topology: Topology) -> [MetricDefinition] {
        topology.leases.flatMap { lease -> [MetricDefinition] in
            let index = lease.index, name = lease.rawValue
            return [
                MetricDefinition(.leaseOverlapSeconds(lease), "s",
                                 "total time more than one \(name) instance believed it led (split brain)") {
                    $0.leases.overlap[index].total.seconds
                },
                MetricDefinition(.leaseHolderlessSeconds(lease), "s", "total time no \(name) instance believed it led") {
                    $0.leases.holderless[index].total.seconds
                },
                MetricDefinition(.leaseHolderlessLongestSeconds(lease), "s", "the longest interval with no \(name) instance leading") {
                    $0.leases.holderless[index].longest.seconds
                },
                MetricDefinition(.leaseTransitions(lease), "count", "leaderTransitions of the \(name) lease record during the run") {
                    Double($0.leases.records[index].leaderTransitions)
                },
                MetricDefinition(.leaseRequestTimeouts(lease), "count",
                                 "requests of the \(name) leases.candidates that hung in their apiserver until a timeout ended them: the client's, etcd's or the apiserver's") {
                    Double($0.leases.requestTimeouts[index])
                },
                MetricDefinition(.leaseUselessSeconds(lease), "s",
                                 "total time some \(name) instance led but none that led did its work (gray failure or frozen)") {
                    $0.leases.useless[index].total.seconds
                },
            ]
        }
    }
}
