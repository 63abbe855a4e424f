extension World {
    static func workerMetrics(_ topology: Topology, workloads: [Workload]) -> [MetricDefinition] {
        guard topology.workerSlots > 0 else { return [] }
        var result = [
            MetricDefinition("nodes.notReady.peak", "count", "the most nodes at once whose Ready condition was not True") {
                Double($0.workers.notReadyPeak)
            },
            MetricDefinition("nodes.notReady.seconds", "node-s", "node-seconds with Ready not True, summed over the nodes") {
                $0.workers.notReadyNodeSeconds.average(until: $0.end) * $0.scenario.duration.seconds
            },
            MetricDefinition("nodes.tainted.peak", "count", "the most nodes at once carrying a NoExecute taint of the node lifecycle controller") {
                Double($0.workers.taintedPeak)
            },
            MetricDefinition("nodes.allZonesFullDisruption.seconds", "s", "time every zone was in FullDisruption, so that the node lifecycle controller evicted nothing") {
                $0.tracker(.evictionsStopped).total.seconds
            },
            MetricDefinition("nodes.leaseRenewals", "count", "node lease renewals that reached etcd: each a write through an apiserver") {
                Double($0.workers.nodes.reduce(0) { $0 + ($1.kubelet?.renewals ?? 0) } + $0.workers.renewalsOfEndedKubelets)
                    + $0.workers.renewalsInSkippedTime.rounded()
            },
        ]
        if topology.workerNodes.maximumPerZone != nil {
            result.append(MetricDefinition("autoscaler.nodesAdded", "count", "nodes the cluster autoscaler added that registered") {
                Double($0.workers.nodesAdded)
            })
            result.append(MetricDefinition("autoscaler.scaleUpsFailed", "count", "nodes given up after max-node-provision-time") {
                Double($0.workers.scaleUpsFailed)
            })
        }
        guard !workloads.isEmpty else { return result }
        result += [
            MetricDefinition("pods.evicted", "count", "pods deleted by taint-based eviction") {
                Double($0.workers.pods.reduce(0) { $0 + $1.evicted })
            },
            MetricDefinition("pods.pending.peak", "count", "the most pods pending at once") { Double($0.workers.pendingPeak) },
            MetricDefinition("pods.pending.longest.seconds", "s", "the longest a pod waited to be bound (pods still pending count to the end)") { world in
                world.workers.pods.map { max($0.longestPending, $0.oldestPendingWait(at: world.end)) }.max()?.seconds ?? 0
            },
            MetricDefinition("workload.availability", "ratio", "time-average over all workloads of ready / desired replicas") {
                $0.workers.workloadAvailability.average(until: $0.end)
            },
        ]
        for (w, workload) in workloads.enumerated() {
            result.append(MetricDefinition("workload.\(workload.name).availability", "ratio", "time-average of ready / desired replicas of \(workload.name)") {
                $0.workers.pods[w].availability.average(until: $0.end)
            })
            if workload.minAvailable != nil {
                result.append(MetricDefinition("workload.\(workload.name).belowMinAvailable.seconds", "s", "time \(workload.name) had fewer ready pods than minAvailable") {
                    $0.workers.pods[w].belowMinAvailable.total.seconds
                })
            }
        }
        return result
    }
}
