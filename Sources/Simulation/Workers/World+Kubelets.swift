import NodeLifecycle
import SimKernel

/// Kubelets: hosts booting and failing, the path of each kubelet's
/// requests (its connection: World+KubeletConnections), its lease renewals
/// and its status posts.
extension World {
    /// Follows every worker's host and the path of its kubelet's requests,
    /// after a change that can move either.
    mutating func refreshKubelets() {
        let paths = kubeletPaths()
        for slot in workers.nodes.indices { refreshKubelet(slot, paths) }
    }

    mutating func refreshKubelet(_ slot: Int, _ endpointPaths: KubeletPaths) {
        // Every change of a kubelet's host or path passes here.
        defer { countKubeletCutOff(slot) }
        let host = workers.nodes[slot].host
        // A master's kubelet on its local apiserver (kubeadm's
        // ControlPlaneKubeletLocalMode) has only that one to reach.
        let local = workers.nodes[slot].controlPlane && scenario.topology.access.dials.controlPlaneKubelets == .localAPIServer
        let paths = local ? endpointPaths.local(to: host) : endpointPaths
        let up = fleet.up[host]
        if workers.nodes[slot].kubelet != nil && !up { workerHostWentDown(slot) }
        let booted = up && workers.nodes[slot].kubelet == nil
        if booted { workerHostBooted(slot) }
        setServing(slot, up && !fleet.paused(host))
        guard workers.nodes[slot].kubelet != nil else { return }
        // A frozen kubelet's attempts count as failed (docs/WORKERS.md).
        let outcome = workers.nodes[slot].serving ? kubeletPathOpens(slot, paths, booted: booted) : KubeletPathOutcome(path: .refused)
        if booted || workers.nodes[slot].kubelet!.path != outcome.path || outcome.connectionEnded {
            // The attempts before this instant ran with the old path (a new
            // kubelet has made none yet).
            if !booted { advanceKubelet(slot) }
            workers.nodes[slot: slot].kubeletFollows(outcome.path, connectionEnded: outcome.connectionEnded, at: now, settings: workerSettings.kubelet)
            if workerSettings.heartbeats == .perRenewal {
                storeRenewalMadeNow(slot)
                scheduleKubeletAttempt(slot)
            }
            if outcome.path == .open {
                needsStatusPost(slot)
                confirmTerminations(slot)
            }
        }
        if outcome.redial {
            // Refused, or a dial into silence: the next request dials again,
            // just before it is sent (or before the one in flight times out).
            let next = workers.nodes[slot].kubelet!.nextAttempt - SimDuration(nanoseconds: 1)
            scheduleKubeletConnection(slot, at: max(next, now + SimDuration(nanoseconds: 1)))
        }
    }

    /// The `kubelets` condition's count and its kubelet-seconds follow the slot.
    mutating func countKubeletCutOff(_ slot: Int) {
        guard workers.nodes.countCutOff(slot) else { return }
        workers.recorders.countKubeletsCutOff(workers.nodes.kubeletsCutOff, at: now)
    }

    /// Where the kubelets' requests can go now: through the external IP
    /// (GCE: kubelets use the master's external address), a load balancer
    /// or DNS, to the apiservers that serve.
    func kubeletPaths() -> KubeletPaths {
        let leader = leaderWithQuorum()
        let serving = apiServers.servers.indices.map { apiServerUp($0) && etcdPathWorks($0, leader: leader) }
        let backends: [Int]
        var dialable: [Int]
        let throughExternalIP: Bool
        if case .dns = scenario.topology.access.mode {
            backends = provisionedMasters
            dialable = backends
            throughExternalIP = false
        } else {
            throughExternalIP = true
            switch endpointRoute() {
            case .nowhere:
                backends = []
                dialable = []
            case .host(let host):
                backends = [host]
                dialable = backends
            case .loadBalancer(let pool) where usesNetworkLoadBalancer:
                backends = access.loadBalancerForwards ? pool : []
                dialable = access.loadBalancerForwards ? nlbDialable() : []
            case .loadBalancer(let pool):
                backends = access.loadBalancerForwards ? pool : []
                let candidates = backends.map { LoadBalancerBackend(host: $0, health: access.backends[$0]) }
                // A router has no route to fail open to (`Mode.bgp`).
                dialable = LoadBalancerRouting.eligible(candidates, dropWhenNoneHealthy: usesBGP).map(\.host)
            }
        }
        return KubeletPaths(
            serving: serving, live: backends.filter { serving[$0] }, dialable: dialable,
            throughExternalIP: throughExternalIP, viaHolder: throughExternalIP ? access.virtualIP.holder : nil)
    }

    mutating func setServing(_ slot: Int, _ serving: Bool) {
        guard workers.nodes[slot].serving != serving else { return }
        workers.nodes[slot: slot].setServing(serving)
        for w in workers.pods.indices where workers.pods[w].reported[slot] > 0 {
            workers.pods[workload: w].follow(slot: slot, wasListed: workers.nodes[slot].podsListed, wasServing: !serving, node: workers.nodes[slot])
        }
        for w in workers.pods.indices where workers.pods[w].started[slot] > 0 {
            let started = workers.pods[w].started[slot]
            workers.pods[workload: w].changeReady(by: serving ? started : -started, zone: workers.nodes[slot].zone)
            if serving { podsBecameReady(w) }
        }
    }

