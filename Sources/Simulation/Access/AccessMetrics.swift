extension World {
    static func accessMetrics(_ topology: Topology) -> [MetricDefinition] {
        var definitions = [
            MetricDefinition(.loadBalancerPropagatingSeconds, "s", "time a load balancer creation or removal was propagating") {
                $0.access.propagating.total.seconds
            },
            MetricDefinition(
                .externalIPUnreachableSeconds, "s",
                "time the external IP reached no apiserver that serves (the path of GCE kubelets)"
            ) {
                $0.tracker(.externalIPUnreachable).total.seconds
            },
        ]
        for (index, clientClass) in topology.access.population.enumerated() {
            definitions += ClientMetrics(index: index, clientClass: clientClass).definitions
        }
        definitions.append(
            MetricDefinition(
                .kubernetesServiceEndpointWrites, "count",
                "times an apiserver's reconcile changed the kubernetes service's endpoints"
            ) {
                Double($0.access.serviceEndpoints.writes)
            })
        return definitions
    }
}

/// The metrics every client class has (`api.<name>.*`), in one order.
private struct ClientMetrics {
    let index: Int
    let clientClass: ClientClass

    var who: String {
        switch clientClass.name {
        case ClientClass.externalName: return "the outside client (through the external IP or DNS)"
        case ClientClass.inClusterName: return "the in-cluster client (through the kubernetes service)"
        default: return "client class \(clientClass.name)"
        }
    }

    var definitions: [MetricDefinition] {
        let index = self.index
        let name = clientClass.name
        var definitions = [
            MetricDefinition(.clientAvailability(name), "ratio", "requests of \(who) that an apiserver served") {
                $0.access.clients[index].probe.availability
            },
            MetricDefinition(.clientLongestOutageSeconds(name), "s", "longest time from a failed request of \(who) to its next served one") {
                $0.access.clients[index].probe.outage.longest.seconds
            },
        ]
        if name == ClientClass.externalName {
            definitions.append(
                MetricDefinition(
                    .externalAvailabilityWhilePropagating, "ratio",
                    "outside requests served while a load balancer creation or removal propagated (undefined if none)"
                ) {
                    $0.access.clients[index].probe.availabilityWhilePropagating
                })
        }
        definitions += [
            MetricDefinition(
                .clientDeadBackendRequests(name), "count",
                "requests of \(who) that met a dead or unreachable apiserver: a refused or silent dial, or a connection pinned to one"
            ) {
                Double($0.access.clients[index].deadBackendRequests)
            },
            MetricDefinition(
                .clientPinnedSeconds(name), "s",
                "time the connections of \(who) stayed pinned to a silent (dead or cut-off) apiserver host, summed over its clients"
            ) {
                $0.access.clients[index].pinnedTotal(at: $0.end).seconds
            },
            MetricDefinition(.clientReconnects(name), "count", "connections \(who) opened after one broke") {
                Double($0.access.clients[index].reconnects)
            },
            MetricDefinition(.clientLatencyP50Seconds(name), "s", "median time from a request of \(who) to its write being applied, served requests only") {
                $0.access.clients[index].probe.latencies.quantile(0.5)
            },
            MetricDefinition(.clientLatencyP99Seconds(name), "s", "99th percentile of the same") {
                $0.access.clients[index].probe.latencies.quantile(0.99)
            },
        ]
        return definitions
    }
}
