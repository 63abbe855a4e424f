extension World {
    static func accessMetrics(_ topology: Topology) -> [MetricDefinition] {
        let outside = ClientMetrics(availability: .externalAvailability, longestOutage: .externalLongestOutageSeconds,
                                    pinned: .externalPinnedSeconds, reconnects: .externalReconnects,
                                    latencyP50: .externalLatencyP50Seconds, latencyP99: .externalLatencyP99Seconds,
                                    client: \.access.externalProbe, connection: \.access.externalConnection)
        let inCluster = ClientMetrics(availability: .inClusterAvailability, longestOutage: .inClusterLongestOutageSeconds,
                                      pinned: .inClusterPinnedSeconds, reconnects: .inClusterReconnects,
                                      latencyP50: .inClusterLatencyP50Seconds, latencyP99: .inClusterLatencyP99Seconds,
                                      client: \.access.inClusterProbe, connection: \.access.inClusterConnection)
        return [
            MetricDefinition(.loadBalancerPropagatingSeconds, "s", "time a load balancer creation or removal was propagating") {
                $0.access.propagating.total.seconds
            },
            MetricDefinition(.externalIPUnreachableSeconds, "s",
                             "time the external IP reached no apiserver that serves (the path of GCE kubelets)") {
                $0.tracker(.externalIPUnreachable).total.seconds
            },
        ] + outside.served("requests of the outside client (through the external IP or DNS) that an apiserver served",
                           outage: "longest time from a failed outside request to the next served one") + [
            MetricDefinition(.externalAvailabilityWhilePropagating, "ratio",
                             "outside requests served while a load balancer creation or removal propagated (undefined if none)") {
                $0.access.externalProbe.availabilityWhilePropagating
            },
            MetricDefinition(.externalDeadBackendRequests, "count",
                             "outside requests that met a dead or unreachable apiserver: a refused or silent dial, or a connection pinned to one") {
                Double($0.access.deadBackendRequests)
            },
        ] + outside.connections(pinned: "time the outside client's connection stayed pinned to a silent (dead or cut-off) apiserver host",
                                reconnects: "connections the outside client opened after one broke")
          + inCluster.connections(pinned: "time the in-cluster client's connection stayed pinned to a silent apiserver host",
                                  reconnects: "connections the in-cluster client opened after one broke")
          + inCluster.served("requests of the in-cluster client (through the kubernetes service) that an apiserver served",
                             outage: "longest time from a failed in-cluster request to the next served one")
          + outside.latency("median time from an outside request to its write being applied, served requests only")
          + inCluster.latency("median time from an in-cluster request to its write being applied, served requests only") + [
            MetricDefinition(.kubernetesServiceEndpointWrites, "count",
                             "times an apiserver's reconcile changed the kubernetes service's endpoints") {
                Double($0.access.serviceEndpoints.writes)
            },
        ]
    }
}

/// The metrics the two client probes (outside and in-cluster) share
/// (`api.external.*`, `api.incluster.*`).
private struct ClientMetrics {
    let availability, longestOutage, pinned, reconnects, latencyP50, latencyP99: Metric
    let client: KeyPath<World, ClientProbe>
    let connection: KeyPath<World, ClientConnection>

    func served(_ meaning: String, outage: String) -> [MetricDefinition] {
        let client = self.client
        return [
            MetricDefinition(availability, "ratio", meaning) { $0[keyPath: client].availability },
            MetricDefinition(longestOutage, "s", outage) { $0[keyPath: client].outage.longest.seconds },
        ]
    }

    func connections(pinned pinnedMeaning: String, reconnects reconnectsMeaning: String) -> [MetricDefinition] {
        let connection = self.connection
        return [
            MetricDefinition(pinned, "s", pinnedMeaning) { $0[keyPath: connection].pinnedTotal(at: $0.end).seconds },
            MetricDefinition(reconnects, "count", reconnectsMeaning) { Double($0[keyPath: connection].reconnects) },
        ]
    }

    func latency(_ median: String) -> [MetricDefinition] {
        let client = self.client
        return [
            MetricDefinition(latencyP50, "s", median) { $0[keyPath: client].latencies.quantile(0.5) },
            MetricDefinition(latencyP99, "s", "99th percentile of the same") { $0[keyPath: client].latencies.quantile(0.99) },
        ]
    }
}
