import NodeLifecycle
import SimKernel

/// The worker side of the cluster: bootstrap, event dispatch, and the
/// reaction to other subsystems' changes in `World.settle()`.
extension World {
    mutating func handle(_ event: WorkersEvent) {
        switch event {
        case .monitorPass(let generation): monitorPass(generation)
        case .taintPass(let generation): taintPass(generation)
        case .evictionsDue(let generation): evictionsDue(generation)
        case .schedulePod(let generation): schedulePod(generation)
        case .podsStarted(let batch): podsStarted(batch)
        case .autoscalerScan(let generation): autoscalerScan(generation)
        case .nodeProvisioned(let slot): nodeProvisioned(slot)
        case .statusPost(let slot, let generation): statusPost(slot, generation: generation)
        case .kubeletAttempt(let slot, let generation): kubeletAttempt(slot, generation: generation)
        case .kubeletConnection(let slot, let generation): kubeletConnectionDue(slot, generation: generation)
        case .drainPass(let generation): drainPass(generation)
        case .upgradePass(let generation): upgradePass(generation)
        }
        announce(.workers)
    }

    /// Yielded in place: read on every kubelet step, and a getter's copy of
    /// the settings would retain each of their arrays.
    var workerSettings: WorkerSettings {
        _read { yield scenario.topology.workerNodes }
    }

    /// An established cluster at time zero: every initial worker registered,
    /// Ready, its lease just renewed and its next renewal at a random phase
    /// within one interval; the workloads' pods placed and running.
    mutating func bootstrapWorkers() {
        let topology = scenario.topology
        guard topology.nodeSlots > 0 else { return }
        let settings = workerSettings
        workers.createStreams(&kernel.random)
        let stream = workers.streams.kubelets
        let interval = settings.kubelet.renewInterval.nanoseconds
        // The workers' slots first, so that their Node ids and draws are the
        // same with or without the masters' nodes after them.
        let nodeHosts = hosts.filter { $0.role == .worker } + (settings.controlPlaneNodes ? hosts.filter { $0.role == .master } : [])
        for host in nodeHosts {
            let controlPlane = host.role == .master
            let capacity = settings.allocatable(zone: host.zone)
            guard fleet.provisioned[host.id] else {
                workers.nodes.append(WorkerNode(host: host.id, zone: host.zone, capacity: capacity, controlPlane: controlPlane))
                continue
            }
            let id = workers.store.register(zone: ZoneID(host.zone), at: .start)
            workers.store.postReadyStatus(id, ready: true, at: .start)
            workers.store.renewLease(id, at: .start)
            let phase = random[stream].nextInt(in: 0...(interval - 1))
            let kubelet = KubeletHeartbeat(
                firstAttempt: SimInstant(nanosecondsSinceStart: phase),
                jitterKey: random[stream].next(), lastRenewal: .start)
            workers.nodes.append(
                WorkerNode(host: host.id, zone: host.zone, capacity: capacity, controlPlane: controlPlane, established: id, kubelet: kubelet))
        }
        workers.scheduling.addSlots(workers.nodes.count)
        workers.autoscaling.addZones(topology.zones.count)
        workers.recorders.setZoneEntities(topology.zones.map { recording.register("node-zone/\($0)", state: nil) })
        placeInitialPods()
        if settings.heartbeats == .perRenewal {
            for slot in workers.nodes.indices { scheduleKubeletAttempt(slot) }
        }
        recountNodes()
        refreshWorkerControllers()
    }

