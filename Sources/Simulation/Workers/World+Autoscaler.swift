import NodeLifecycle
import SimKernel

/// cluster-autoscaler (kubernetes/autoscaler cluster-autoscaler), one node
/// group per zone, scaling up only: every scan interval its leader gives up
/// on nodes that did not register in time, halts while too many nodes are
/// unready, and otherwise adds nodes for pods the scheduler could not place.
extension World {
    mutating func autoscalerScan(_ generation: Int) {
        guard generation == workers.autoscaling.generation, workers.autoscaling.owner != nil else { return }
        queue.schedule(.workers(.autoscalerScan(generation: generation)), after: workerSettings.autoscaler.scanInterval)
        guard leaderWorks(workers.autoscaling.owner) else { return }
        giveUpLateNodes()
        guard clusterHealthyForScaleUp() else { return }
        scaleUp()
    }

    /// `--max-node-provision-time`: a node that has not registered is
    /// deleted and its group backed off (`--initial-node-group-backoff-duration`).
    mutating func giveUpLateNodes() {
        let settings = workerSettings.autoscaler
        for slot in workers.nodes.indices {
            guard let asked = workers.nodes[slot].requestedAt, workers.nodes[slot].node == nil,
                now - asked >= settings.maxNodeProvisionTime
            else { continue }
            workers.nodes[slot: slot].setRequested(at: nil)
            let host = workers.nodes[slot].host
            if fleet.provisioned[host] {
                fleet.setProvisioned(host, false)
                refreshHost(host)
            }
            let zone = workers.nodes[slot].zone
            workers.autoscaling.gaveUp(zone: zone, until: now + settings.failedScaleUpBackoff)
            record(
                entity: "cluster-autoscaler", kind: .scaleUpTimedOut,
                detail: "\(hosts[host].name) did not register within \(settings.maxNodeProvisionTime); zone \(scenario.topology.zones[zone]) backed off")
        }
    }

    /// clusterstate `IsClusterHealthy` / `IsNodeGroupHealthy`: unhealthy when
    /// the unready nodes exceed both `ok-total-unready-count` and
    /// `max-total-unready-percentage` of the nodes.
    func unhealthy(unready: Int, total: Int) -> Bool {
        let settings = workerSettings.autoscaler
        return unready > settings.okTotalUnreadyCount && Double(unready) > settings.maxTotalUnreadyPercentage / 100 * Double(total)
    }

    /// Registered nodes and the unready among them, per zone.
    func registeredNodesPerZone() -> (total: [Int], unready: [Int]) {
        var total = Array(repeating: 0, count: scenario.topology.zones.count)
        var unready = total
        for node in workers.nodes {
            guard let id = node.node else { continue }
            total[node.zone] += 1
            if workers.store[id].ready?.status != .ready { unready[node.zone] += 1 }
        }
        return (total, unready)
    }

    mutating func clusterHealthyForScaleUp() -> Bool {
        let perZone = registeredNodesPerZone()
        let total = perZone.total.reduce(0, +), unready = perZone.unready.reduce(0, +)
        let healthy = !unhealthy(unready: unready, total: total)
        if workers.autoscaling.follow(healthy: healthy) {
            record(
                entity: "cluster-autoscaler", kind: healthy ? .autoscalerResumed : .autoscalerHalted,
                detail: "\(unready) of \(total) nodes unready")
        }
        return healthy
    }

    /// One scale-up a scan, as the real loop does: the pods the scheduler
    /// found no room for, less what the nodes already coming will hold, on
    /// one node group the `random` expander (the default) picks among the
    /// healthy groups with room that are not backed off.
    mutating func scaleUp() {
        var upcoming = Array(repeating: 0, count: scenario.topology.zones.count)
        for node in workers.nodes where node.requestedAt != nil && node.node == nil { upcoming[node.zone] += 1 }
        let perZone = registeredNodesPerZone()
        for w in workers.pods.indices where workers.pods[w].pendingCount > 0 && workers.pods[w].unschedulableAt != nil {
            let spec = workers.pods[w].spec
            let groups = scenario.topology.zones.indices.filter { zone in
                freeSlot(zone: zone) != nil && !workers.autoscaling.backedOff(zone, at: now)
                    && !unhealthy(unready: perZone.unready[zone], total: perZone.total[zone])
                    && spec.podsFitting(workerSettings.allocatable(zone: zone)) > 0
            }
            guard !groups.isEmpty else { continue }
            let coming = upcoming.indices.reduce(0) { $0 + upcoming[$1] * spec.podsFitting(workerSettings.allocatable(zone: $1)) }
            let needed = workers.pods[w].pendingCount - coming
            guard needed > 0 else { continue }
            let zone = groups[Int(random[workers.streams.autoscaler].nextInt(below: UInt64(groups.count)))]
            let perNode = spec.podsFitting(workerSettings.allocatable(zone: zone))
            var count = 0
            while count < (needed + perNode - 1) / perNode, let slot = freeSlot(zone: zone) {
                workers.nodes[slot: slot].setRequested(at: now)
                let delay = workerSettings.autoscaler.provisioning.sample(&random[workers.streams.autoscaler])
                queue.schedule(.workers(.nodeProvisioned(slot: slot)), after: delay)
                count += 1
            }
            record(
                entity: "cluster-autoscaler", kind: .scaleUp,
                detail: "\(count) nodes in zone \(scenario.topology.zones[zone]) for \(needed) pending pods of \(spec.name)")
            return
        }
    }

    /// A host slot of the zone's node group that is neither a node nor asked for.
    func freeSlot(zone: Int) -> Int? {
        workers.nodes.indices.first { slot in
            workers.nodes[slot].zone == zone && !workers.nodes[slot].controlPlane && !fleet.provisioned[workers.nodes[slot].host]
                && workers.nodes[slot].requestedAt == nil
        }
    }

    /// The VM is up: its kubelet registers the node. In a zone that is down
    /// the VM does not come up, and the autoscaler gives up on it in time.
    mutating func nodeProvisioned(_ slot: Int) {
        guard workers.nodes[slot].requestedAt != nil else { return }
        let host = workers.nodes[slot].host
        guard !fleet.zoneDown(workers.nodes[slot].zone) else { return }
        fleet.setProvisioned(host, true)
        refreshHost(host)
    }
}
