extension World {
    static func apiServerMetrics(_ topology: Topology) -> [MetricDefinition] {
        var result = [
            MetricDefinition(.apiServerReadyFraction, "ratio",
                             "time-average of the fraction of existing masters' apiservers whose /readyz passes") {
                $0.apiServers.readyFraction.average(until: $0.end)
            },
            MetricDefinition(.noAPIServerReadySeconds, "s", "total time with no apiserver ready") {
                $0.tracker(.noAPIServerReady).total.seconds
            },
        ]
        // One apiserver a master, in host order (masters come first, so the host id is the apiserver's index).
        for host in topology.hosts where host.role == .master {
            result.append(MetricDefinition(.apiServerReadyFraction(host: host.name), "ratio",
                                           "fraction of the run the apiserver on \(host.name) was ready") {
                $0.apiServers.ready[host.id].average(until: $0.end)
            })
        }
        // Each apiserver's etcd client with external etcd (`EtcdClient`).
        if topology.externalEtcdPerZone != nil {
            for host in topology.hosts where host.role == .master {
                result.append(MetricDefinition(.apiServerEtcdDeadMemberRequests(host: host.name), "count",
                                               "requests the apiserver on \(host.name) sent to etcd on a connection to a silently dead member") {
                    Double($0.apiServers.etcdClients[host.id].silentRequests)
                })
            }
        }
        return result
    }
}
