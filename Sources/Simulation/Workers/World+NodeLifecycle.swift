import NodeLifecycle
import SimKernel

/// The node lifecycle and taint eviction controllers, run by the
/// kube-controller-manager that leads its lease (the `NodeLifecycle` module
/// holds the algorithms; docs/NODE-LIFECYCLE.md).
extension World {
    /// A new leader (or none): fresh controller instances over the same Node
    /// objects. The taint eviction controller learns the taints and the pods
    /// from its informers, so every countdown starts again at its start.
    mutating func startNodeLifecycleController(_ owner: Workers.LeaseOwner?) {
        let now = self.now
        workers.lifecycle.begin(owner, settings: workerSettings.nodeLifecycle, at: now)
        workers.pods.forgetGroups(slots: workers.nodes.count)
        guard let owner else {
            for entity in workers.recorders.zoneEntity { recording.set(entity, nil, at: now) }
            return
        }
        // The first instance, at time zero, is the established cluster's.
        if now > .start {
            record(
                entity: "lease/kube-controller-manager", kind: .nodeLifecycleControllerStarted,
                detail: "on \(hosts[leases.candidates[owner.candidate].host].name)")
        }
        for id in workers.store.liveNodeIDs where !workers.store[id].taints.isEmpty {
            workers.lifecycle.nodeUpdated(id, taints: workers.store[id].taints.map(\.key), at: now)
        }
        for w in workers.pods.indices {
            for slot in workers.nodes.indices where workers.pods[w].bound[slot] > 0 { registerPodGroup(w, slot: slot) }
        }
        rescheduleEvictions()
        queue.schedule(.workers(.monitorPass(generation: workers.lifecycle.generation)), at: now)
    }

    /// The taint eviction controller's view of this workload's pods on the slot.
    mutating func registerPodGroup(_ w: Int, slot: Int) {
        guard workers.lifecycle.evictor != nil, workers.pods[w].group[slot] == nil, let node = workers.nodes[slot].node else { return }
        let id = workers.lifecycle.addPodGroup(workload: w, slot: slot, on: node, tolerations: workers.pods[w].tolerations, at: now)
        workers.pods[workload: w].groupRegistered(id, slot: slot)
    }

    /// monitorNodeHealth, every `nodeMonitorPeriod` while the instance lives;
    /// a pass is skipped while the leader cannot work (its apiserver does
    /// not serve, it is frozen or gray).
    ///
    /// The pass's requests go through the client's token bucket: it lasts
    /// until its last request is granted, and the next pass starts the
    /// monitor period after that (node_lifecycle_controller.go `Run`:
    /// `wait.UntilWithContext(ctx, monitorNodeHealth, nodeMonitorPeriod)`,
    /// whose period is sliding: it starts when the function returns). The
    /// pass decides at its start, as the model's passes always have; only
    /// its length and the next pass move.
    mutating func monitorPass(_ generation: Int) {
        guard generation == workers.lifecycle.generation, workers.lifecycle.controller != nil else { return }
        // An event left behind by a pass that the budget made longer.
        guard now == workers.lifecycle.nextMonitorPassAt else { return }
        let period = workerSettings.nodeLifecycle.nodeMonitorPeriod
        scheduleMonitorPass(at: now + period)
        guard controllerWorks else { return }
        syncNodeLeases()
        let now = self.now
        let changes = workers.lifecycle.monitor(at: now, nodes: &workers.store)
        let calls = monitorCalls(changes)
        let end = workers.lifecycle.spendMonitorPass(calls.total, at: now)
        if end > now {
            scheduleMonitorPass(at: end + period)
            let queued = workers.lifecycle.controller!.queuedNodeCount
            record(
                entity: "node-lifecycle", kind: .nodeControllerThrottled,
                detail: "monitor pass of \(calls.total) calls (\(calls.nodeStatus) node status, \(calls.podStatus) pod status, "
                    + "\(calls.taints) taint) at \(workers.lifecycle.apiBudget.qps) QPS, burst \(workers.lifecycle.apiBudget.burst): lasts \((end - now).seconds) s, "
                    + "next pass \((end + period - now).seconds) s after its start; \(queued) nodes queued for tainting")
        }
        apply(changes)
        if workers.lifecycle.claimTaintPass() {
            queue.schedule(.workers(.taintPass(generation: generation)), after: workerSettings.nodeLifecycle.noExecuteTaintingPeriod)
        }
    }

