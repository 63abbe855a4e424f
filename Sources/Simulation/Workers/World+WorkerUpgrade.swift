import SimKernel

/// `upgradeWorkers` (`WorkerUpgrade`): a node pool's surge upgrade, `batch`
/// nodes at a time. With maxSurge n: ask for the batch's n new nodes' VMs
/// (each boot takes `topology.scaling.vmStart`), wait until every one is
/// Ready and schedulable, drain the n old nodes together honouring
/// PodDisruptionBudgets (World+Drains), then delete them (their VMs and
/// Node objects; pods a drain that timed out left on them go with them, and
/// their controllers replace them). With maxUnavailable n the old nodes go
/// first and their replacements are created after. GKE's
/// `NodePool.UpgradeSettings`; the batch drained as one is the model's: a
/// provider goes on with each node as its own drain ends.
extension World {
    mutating func workerUpgradeStep(_ index: Int, _ upgrade: WorkerUpgrade, _ step: MasterOperationStep) {
        guard step == .begin else { return }
        workers.upgrades.begin(operation: index)
        record(
            entity: "node-pool", kind: .workerUpgradeStarted,
            detail: "\(upgrade.old.count) nodes, maxSurge \(upgrade.maxSurge), maxUnavailable \(upgrade.maxUnavailable)")
        upgradeNextNode(index, upgrade)
    }

    /// By index: a pool upgrade's poll asks this for each node of its batch,
    /// and iterating the slots would copy each node, kubelet and all.
    func workerSlot(host: Int) -> Int { workers.nodes.indices.first { workers.nodes[$0].host == host }! }

    /// The positions in `old` and `new` of the batch under way.
    func upgradeBatch(_ upgrade: WorkerUpgrade) -> Range<Int> {
        let start = workers.upgrades.position
        return start..<min(start + upgrade.batch, upgrade.old.count)
    }

    mutating func upgradeNextNode(_ index: Int, _ upgrade: WorkerUpgrade) {
        guard workers.upgrades.position < upgrade.old.count else {
            record(entity: "node-pool", kind: .workersUpgraded, detail: "\(workers.upgrades.position) nodes replaced")
            workers.upgrades.end()
            return finishOperation(index)
        }
        if upgrade.maxSurge > 0 { askForNewNodes(index, upgrade) } else { drainOldNodes(index, upgrade) }
    }

    /// The batch's new nodes' VMs are asked for; a poll follows their readiness.
    mutating func askForNewNodes(_ index: Int, _ upgrade: WorkerUpgrade) {
        for position in upgradeBatch(upgrade) {
            let slot = workerSlot(host: upgrade.new[position])
            workers.nodes[slot: slot].setRequested(at: now)
            record(entity: hosts[upgrade.new[position]].name, kind: .upgradeNodeRequested, detail: "replacing \(hosts[upgrade.old[position]].name)")
            queue.schedule(.workers(.nodeProvisioned(slot: slot)), after: scenario.topology.scaling.vmStart.sample(&random[operations.streams[index]]))
        }
        workers.upgrades.enter(.waitingForNewNode(since: now))
        queue.schedule(.workers(.upgradePass(generation: workers.upgrades.generation)), after: upgrade.poll)
    }

    /// The upgrade's poll of the batch's new nodes: once every one is Ready
    /// and schedulable, the old ones are drained (surge), or the batch
    /// counts as replaced. A batch not Ready within the upgrade's `timeout`
    /// (a VM never booted: its zone is down) stops the upgrade there, reported.
    mutating func upgradePass(_ generation: Int) {
        guard generation == workers.upgrades.generation, case .waitingForNewNode(let since) = workers.upgrades.phase,
            let index = workers.upgrades.operation, case .upgradeWorkers(let upgrade) = scenario.operations[index].kind
        else { return }
        let batch = upgradeBatch(upgrade)
        if let waiting = batch.first(where: { !workers.scheduling.schedulable[workerSlot(host: upgrade.new[$0])] }) {
            guard now - since < upgrade.drain.timeout else {
                record(
                    entity: hosts[upgrade.new[waiting]].name, kind: .operationFailed,
                    detail: "upgradeWorkers: the new node was not Ready within \(upgrade.drain.timeout); the upgrade stops here")
                workers.upgrades.end()
                return finishOperation(index)
            }
            queue.schedule(.workers(.upgradePass(generation: generation)), after: upgrade.poll)
            return
        }
        if upgrade.maxSurge > 0 { return drainOldNodes(index, upgrade) }
        workers.upgrades.nodesReplaced(batch.count)
        upgradeNextNode(index, upgrade)
    }

    mutating func drainOldNodes(_ index: Int, _ upgrade: WorkerUpgrade) {
        var drain = upgrade.drain
        let batch = upgradeBatch(upgrade)
        drain.host = upgrade.old[batch.lowerBound]
        workers.upgrades.enter(.draining)
        beginDrain(index, slots: batch.map { workerSlot(host: upgrade.old[$0]) }, drain, forUpgrade: true)
    }

    /// The old nodes' drain is over (done, or timed out): the nodes are
    /// deleted, VMs and Node objects, with whatever pods are left on them
    /// (the pod garbage collector deletes the pods of a Node that is gone,
    /// and their controllers replace them).
    mutating func workerUpgradeDrainEnded(_ index: Int) {
        guard case .upgradeWorkers(let upgrade) = scenario.operations[index].kind else { return }
        let batch = upgradeBatch(upgrade)
        for position in batch {
            let host = upgrade.old[position]
            let slot = workerSlot(host: host)
            var left = 0
            for w in workers.pods.indices where workers.pods[w].bound[slot] > 0 {
                let count = workers.pods[w].bound[slot]
                unbindPods(w, slot: slot, count: count)
                workers.pods[workload: w].deleted(count, slot: slot, terminating: false)
                left += count
            }
            confirmTerminations(slot)
            if let id = workers.nodes[slot].node { workers.store.delete(id) }
            fleet.setProvisioned(host, false)
            refreshHost(host)
            workers.nodes[slot: slot].deleted()
            record(entity: hosts[host].name, kind: .workerNodeRemoved, detail: "VM and Node deleted, \(left) pods with it")
        }
        recountNodes()
        createMissingPods()
        if upgrade.maxSurge > 0 {
            workers.upgrades.nodesReplaced(batch.count)
            return upgradeNextNode(index, upgrade)
        }
        askForNewNodes(index, upgrade)
    }
}
