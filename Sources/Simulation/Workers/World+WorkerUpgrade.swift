import SimKernel

/// `upgradeWorkers` (`WorkerUpgrade`): a node pool's surge upgrade, one node
/// at a time. With maxSurge 1: ask for the new node's VM (its boot takes
/// `topology.scaling.vmStart`), wait until the node is Ready and
/// schedulable, drain the old node honouring PodDisruptionBudgets
/// (World+Drains), then delete it (its VM and its Node object; pods a
/// drain that timed out left on it go with it, and their controllers
/// replace them). With maxUnavailable 1 the old node goes first and its
/// replacement is created after. GKE's `NodePool.UpgradeSettings`.
extension World {
    mutating func workerUpgradeStep(_ index: Int, _ upgrade: WorkerUpgrade, _ step: MasterOperationStep) {
        guard step == .begin else { return }
        workers.upgrades.begin(operation: index)
        record(
            entity: "node-pool", kind: .workerUpgradeStarted,
            detail: "\(upgrade.old.count) nodes, maxSurge \(upgrade.maxSurge), maxUnavailable \(upgrade.maxUnavailable)")
        upgradeNextNode(index, upgrade)
    }

    func workerSlot(host: Int) -> Int { workers.nodes.firstIndex { $0.host == host }! }

    mutating func upgradeNextNode(_ index: Int, _ upgrade: WorkerUpgrade) {
        guard workers.upgrades.position < upgrade.old.count else {
            record(entity: "node-pool", kind: .workersUpgraded, detail: "\(workers.upgrades.nodesReplaced) nodes replaced")
            workers.upgrades.end()
            return finishOperation(index)
        }
        if upgrade.maxSurge > 0 { askForNewNode(index, upgrade) } else { drainOldNode(index, upgrade) }
    }

    /// The new node's VM is asked for; a poll follows its readiness.
    mutating func askForNewNode(_ index: Int, _ upgrade: WorkerUpgrade) {
        let position = workers.upgrades.position
        let slot = workerSlot(host: upgrade.new[position])
        workers.nodes[slot: slot].setRequested(at: now)
        record(entity: hosts[upgrade.new[position]].name, kind: .upgradeNodeRequested, detail: "replacing \(hosts[upgrade.old[position]].name)")
        queue.schedule(.workers(.nodeProvisioned(slot: slot)), after: scenario.topology.scaling.vmStart.sample(&random[operations.streams[index]]))
        workers.upgrades.enter(.waitingForNewNode(since: now))
        queue.schedule(.workers(.upgradePass(generation: workers.upgrades.generation)), after: upgrade.poll)
    }

    /// The upgrade's poll of the new node: once it is Ready and schedulable,
    /// the old one is drained (surge), or the node counts as replaced. A
    /// node not Ready within the upgrade's `timeout` (its VM never booted:
    /// its zone is down) stops the upgrade there, reported.
    mutating func upgradePass(_ generation: Int) {
        guard generation == workers.upgrades.generation, case .waitingForNewNode(let since) = workers.upgrades.phase,
            let index = workers.upgrades.operation, case .upgradeWorkers(let upgrade) = scenario.operations[index].kind
        else { return }
        let host = upgrade.new[workers.upgrades.position]
        let slot = workerSlot(host: host)
        guard workers.scheduling.schedulable[slot] else {
            guard now - since < upgrade.drain.timeout else {
                record(
                    entity: hosts[host].name, kind: .operationFailed,
                    detail: "upgradeWorkers: the new node was not Ready within \(upgrade.drain.timeout); the upgrade stops here")
                workers.upgrades.end()
                return finishOperation(index)
            }
            queue.schedule(.workers(.upgradePass(generation: generation)), after: upgrade.poll)
            return
        }
        if upgrade.maxSurge > 0 { return drainOldNode(index, upgrade) }
        workers.upgrades.nodeReplaced()
        upgradeNextNode(index, upgrade)
    }

    mutating func drainOldNode(_ index: Int, _ upgrade: WorkerUpgrade) {
        var drain = upgrade.drain
        drain.host = upgrade.old[workers.upgrades.position]
        workers.upgrades.enter(.draining)
        beginDrain(index, slot: workerSlot(host: drain.host), drain, forUpgrade: true)
    }

    /// The old node's drain is over (done, or timed out): the node is
    /// deleted, VM and Node object, with whatever pods are left on it (the
    /// pod garbage collector deletes the pods of a Node that is gone, and
    /// their controllers replace them).
    mutating func workerUpgradeDrainEnded(_ index: Int) {
        guard case .upgradeWorkers(let upgrade) = scenario.operations[index].kind else { return }
        let host = upgrade.old[workers.upgrades.position]
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
        record(entity: hosts[host].name, kind: .workerNodeRemoved, detail: "VM and Node deleted, \(left) pods with it")
        recountNodes()
        createMissingPods()
        if upgrade.maxSurge > 0 {
            workers.upgrades.nodeReplaced()
            return upgradeNextNode(index, upgrade)
        }
        askForNewNode(index, upgrade)
    }
}
