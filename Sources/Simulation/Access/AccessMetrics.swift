extension World {
    static func accessMetrics(_ topology: Topology) -> [MetricDefinition] {
        let outside = ClientMetrics(label: "external", client: \.externalProbe, connection: \.externalConnection)
        let inCluster = ClientMetrics(label: "incluster", client: \.inClusterProbe, connection: \.inClusterConnection)
        return [
            MetricDefinition("access.loadBalancer.propagating.seconds", "s", "time a load balancer creation or removal was propagating") {
                $0.loadBalancerPropagating.total.seconds
            },
            MetricDefinition("api.externalIP.unreachable.seconds", "s",
                             "time the external IP reached no apiserver that serves (the path of GCE kubelets)") {
                $0.tracker(.externalIPUnreachable).total.seconds
            },
        ] + outside.served("requests of the outside client (through the external IP or DNS) that an apiserver served",
                           outage: "longest time from a failed outside request to the next served one") + [
            MetricDefinition("api.external.availability.whilePropagating", "ratio",
                             "outside requests served while a load balancer creation or removal propagated (undefined if none)") {
                $0.externalProbe.availabilityWhilePropagating
            },
            MetricDefinition("api.external.deadBackendRequests", "count",
                             "outside requests that met a dead or unreachable apiserver: a refused or silent dial, or a connection pinned to one") {
                Double($0.accessBookkeeping.deadBackendRequests)
            },
        ] + outside.connections(pinned: "time the outside client's connection stayed pinned to a silent (dead or cut-off) apiserver host",
                                reconnects: "connections the outside client opened after one broke")
          + inCluster.connections(pinned: "time the in-cluster client's connection stayed pinned to a silent apiserver host",
                                  reconnects: "connections the in-cluster client opened after one broke")
          + inCluster.served("requests of the in-cluster client (through the kubernetes service) that an apiserver served",
                             outage: "longest time from a failed in-cluster request to the next served one")
          + outside.latency("median time from an outside request to its write being applied, served requests only")
          + inCluster.latency("median time from an in-cluster request to its write being applied, served requests only") + [
            MetricDefinition("kubernetesService.endpoints.writes", "count",
                             "times an apiserver's reconcile changed the kubernetes service's endpoints") {
                Double($0.serviceEndpoints.writes)
            },
        ]
    }
}

/// The metrics the two client probes (outside and in-cluster) share, named
/// `api.<label>.*`.
private struct ClientMetrics {
    let label: String
    let client: KeyPath<World, ClientProbe>
    let connection: KeyPath<World, ClientConnection>

    func served(_ meaning: String, outage: String) -> [MetricDefinition] {
        let client = self.client
        return [
            MetricDefinition("api.\(label).availability", "ratio", meaning) { $0[keyPath: client].availability },
            MetricDefinition("api.\(label).longestOutage.seconds", "s", outage) { $0[keyPath: client].outage.longest.seconds },
        ]
    }

    func connections(pinned: String, reconnects: String) -> [MetricDefinition] {
        let connection = self.connection
        return [
            MetricDefinition("api.\(label).pinned.seconds", "s", pinned) { $0[keyPath: connection].pinnedTotal(at: $0.end).seconds },
            MetricDefinition("api.\(label).reconnects", "count", reconnects) { Double($0[keyPath: connection].reconnects) },
        ]
    }

    func latency(_ median: String) -> [MetricDefinition] {
        let client = self.client
        return [
            MetricDefinition("api.\(label).latency.p50.seconds", "s", median) { $0[keyPath: client].latencies.quantile(0.5) },
            MetricDefinition("api.\(label).latency.p99.seconds", "s", "99th percentile of the same") { $0[keyPath: client].latencies.quantile(0.99) },
        ]
    }
}