    /// Round-robin over the zones, then over each zone's nodes, as an even
    /// spread at rest leaves them; what does not fit starts pending.
    mutating func placeInitialPods() {
        let zones = scenario.topology.zones.count
        var slotsOfZone = Array(repeating: [Int](), count: zones)
        for slot in workers.nodes.indices where workers.nodes[slot].node != nil { slotsOfZone[workers.nodes[slot].zone].append(slot) }
        var cursor = Array(repeating: 0, count: zones)
        for spec in scenario.workloads {
            var pods = WorkloadPods(spec: spec, slots: workers.nodes.count, zones: zones)
            var unplaced = 0
            var zone = 0
            for _ in 0..<spec.replicas {
                var placed = false
                for step in 0..<zones {
                    let z = (zone + step) % zones
                    let candidates = slotsOfZone[z]
                    for probe in 0..<candidates.count {
                        let slot = candidates[(cursor[z] + probe) % candidates.count]
                        guard workers.nodes[slot].fits(spec) else { continue }
                        workers.nodes[slot: slot].allocate(spec, count: 1)
                        pods.placeRunning(slot: slot, zone: z, node: workers.nodes[slot])
                        cursor[z] = (cursor[z] + probe + 1) % candidates.count
                        placed = true
                        break
                    }
                    if placed {
                        zone = (z + 1) % zones
                        break
                    }
                }
                if !placed { unplaced += 1 }
            }
            pods.placementDone(
                unplaced: unplaced, readyEntities: scenario.topology.zones.map { recording.register("pods/\(spec.name)/\($0)", state: nil) })
            workers.pods.append(pods)
        }
        recordWorkloads()
    }

    /// The Workers subsystem's reaction in `World.settle()`.
    mutating func refreshWorkers(after settling: WorldChanges) {
        guard !workers.nodes.isEmpty else { return }
        if !settling.isDisjoint(with: [.hosts, .workerHosts, .network, .etcd, .apiServerReadiness, .externalIP, .masters]) {
            refreshKubelets()
        }
        if !settling.isDisjoint(with: [.hosts, .workerHosts, .network, .etcd, .apiServerReadiness, .leaseLeaders, .masters]) {
            refreshWorkerControllers()
        }
        recordWorkloads()
    }

    // MARK: Controllers

    /// The identity of the process leading `lease`, if one does.
    func leaseOwner(_ lease: LeaseName) -> Workers.LeaseOwner? {
        guard let host = leaseHolderHost(lease) else { return nil }
        let candidate = candidateIndex(lease, host: host)
        return Workers.LeaseOwner(candidate: candidate, life: leases.candidates[candidate].life)
    }

    /// Whether the leader of `lease` does its work now: not a gray leader,
    /// not frozen, and the apiserver it dials (its local one, or one the
    /// cluster's endpoint leads to: `topology.access.dials`) serves its
    /// reads and writes.
    func leaderWorks(_ owner: Workers.LeaseOwner?) -> Bool {
        guard let owner else { return false }
        let candidate = leases.candidates[owner.candidate]
        let dial = scenario.topology.access.dials.dial(of: candidate.lease)
        return candidate.grayHolds == 0 && !fleet.paused(candidate.host) && componentReachesServingAPI(from: candidate.host, dialling: dial)
    }

    var controllerWorks: Bool { leaderWorks(workers.lifecycle.owner) }
    var schedulerWorks: Bool { leaderWorks(workers.scheduling.owner) }

    /// A new leader of a lease is a new process with a memory of its own:
    /// kube-controller-manager's controllers start from their own
    /// observations, the scheduler and the autoscaler from their next loop.
    mutating func refreshWorkerControllers() {
        let controller = leaseOwner(.kubeControllerManager)
        if controller != workers.lifecycle.owner { startNodeLifecycleController(controller) }
        if controllerWorks { createMissingPods() }
        let scheduler = leaseOwner(.kubeScheduler)
        workers.scheduling.follow(scheduler)
        kickScheduler()
        let autoscaler = leaseOwner(.clusterAutoscaler)
        if scenario.topology.workerNodes.maximumPerZone != nil, let generation = workers.autoscaling.follow(autoscaler) {
            queue.schedule(.workers(.autoscalerScan(generation: generation)), at: now)
        }
    }
}

extension World {
    /// Closes the worker recorders; the kubelets' renewals are run to the end
    /// so that the count is the same whichever heartbeat model ran them.
    mutating func finishWorkers() {
        guard !workers.nodes.isEmpty else { return }
        if workerSettings.heartbeats == .aggregate {
            for slot in workers.nodes.indices where workers.nodes[slot].kubelet != nil {
                workers.nodes[slot: slot].advanceKubelet(to: end, settings: workerSettings.kubelet)
            }
        }
        workers.pods.finish(at: end)
        workers.recorders.finish(at: end)
    }
}
