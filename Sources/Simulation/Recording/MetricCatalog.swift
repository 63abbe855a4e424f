/// The metrics a run records, with their units and meanings. Names are dotted
/// and stable: sweeps and stored databases compare them across versions.
public enum MetricCatalog {
    public struct Entry: Hashable, Sendable {
        public var name: String
        public var unit: String
        public var meaning: String
    }

    /// Every metric a run of this topology records, in the order it is stored.
    public static func entries(for topology: Topology) -> [Entry] {
        var result = [
            Entry(name: "hosts.masters.up.fraction", unit: "ratio",
                  meaning: "time-average of the fraction of master hosts up"),
            Entry(name: "hosts.masters.noneUp.seconds", unit: "s",
                  meaning: "total time with no master host up"),
            Entry(name: "hosts.masters.noneUp.longest.seconds", unit: "s",
                  meaning: "the longest interval with no master host up"),
            Entry(name: "hosts.masters.majorityDown.seconds", unit: "s",
                  meaning: "total time with fewer than a majority of master hosts up"),
        ]
        if topology.workerCount > 0 {
            result.append(Entry(name: "hosts.workers.up.fraction", unit: "ratio",
                                meaning: "time-average of the fraction of worker hosts up"))
        }
        for zone in topology.zones {
            result.append(Entry(name: "zone.\(zone).availability", unit: "ratio",
                                meaning: "fraction of the run zone \(zone) was not in an outage"))
        }
        result.append(Entry(name: "faults.injected", unit: "count",
                            meaning: "faults that started within the run"))
        result += [
            Entry(name: "etcd.quorum.availability", unit: "ratio",
                  meaning: "fraction of the run with a leader that can reach a quorum of members"),
            Entry(name: "etcd.leaderless.seconds", unit: "s",
                  meaning: "total time with no leader that can reach a quorum"),
            Entry(name: "etcd.leaderless.longest.seconds", unit: "s",
                  meaning: "the longest interval with no leader that can reach a quorum"),
            Entry(name: "etcd.elections", unit: "count",
                  meaning: "times a member became leader during the run (the bootstrap election not counted)"),
            Entry(name: "etcd.term.max", unit: "count", meaning: "the highest Raft term any member reached"),
            Entry(name: "etcd.write.probes", unit: "count", meaning: "probe writes sent"),
            Entry(name: "etcd.write.availability", unit: "ratio",
                  meaning: "probe writes applied by the member they were sent to, over writes judged"),
            Entry(name: "etcd.write.latency.p50.seconds", unit: "s", meaning: "median latency of successful probe writes"),
            Entry(name: "etcd.write.latency.p99.seconds", unit: "s", meaning: "99th percentile latency of successful probe writes"),
            Entry(name: "access.loadBalancer.propagating.seconds", unit: "s",
                  meaning: "time a load balancer creation or removal was propagating"),
            Entry(name: "api.externalIP.unreachable.seconds", unit: "s",
                  meaning: "time the external IP reached no apiserver that serves (the path of GCE kubelets)"),
            Entry(name: "api.external.availability", unit: "ratio",
                  meaning: "requests of the outside client (through the external IP or DNS) that an apiserver served"),
            Entry(name: "api.external.longestOutage.seconds", unit: "s",
                  meaning: "longest time from a failed outside request to the next served one"),
            Entry(name: "api.external.availability.whilePropagating", unit: "ratio",
                  meaning: "outside requests served while a load balancer creation or removal propagated (undefined if none)"),
            Entry(name: "api.external.deadBackendRequests", unit: "count",
                  meaning: "outside requests that met a dead or unreachable apiserver: a refused or silent dial, or a connection pinned to one"),
            Entry(name: "api.external.pinned.seconds", unit: "s",
                  meaning: "time the outside client's connection stayed pinned to a silent (dead or cut-off) apiserver host"),
            Entry(name: "api.external.reconnects", unit: "count",
                  meaning: "connections the outside client opened after one broke"),
            Entry(name: "api.incluster.pinned.seconds", unit: "s",
                  meaning: "time the in-cluster client's connection stayed pinned to a silent apiserver host"),
            Entry(name: "api.incluster.reconnects", unit: "count",
                  meaning: "connections the in-cluster client opened after one broke"),
            Entry(name: "api.incluster.availability", unit: "ratio",
                  meaning: "requests of the in-cluster client (through the kubernetes service) that an apiserver served"),
            Entry(name: "api.incluster.longestOutage.seconds", unit: "s",
                  meaning: "longest time from a failed in-cluster request to the next served one"),
            Entry(name: "api.external.latency.p50.seconds", unit: "s",
                  meaning: "median time from an outside request to its write being applied, served requests only"),
            Entry(name: "api.external.latency.p99.seconds", unit: "s", meaning: "99th percentile of the same"),
            Entry(name: "api.incluster.latency.p50.seconds", unit: "s",
                  meaning: "median time from an in-cluster request to its write being applied, served requests only"),
            Entry(name: "api.incluster.latency.p99.seconds", unit: "s", meaning: "99th percentile of the same"),
            Entry(name: "kubernetesService.endpoints.writes", unit: "count",
                  meaning: "times an apiserver's reconcile changed the kubernetes service's endpoints"),
        ]
        result.append(Entry(name: "apiserver.ready.fraction", unit: "ratio",
                            meaning: "time-average of the fraction of existing masters' apiservers whose /readyz passes"))
        result.append(Entry(name: "apiserver.noneReady.seconds", unit: "s", meaning: "total time with no apiserver ready"))
        for host in topology.hosts where host.role == .master {
            result.append(Entry(name: "apiserver.\(host.name).ready.fraction", unit: "ratio",
                                meaning: "fraction of the run the apiserver on \(host.name) was ready"))
        }
        for lease in LeaseName.allCases {
            let name = lease.rawValue
            result += [
                Entry(name: "lease.\(name).overlap.seconds", unit: "s",
                      meaning: "total time more than one \(name) instance believed it led (split brain)"),
                Entry(name: "lease.\(name).holderless.seconds", unit: "s",
                      meaning: "total time no \(name) instance believed it led"),
                Entry(name: "lease.\(name).holderless.longest.seconds", unit: "s",
                      meaning: "the longest interval with no \(name) instance leading"),
                Entry(name: "lease.\(name).transitions", unit: "count",
                      meaning: "leaderTransitions of the \(name) lease record during the run"),
                Entry(name: "lease.\(name).useless.seconds", unit: "s",
                      meaning: "total time some \(name) instance led but none that led did its work (gray failure or frozen)"),
            ]
        }
        result += [
            Entry(name: "addons.sync.staleness.max.seconds", unit: "s",
                  meaning: topology.addonManagerLeaderElection
                      ? "the longest time the cluster went without a successful add-on sync (leader-elected add-on managers)"
                      : "the longest time a running add-on manager went without a successful sync"),
            Entry(name: "addons.sync.availability", unit: "ratio",
                  meaning: "add-on manager syncs that succeeded, over syncs tried"),
        ]
        return result
    }
}
