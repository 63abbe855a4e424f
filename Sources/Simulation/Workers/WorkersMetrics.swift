extension World {
    static func workerMetrics(_ topology: Topology, workloads: [Workload], operations: [MasterOperation] = []) -> [MetricDefinition] {
        guard topology.nodeSlots > 0 else { return [] }
        var result = [
            MetricDefinition(.nodesNotReadyPeak, "count", "the most nodes at once whose Ready condition was not True") {
                Double($0.workers.recorders.notReadyPeak)
            },
            MetricDefinition(.nodesNotReadySeconds, "node-s", "node-seconds with Ready not True, summed over the nodes") {
                $0.workers.recorders.notReadyNodeSeconds.average(until: $0.end) * $0.scenario.duration.seconds
            },
            MetricDefinition(.nodesTaintedPeak, "count", "the most nodes at once carrying a NoExecute taint of the node lifecycle controller") {
                Double($0.workers.recorders.taintedPeak)
            },
            MetricDefinition(
                .allZonesFullDisruptionSeconds, "s", "time every zone was in FullDisruption, so that the node lifecycle controller evicted nothing"
            ) {
                $0.tracker(.evictionsStopped).total.seconds
            },
            MetricDefinition(.nodeLeaseRenewals, "count", "node lease renewals that reached etcd: each a write through an apiserver") {
                $0.workers.nodes.leaseRenewals
            },
            MetricDefinition(
                .kubeletPinnedSeconds, "node-s",
                "kubelet-seconds with the kubelet's HTTP/2 connection pinned to a silent apiserver, summed over the nodes"
            ) { world in
                world.workers.nodes.reduce(0) { $0 + $1.connection.pinnedTotal(at: world.end).seconds }
            },
            MetricDefinition(
                .kubeletCutOffSeconds, "node-s",
                "kubelet-seconds with a kubelet on a live worker whose requests reach no apiserver that writes (the kubelets condition), summed over the nodes"
            ) {
                $0.workers.recorders.kubeletsCutOff.average(until: $0.end) * $0.scenario.duration.seconds
            },
        ]
        if topology.workerNodes.controlPlaneNodes {
            result.append(
                MetricDefinition(
                    .controlPlaneNodesNotReadySeconds, "node-s",
                    "node-seconds with Ready not True, summed over the masters' nodes (their kubelets' leases renewed through topology.access.dials.controlPlaneKubelets)"
                ) {
                    $0.workers.recorders.controlPlaneNotReadyNodeSeconds.average(until: $0.end) * $0.scenario.duration.seconds
                })
        }
        if topology.workerNodes.maximumPerZone != nil {
            result.append(
                MetricDefinition(.autoscalerNodesAdded, "count", "nodes the cluster autoscaler added that registered") {
                    Double($0.workers.autoscaling.nodesAdded)
                })
            result.append(
                MetricDefinition(.autoscalerScaleUpsFailed, "count", "nodes given up after max-node-provision-time") {
                    Double($0.workers.autoscaling.scaleUpsFailed)
                })
        }
        guard !workloads.isEmpty else { return result }
        result += [
            MetricDefinition(.podsEvicted, "count", "pods deleted by taint-based eviction") {
                Double($0.workers.pods.reduce(0) { $0 + $1.evicted })
            },
            MetricDefinition(.podsPendingPeak, "count", "the most pods pending at once") { Double($0.workers.recorders.pendingPeak) },
            MetricDefinition(.podsPendingLongestSeconds, "s", "the longest a pod waited to be bound (pods still pending count to the end)") { world in
                world.workers.pods.map { max($0.longestPending, $0.oldestPendingWait(at: world.end)) }.max()?.seconds ?? 0
            },
            MetricDefinition(.workloadAvailability, "ratio", "time-average over all workloads of ready / desired replicas") {
                $0.workers.recorders.workloadAvailability.average(until: $0.end)
            },
        ]
        for (w, workload) in workloads.enumerated() {
            result.append(
                MetricDefinition(.workloadAvailability(workload.name), "ratio", "time-average of ready / desired replicas of \(workload.name)") {
                    $0.workers.pods[w].availability.average(until: $0.end)
                })
            result.append(
                MetricDefinition(
                    .workloadServiceAvailability(workload.name), "ratio",
                    "time-average of the share of \(workload.name)'s Service endpoints whose pods serve: what its callers see"
                ) {
                    $0.workers.pods[w].serviceAvailability.average(until: $0.end)
                })
            if workload.minAvailable != nil {
                result.append(
                    MetricDefinition(.workloadBelowMinAvailableSeconds(workload.name), "s", "time \(workload.name) had fewer ready pods than minAvailable") {
                        $0.workers.pods[w].belowMinAvailable.total.seconds
                    })
            }
            if workload.pdb != nil {
                result.append(
                    MetricDefinition(
                        .workloadEvictionsRefused(workload.name), "count", "evictions of \(workload.name)'s pods its PodDisruptionBudget refused (429)"
                    ) {
                        Double($0.workers.pods[w].budget?.refusals ?? 0)
                    })
            }
        }
        return result + drainMetrics(operations)
    }

    static func drainMetrics(_ operations: [MasterOperation]) -> [MetricDefinition] {
        let drains = operations.contains {
            switch $0.kind {
            case .drain, .upgradeWorkers: return true
            default: return false
            }
        }
        guard drains else { return [] }
        return [
            MetricDefinition(.drainsStarted, "count", "drainNode operations begun") { Double($0.workers.drains.started) },
            MetricDefinition(.drainsCompleted, "count", "drains that completed: every pod on the node evicted and gone") {
                Double($0.workers.drains.completed)
            },
            MetricDefinition(.drainsIncomplete, "count", "drains that did not complete: their timeout ended them, or the run did") {
                Double($0.workers.drains.incomplete)
            },
            MetricDefinition(.drainsPodsEvicted, "count", "pods the drains evicted through the eviction API") { Double($0.workers.drains.evictions) },
            MetricDefinition(.drainsEvictionsRefused, "count", "eviction requests a PodDisruptionBudget refused (429), each retried after 5 s") {
                Double($0.workers.drains.refusals)
            },
            MetricDefinition(.drainsLongestSeconds, "s", "the longest completed drain, from its start to its last evicted pod gone") {
                $0.workers.drains.longest.seconds
            },
        ]
    }
}
