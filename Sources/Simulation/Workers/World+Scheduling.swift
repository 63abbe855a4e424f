import NodeLifecycle
import SimKernel

/// Pods: the ReplicaSet and StatefulSet controllers creating them,
/// kube-scheduler binding them, their containers starting, and the
/// availability that follows.
extension World {
    /// The workload controllers (kube-controller-manager) create the pods
    /// that are missing; they do nothing while no leader works. An
    /// OrderedReady StatefulSet creates one, and the next only once all of
    /// its pods are Running and Ready (`podBecameReady`).
    mutating func createMissingPods() {
        guard controllerWorks else { return }
        for w in workers.pods.indices where workers.pods[w].missing > 0 { workers.pods[workload: w].createMissing(at: now) }
        workers.recorders.countPending(workers.pendingPods)
        kickScheduler()
    }

    /// A StatefulSet's pods on a node whose kubelet is back are confirmed
    /// gone; the controller then creates them anew.
    mutating func confirmTerminations(_ slot: Int) {
        var confirmed = false
        for w in workers.pods.indices where workers.pods[w].terminating[slot] > 0 {
            workers.pods[workload: w].confirmTerminations(slot: slot)
            confirmed = true
        }
        if confirmed { createMissingPods() }
    }

    /// Starts the scheduling loop if a pod could be bound.
    mutating func kickScheduler() {
        guard !workers.scheduling.busy, schedulerWorks, nextSchedulableWorkload() != nil else { return }
        workers.scheduling.markBusy()
        let spacing = SimDuration(seconds: 1 / workerSettings.scheduler.podsPerSecond)
        queue.schedule(.workers(.schedulePod(generation: workers.scheduling.generation)), after: spacing)
    }

    /// The workload whose oldest pending pod waited longest, among those not
    /// found unschedulable since room last appeared (the scheduling queue
    /// orders by arrival; unschedulable pods wait for a cluster event).
    func nextSchedulableWorkload() -> Int? {
        var best: (w: Int, since: SimInstant)?
        for w in workers.pods.indices where workers.pods[w].unschedulableAt != workers.scheduling.capacityEpoch {
            guard let since = workers.pods[w].oldestPendingSince else { continue }
            if best == nil || since < best!.since { best = (w, since) }
        }
        return best?.w
    }

    /// Binds one pending pod, at the scheduler's throughput.
    mutating func schedulePod(_ generation: Int) {
        guard workers.scheduling.bindingDue(generation) else { return }
        guard schedulerWorks else { return }
        while let w = nextSchedulableWorkload() {
            if let slot = chooseNode(for: w) {
                workers.pods[workload: w].takePending(at: now)
                bindPods(w, slot: slot, count: 1)
                break
            }
            workers.pods[workload: w].foundUnschedulable(epoch: workers.scheduling.capacityEpoch)
            record(
                entity: "kube-scheduler", kind: .podsUnschedulable,
                detail: "\(workers.pods[w].pendingCount) pods of \(workers.pods[w].spec.name) fit no ready node")
        }
        kickScheduler()
    }

    /// kube-scheduler's choice, reduced to what decides it here: filter the
    /// Ready, untainted nodes with room (NodeResourcesFit, TaintToleration,
    /// NodeUnschedulable), then the zone spread (PodTopologySpread: a hard
    /// constraint filters, and the system default soft spread over zones
    /// prefers the emptiest zone), then the least allocated node.
    func chooseNode(for w: Int) -> Int? {
        let pods = workers.pods[w]
        let spec = pods.spec
        let zones = scenario.topology.zones.count
        // The spread's domains: zones with a node the constraint counts.
        var domain = Array(repeating: false, count: zones)
        let honor = spec.spread?.nodeTaintsPolicy == .honor
        for slot in workers.nodes.indices where workers.nodes[slot].node != nil {
            if !honor || workers.scheduling.schedulable[slot] { domain[workers.nodes[slot].zone] = true }
        }
        let minimum = (0..<zones).filter { domain[$0] }.map { pods.boundPerZone[$0] }.min() ?? 0
        var best: (slot: Int, zoneCount: Int, fraction: Double)?
        for slot in workers.nodes.indices where workers.scheduling.schedulable[slot] && workers.nodes[slot].fits(spec) {
            let zone = workers.nodes[slot].zone
            let zoneCount = pods.boundPerZone[zone]
            if let spread = spec.spread, spread.whenUnsatisfiable == .doNotSchedule,
                zoneCount + 1 - minimum > spread.maxSkew
            {
                continue
            }
            let fraction = workers.nodes[slot].requestedFraction
            if let current = best, (current.zoneCount, current.fraction) <= (zoneCount, fraction) { continue }
            best = (slot, zoneCount, fraction)
        }
        return best?.slot
    }