    /// doNoExecuteTaintingPass, every 100 ms while a zone queue holds a node
    /// (an idle pass changes nothing, and the token buckets refill by time).
    mutating func taintPass(_ generation: Int) {
        guard generation == workers.lifecycle.generation, workers.lifecycle.controller != nil else { return }
        if controllerWorks {
            let now = self.now
            let changes = workers.lifecycle.processTaintQueues(at: now, nodes: &workers.store)
            // The zone queues hand out 0.1 nodes/s: the bucket has refilled
            // by each taint, or a pass under way makes way for it.
            _ = spendNodeControllerCalls(monitorCalls(changes).total)
            apply(changes)
        }
        if workers.lifecycle.taintPassEnded() {
            queue.schedule(.workers(.taintPass(generation: generation)), after: workerSettings.nodeLifecycle.noExecuteTaintingPeriod)
        }
    }

    /// The next monitor pass starts at `time` (the latest call wins: an
    /// earlier event finds `nextMonitorPassAt` moved and does nothing).
    mutating func scheduleMonitorPass(at time: SimInstant) {
        workers.lifecycle.setNextMonitorPass(at: time)
        queue.schedule(.workers(.monitorPass(generation: workers.lifecycle.generation)), at: time)
    }

    /// The requests a pass's changes cost the node lifecycle controller's client.
    func monitorCalls(_ changes: [NodeLifecycleChange]) -> NodeControllerCalls {
        var calls = NodeControllerCalls()
        for change in changes {
            switch change {
            case .readyBecameUnknown:
                // tryUpdateNodeHealth: one `UpdateStatus` of the node.
                calls.nodeStatus += 1
            case .podsMarkedNotReady(let id):
                // controller_utils.go `MarkPodsNotReady`: one `UpdateStatus` for
                // each pod whose Ready condition turns False. The API still
                // shows the node's bound pods as the kubelet last posted them
                // (a dead host's containers are gone from the model, not from
                // the API): counted as all of them.
                let slot = workers.nodes.slot(of: id)
                calls.podStatus += workers.pods.reduce(0) { $0 + $1.bound[slot] }
            case .taintAdded, .taintRemoved:
                calls.taints += workerSettings.nodeLifecycle.taintUpdateCalls
            case .zoneStateChanged, .allZonesFullyDisruptedEntered, .allZonesFullyDisruptedExited:
                break
            }
        }
        return calls
    }

    /// Requests of the node lifecycle controller's other loops on its
    /// client (`NodeLifecycleState.spendCalls`); a monitor pass they pushed
    /// later is scheduled anew. Returns when the last one is granted.
    mutating func spendNodeControllerCalls(_ calls: Int) -> SimInstant {
        let spent = workers.lifecycle.spendCalls(calls, at: now)
        if let next = spent.nextPass { scheduleMonitorPass(at: next) }
        return spent.granted
    }

    /// Follows what a controller pass wrote: taints to the taint eviction
    /// controller, zone states to intervals, counts to the recorders.
    mutating func apply(_ changes: [NodeLifecycleChange]) {
        guard !changes.isEmpty else { return }
        let now = self.now
        var unknownPerZone = Array(repeating: 0, count: scenario.topology.zones.count)
        var taintsMoved = false
        var proxiesHear: Bool?
        for change in changes {
            switch change {
            case .readyBecameUnknown(let id, _):
                unknownPerZone[workers.store[id].zone.index] += 1
                needsStatusPostIfOpen(workers.nodes.slot(of: id))
            case .podsMarkedNotReady(let id):
                // The pods' Ready turns False in the API and the EndpointSlice
                // controller drops them; callers stop using them once their
                // node's kube-proxy hears of it through the same path as the
                // kubelets. While no worker reaches the API, every kube-proxy
                // keeps its last rules, and the kubelets post Ready again as
                // soon as they are back.
                if proxiesHear == nil { proxiesHear = workers.nodes.contains { $0.kubelet?.pathOpen == true } }
                if proxiesHear! { setPodsListed(workers.nodes.slot(of: id), false) }
            case .taintAdded(let id, _), .taintRemoved(let id, _):
                workers.lifecycle.nodeUpdated(id, taints: workers.store[id].taints.map(\.key), at: now)
                taintsMoved = true
            case .zoneStateChanged(let zone, let from, let to, let rate):
                recording.set(workers.recorders.zoneEntity[zone.index], to.rawValue, at: now)
                // A new instance's first verdict on a zone is no transition of the zone.
                guard from != .initial else { continue }
                record(
                    entity: "node-zone/\(scenario.topology.zones[zone.index])", kind: .zoneState,
                    detail: "\(from.rawValue) -> \(to.rawValue), eviction rate \(rate)/s")
            case .allZonesFullyDisruptedEntered:
                workers.lifecycle.setAllZonesFullyDisrupted(true)
                record(entity: "node-lifecycle", kind: .allZonesFullDisruption, detail: "every zone fully disrupted: tainting stopped, taints removed")
            case .allZonesFullyDisruptedExited:
                workers.lifecycle.setAllZonesFullyDisrupted(false)
                record(entity: "node-lifecycle", kind: .allZonesFullDisruptionEnded, detail: "a zone has a ready node: probe timestamps reset")
            }
        }
        for (zone, count) in unknownPerZone.enumerated() where count > 0 {
            record(entity: "node-zone/\(scenario.topology.zones[zone])", kind: .nodesNotReady, detail: "\(count) nodes Ready -> Unknown")
        }
        recountNodes()
        if taintsMoved { rescheduleEvictions() }
        kickScheduler()
    }