    /// The kubelet dies with its host, and the pods' containers with it; its
    /// renewals until then are in the store, as each reached it when made.
    mutating func workerHostWentDown(_ slot: Int) {
        syncNodeLease(slot)
        setServing(slot, false)
        workers.nodes.kubeletDied(slot, at: now)
        // The API still shows the pods as the kubelet last posted them (`reported`).
        for w in workers.pods.indices { workers.pods[workload: w].containersDied(slot: slot) }
    }

    /// A kubelet starts: its first lease sync at once (JitterUntil runs the
    /// function before its first wait), its pods' containers restarted.
    mutating func workerHostBooted(_ slot: Int) {
        let key = random[workers.streams.boots].next()
        workers.nodes[slot: slot].boot(KubeletHeartbeat(firstAttempt: now, jitterKey: key, lastRenewal: nil))
        for w in workers.pods.indices where workers.pods[w].bound[slot] > 0 {
            startPods(w, slot: slot, count: workers.pods[w].bound[slot])
        }
        if workerSettings.heartbeats == .perRenewal { scheduleKubeletAttempt(slot) }
    }

    // MARK: Lease renewals

    /// Runs the slot's renewal attempts due by now (aggregate model; the
    /// per-renewal model has already run them as events).
    mutating func advanceKubelet(_ slot: Int) {
        guard workerSettings.heartbeats == .aggregate, workers.nodes[slot].kubelet != nil else { return }
        workers.nodes[slot: slot].advanceKubelet(to: now, settings: workerSettings.kubelet)
    }

    /// Brings every Lease in the store up to date before the controller
    /// reads them: each carries its kubelet's last successful renewal time.
    mutating func syncNodeLeases() {
        for slot in workers.nodes.indices { syncNodeLease(slot) }
    }

    mutating func syncNodeLease(_ slot: Int) {
        advanceKubelet(slot)
        guard let id = workers.nodes[slot].node, let renewed = workers.nodes[slot].kubelet?.lastRenewal,
            workers.store.leaseRenewTime(of: id) != renewed
        else { return }
        workers.store.renewLease(id, at: renewed)
    }

    mutating func scheduleKubeletAttempt(_ slot: Int) {
        guard let kubelet = workers.nodes[slot].kubelet else { return }
        queue.schedule(.workers(.kubeletAttempt(slot: slot, generation: workers.nodes[slot].generation)), at: max(kubelet.nextAttempt, now))
    }

    /// One attempt as an event (`HeartbeatModel.perRenewal`); an attempt a
    /// retry brought forward leaves its old event behind, which finds the
    /// attempt already made.
    mutating func kubeletAttempt(_ slot: Int, generation: Int) {
        guard workers.nodes[slot].generation == generation, workers.nodes[slot].kubelet?.nextAttempt == now else { return }
        // Every step due now: a timed-out request's retry goes at once.
        workers.nodes[slot: slot].advanceKubelet(to: now, settings: workerSettings.kubelet)
        storeRenewalMadeNow(slot)
        scheduleKubeletAttempt(slot)
    }

    /// Per-renewal model: a renewal made at this instant reaches the store.
    mutating func storeRenewalMadeNow(_ slot: Int) {
        if let id = workers.nodes[slot].node, let renewed = workers.nodes[slot].kubelet?.lastRenewal, renewed == now {
            workers.store.renewLease(id, at: renewed)
        }
    }

    // MARK: Status

    /// The kubelet posts Ready=True at its next status sync when the stored
    /// condition says otherwise (the controller wrote Unknown, or the node
    /// has just been created); `tryUpdateNodeStatus` patches a changed status.
    mutating func needsStatusPost(_ slot: Int) {
        guard !workers.nodes[slot].statusPostPending else { return }
        if let id = workers.nodes[slot].node, workers.store[id].ready?.status == .ready { return }
        workers.nodes[slot: slot].setStatusPostPending(true)
        let wait = random[workers.streams.status].nextInt(in: 0...workerSettings.kubelet.statusUpdateFrequency.nanoseconds)
        queue.schedule(
            .workers(.statusPost(slot: slot, generation: workers.nodes[slot].generation)),
            at: now + SimDuration(nanoseconds: wait))
    }

    mutating func statusPost(_ slot: Int, generation: Int) {
        guard workers.nodes[slot].generation == generation else { return }
        workers.nodes[slot: slot].setStatusPostPending(false)
        // A closed path: the post fails; reopening the path asks again.
        guard workers.nodes[slot].kubelet?.pathOpen == true else { return }
        if workers.nodes[slot].node == nil { registerNode(slot) }
        workers.store.postReadyStatus(workers.nodes[slot].node!, ready: true, at: now)
        // The kubelet's status manager posts its pods' readiness with it.
        for w in workers.pods.indices { workers.pods[workload: w].report(workers.pods[w].started[slot], slot: slot, node: workers.nodes[slot]) }
        setPodsListed(slot, true)
        recountNodes()
        kickScheduler()
    }

    /// The kubelet of a node the autoscaler added creates its Node object.
    mutating func registerNode(_ slot: Int) {
        let id = workers.store.register(zone: ZoneID(workers.nodes[slot].zone), at: now)
        workers.nodes.register(id, slot: slot)
        // A master joined by an operation registers its node too; only the
        // autoscaler's nodes count as added by it.
        if !workers.nodes[slot].controlPlane { workers.autoscaling.nodeRegistered() }
        record(entity: hosts[workers.nodes[slot].host].name, kind: .nodeRegistered, detail: "node joined the cluster")
    }
}