    mutating func bindPods(_ w: Int, slot: Int, count: Int) {
        workers.nodes[slot: slot].allocate(workers.pods[w].spec, count: count)
        workers.pods[workload: w].bind(count, slot: slot, zone: workers.nodes[slot].zone)
        registerPodGroup(w, slot: slot)
        if workers.nodes[slot].kubelet != nil { startPods(w, slot: slot, count: count) }
    }

    /// `stopping` of the pods have started containers (by default as many
    /// as can: a deletion takes the started ones first).
    mutating func unbindPods(_ w: Int, slot: Int, count: Int, stopping: Int? = nil) {
        let spec = workers.pods[w].spec
        workers.nodes[slot: slot].allocate(spec, count: -count)
        // Deleted pods leave the API, and with it the endpoints.
        workers.pods[workload: w].unbind(count, slot: slot, stopping: stopping, node: workers.nodes[slot])
    }

    /// The kubelet starts the containers; they are ready after the workload's startup time.
    mutating func startPods(_ w: Int, slot: Int, count: Int) {
        let index = workers.pods.startBatch(
            WorkerPods.StartingBatch(workload: w, slot: slot, count: count, generation: workers.nodes[slot].generation))
        let startup = workers.pods[w].spec.startup.sample(&random[workers.streams.pods])
        queue.schedule(.workers(.podsStarted(batch: index)), after: startup)
    }

    mutating func podsStarted(_ index: Int) {
        let batch = workers.pods.finishBatch(index)
        // A batch of an earlier kubelet life died with its host.
        guard batch.generation == workers.nodes[batch.slot].generation else { return }
        let w = batch.workload, slot = batch.slot
        let count = min(batch.count, workers.pods[w].bound[slot] - workers.pods[w].started[slot])
        guard count > 0 else { return }
        workers.pods[workload: w].start(count, slot: slot)
        if workers.nodes[slot].kubelet?.pathOpen == true {
            workers.pods[workload: w].report(workers.pods[w].started[slot], slot: slot, node: workers.nodes[slot])
        }
        if workers.nodes[slot].serving {
            workers.pods[workload: w].changeReady(by: count, zone: workers.nodes[slot].zone)
            podsBecameReady(w)
        }
    }

    /// An OrderedReady StatefulSet waiting for its pods to be Running and
    /// Ready creates its next missing pod once they are (the controller's
    /// informer sees the pod's status change and syncs the set).
    mutating func podsBecameReady(_ w: Int) {
        if workers.pods[w].createsOneAtATime && workers.pods[w].missing > 0 { createMissingPods() }
    }

    /// Whether the API shows the slot's pods Ready, so that the Services'
    /// EndpointSlices list them (the EndpointSlice controller lists a pod
    /// whose Ready condition is True: pkg/controller/endpointslice
    /// `podToEndpoint`, `podutil.IsPodReady`).
    mutating func setPodsListed(_ slot: Int, _ listed: Bool) {
        guard workers.nodes[slot].podsListed != listed else { return }
        workers.nodes[slot: slot].setPodsListed(listed)
        for w in workers.pods.indices where workers.pods[w].reported[slot] > 0 {
            workers.pods[workload: w].follow(slot: slot, wasListed: !listed, wasServing: workers.nodes[slot].serving, node: workers.nodes[slot])
        }
    }

    /// The workload's ready pods per zone on the timeline, as a count
    /// (`pods/<workload>/<zone>`), when one moved: the run page charts them.
    mutating func recordReadyPerZone(_ w: Int) {
        guard workers.pods[w].recordedReady != workers.pods[w].readyPerZone else { return }
        for zone in workers.pods[w].readyPerZone.indices where workers.pods[w].readyPerZone[zone] != workers.pods[w].recordedReady[zone] {
            recording.set(workers.pods[w].readyEntity[zone], String(workers.pods[w].readyPerZone[zone]), at: now)
        }
        workers.pods[workload: w].readyRecorded()
    }

    /// Availability recorders, after anything that may have moved a count.
    mutating func recordWorkloads() {
        guard !workers.pods.isEmpty else { return }
        syncDisruptionBudgets()
        var sum = 0.0
        var below = false
        for w in workers.pods.indices {
            let spec = workers.pods[w].spec
            let ready = min(workers.pods[w].ready, spec.replicas)
            let fraction = spec.replicas == 0 ? 1 : Double(ready) / Double(spec.replicas)
            sum += fraction
            let isBelow = spec.minAvailable.map { ready < $0 } ?? false
            workers.pods[workload: w].recordAvailability(fraction, belowMinAvailable: isBelow, at: now)
            below = below || isBelow
            recordReadyPerZone(w)
        }
        workers.recorders.recordWorkloads(availability: sum / Double(workers.pods.count), below: below, at: now)
        workers.recorders.countPending(workers.pendingPods)
    }
}