    /// A node the controller marked Unknown whose kubelet can still post
    /// (a kubelet that was cut off and is back) corrects it at its next sync.
    mutating func needsStatusPostIfOpen(_ slot: Int) {
        if workers.nodes[slot].kubelet?.pathOpen == true { needsStatusPost(slot) }
    }

    /// Counts not-ready and tainted nodes and which nodes can take pods;
    /// room appearing moves the capacity epoch.
    mutating func recountNodes() {
        var notReady = 0, controlPlaneNotReady = 0, tainted = 0
        var roomAppeared = false
        for slot in workers.nodes.indices {
            guard let id = workers.nodes[slot].node else { continue }
            let node = workers.store[id]
            if node.isDeleted { continue }
            let ready = node.ready?.status == .ready
            if !ready { notReady += 1 }
            if !ready && workers.nodes[slot].controlPlane { controlPlaneNotReady += 1 }
            if !node.taints.isEmpty { tainted += 1 }
            // A master's node keeps its control-plane NoSchedule taint.
            let schedulable = ready && node.taints.isEmpty && !workers.nodes[slot].unschedulable && !workers.nodes[slot].controlPlane
            if workers.scheduling.setSchedulable(slot, schedulable) { roomAppeared = true }
        }
        if roomAppeared { workers.scheduling.roomAppeared() }
        workers.recorders.countNodes(notReady: notReady, controlPlaneNotReady: controlPlaneNotReady, tainted: tainted, at: now)
    }

    // MARK: Taint-based eviction

    mutating func rescheduleEvictions() {
        guard let time = workers.lifecycle.claimEvictionCheck(at: now) else { return }
        queue.schedule(.workers(.evictionsDue(generation: workers.lifecycle.generation)), at: time)
    }

    /// Deletes the pods whose tolerations ran out. While the leader cannot
    /// reach its apiserver the deletions wait (the real worker retries).
    mutating func evictionsDue(_ generation: Int) {
        guard generation == workers.lifecycle.generation, workers.lifecycle.evictor != nil else { return }
        workers.lifecycle.evictionCheckArrived(at: now)
        guard controllerWorks else {
            workers.lifecycle.setEvictionCheck(at: now + .seconds(1))
            queue.schedule(.workers(.evictionsDue(generation: generation)), after: .seconds(1))
            return
        }
        // Each deletion waits for its client's tokens: the next deletions
        // wait until the bucket grants a call again.
        let free = workers.lifecycle.nextEvictionGrant(at: now)
        if free > now {
            workers.lifecycle.setEvictionCheck(at: free)
            queue.schedule(.workers(.evictionsDue(generation: generation)), at: free)
            return
        }
        var evicted = 0
        let now = self.now
        for (w, slot) in workers.lifecycle.takeDueEvictions(at: now) {
            workers.pods[workload: w].groupEvicted(slot: slot)
            evicted += evictPods(w, slot: slot)
        }
        if evicted > 0 {
            // taint_eviction.go `addConditionAndDeletePod`: get, patch status, delete.
            let calls = evicted * workerSettings.nodeLifecycle.podEvictionCalls
            if let next = workers.lifecycle.spendEvictionCalls(calls, at: now) { scheduleMonitorPass(at: next) }
            record(entity: "taint-eviction", kind: .podsEvicted, detail: "\(evicted) pods deleted")
            createMissingPods()
            workers.scheduling.roomAppeared()
            kickScheduler()
        }
        rescheduleEvictions()
    }

    /// The workload's pods on the slot are deleted. A Deployment's
    /// ReplicaSet replaces them at once; a StatefulSet's wait as Terminating
    /// until the node's kubelet confirms (`confirmTerminations`).
    mutating func evictPods(_ w: Int, slot: Int) -> Int {
        let count = workers.pods[w].bound[slot]
        guard count > 0 else { return 0 }
        unbindPods(w, slot: slot, count: count)
        // A kubelet that still reaches the apiserver stops the pods and
        // confirms at once; only an unreachable node leaves them Terminating.
        let waits = workers.pods[w].spec.kind == .statefulSet && workers.nodes[slot].kubelet?.pathOpen != true
        workers.pods[workload: w].evict(count, slot: slot, terminating: waits)
        return count
    }
}

/// The requests of one node lifecycle pass, by kind.
struct NodeControllerCalls {
    var nodeStatus = 0
    var podStatus = 0
    var taints = 0
    var total: Int { nodeStatus + podStatus + taints }
}
