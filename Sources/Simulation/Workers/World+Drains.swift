import SimKernel

/// `drainNode` (`NodeDrain`) and the PodDisruptionBudgets it honours. As
/// `kubectl drain` does it (kubernetes/kubectl pkg/drain): cordon the node
/// (default.go `RunCordonOrUncordon`), then ask the eviction API for every pod
/// on it at once (`evictPods`: a goroutine a pod), sleep
/// `EvictErrorRetryDelay` (5 s) after each 429 and ask again, and wait
/// (`waitForDelete`, polling every second) until every evicted pod is gone.
/// The drain is done when no pod is left; `--timeout` ends it otherwise.
/// With `uncordon`, `kubectl uncordon` follows a drain that completed.
/// kubectl's requests go through the cluster's endpoint: while it reaches no
/// apiserver that serves, the cordon and the evictions wait for the next
/// retry (kubectl would exit with the error and be run again).
extension World {
    /// The Operations subsystem hands a drain its turn (`.begin`).
    mutating func drainStep(_ index: Int, _ drain: NodeDrain, _ step: MasterOperationStep) {
        guard step == .begin, let slot = workers.nodes.firstIndex(where: { $0.host == drain.host }) else { return }
        guard workers.nodes[slot].node != nil else {
            record(entity: hosts[drain.host].name, kind: .operationFailed, detail: "kubectl drain: the node is not registered")
            return finishOperation(index)
        }
        beginDrain(index, slots: [slot], drain, forUpgrade: false)
    }

    /// Drains `slots` together: one node, or a node pool upgrade's batch.
    mutating func beginDrain(_ index: Int, slots: [Int], _ drain: NodeDrain, forUpgrade: Bool) {
        workers.drains.begin(operation: index, slots: slots, spec: drain, forUpgrade: forUpgrade, at: now)
        record(entity: drainedName(slots), kind: .drainStarted, detail: "kubectl drain, --timeout \(drain.timeout)")
        drainPass(workers.drains.generation)
    }

    /// The drained node's name, or the node pool's for a batch of several.
    func drainedName(_ slots: [Int]) -> String {
        slots.count == 1 ? hosts[workers.nodes[slots[0]].host].name : "node-pool"
    }

    /// The drain is over: the operation goes on (a node pool upgrade with
    /// its nodes' removal, a `drainNode` with the next operation, after
    /// `kubectl uncordon` when the drain completed and asks for it).
    mutating func drainEnded(_ drain: WorkerDrains.Drain, completed: Bool) {
        if drain.forUpgrade { return workerUpgradeDrainEnded(drain.operation) }
        if completed && drain.spec.uncordon {
            for slot in drain.slots {
                workers.nodes[slot: slot].uncordon()
                record(entity: hosts[workers.nodes[slot].host].name, kind: .nodeUncordoned, detail: "kubectl uncordon: the scheduler may place pods here again")
            }
            recountNodes()
            kickScheduler()
        }
        finishOperation(drain.operation)
    }

    /// Whether a request from outside the cluster (kubectl) reaches an
    /// apiserver that serves: the cluster's endpoint leads to one.
    var outsideRequestsServed: Bool { !kubeletPaths().live.isEmpty }

    /// Pods still bound to the drained nodes.
    func podsLeft(_ slots: [Int]) -> Int { slots.reduce(0) { sum, slot in workers.pods.reduce(sum) { $0 + $1.bound[slot] } } }

    /// One step of the drain under way: pods gone since the last, the
    /// timeout, the cordon, the evictions due, and the next step.
    mutating func drainPass(_ generation: Int) {
        guard generation == workers.drains.generation, let drain = workers.drains.active else { return }
        let spec = drain.spec
        let name = drainedName(drain.slots)
        // A pod whose grace period is over is gone once its kubelet has
        // stopped it and confirmed: one on a node whose kubelet does not
        // reach the API stays Terminating, and kubectl goes on waiting.
        let confirming = drain.slots.filter { workers.nodes[$0].kubelet?.pathOpen == true }
        let confirmed = { (slot: Int) in confirming.contains(slot) }
        for gone in workers.drains.takeGone(at: now, confirmed: confirmed) { evictedPodsGone(gone.workload, slot: gone.slot, count: gone.count) }
        guard now < drain.deadline else {
            let left = podsLeft(drain.slots)
            let terminating = workers.drains.active!.terminating.reduce(0) { $0 + $1.count }
            let detail =
                "--timeout \(spec.timeout) reached: \(left) pods not evicted, \(terminating) evicted and not yet gone, \(drain.refused) evictions refused by a disruption budget"
            record(entity: name, kind: .drainTimedOut, detail: detail)
            _ = workers.drains.end(at: now, completed: false)
            return drainEnded(drain, completed: false)
        }
        let served = outsideRequestsServed
        if !drain.cordoned && served {
            for slot in drain.slots { workers.nodes[slot: slot].cordon() }
            workers.drains.cordoned()
            record(entity: name, kind: .nodeCordoned, detail: "spec.unschedulable: the scheduler places nothing more here")
            recountNodes()
        }
        if workers.drains.active!.cordoned && now >= drain.nextEviction {
            if served {
                evictDrainedPods(drain.slots, spec, name)
            } else {
                workers.drains.evictionsAsked(evicted: [], refused: 0, next: now + spec.retry)
            }
        } else if !workers.drains.active!.cordoned {
            workers.drains.evictionsAsked(evicted: [], refused: 0, next: now + spec.retry)
        }
        let current = workers.drains.active!
        let left = podsLeft(drain.slots)
        if current.cordoned && left == 0 && current.terminating.isEmpty {
            let detail = "every pod gone after \(now - current.began): \(current.evicted) evicted, \(current.refused) evictions refused by a disruption budget"
            record(entity: name, kind: .drainCompleted, detail: detail)
            _ = workers.drains.end(at: now, completed: true)
            return drainEnded(drain, completed: true)
        }
        var next = current.deadline
        if left > 0 || !current.cordoned { next = min(next, current.nextEviction) }
        for batch in current.terminating { next = min(next, max(batch.goneAt, now + (confirmed(batch.slot) ? .zero : spec.poll))) }
        queue.schedule(.workers(.drainPass(generation: generation)), at: next)
    }

    /// Every pod on the drained node is asked for at once. A Pending pod
    /// (bound, its containers not started) is deleted without consulting a
    /// budget (eviction.go `canIgnorePDB`); a running one only when its
    /// workload's budget admits it (`DisruptionBudgetStatus.admit`).
    mutating func evictDrainedPods(_ slots: [Int], _ spec: NodeDrain, _ name: String) {
        var evicted: [WorkerDrains.Terminating] = []
        var refused: [String] = []
        var refusedCount = 0
        for slot in slots {
            let node = workers.nodes[slot]
            for w in workers.pods.indices where workers.pods[w].bound[slot] > 0 {
                let pods = workers.pods[w]
                let bound = pods.bound[slot]
                let running = min(bound, max(pods.started[slot], pods.reported[slot]))
                let ready = node.podsListed ? min(pods.reported[slot], running) : 0
                var admittedRunning = running
                var refusedHere = 0
                if pods.budget != nil {
                    admittedRunning = 0
                    for podReady in Array(repeating: false, count: running - ready) + Array(repeating: true, count: ready) {
                        if workers.pods[workload: w].admitEviction(podReady: podReady) {
                            admittedRunning += 1
                        } else {
                            refusedHere += 1
                        }
                    }
                }
                let count = bound - running + admittedRunning
                if refusedHere > 0 {
                    let status = workers.pods[w].budget!
                    refused.append(
                        "\(refusedHere) of \(pods.spec.name) (needs \(status.desiredHealthy) healthy, has \(status.currentHealthy))")
                    refusedCount += refusedHere
                }
                guard count > 0 else { continue }
                unbindPods(w, slot: slot, count: count, stopping: admittedRunning)
                // A ReplicaSet does not count a terminating pod and replaces it at
                // once (controller_utils.go `FilterActivePods`); a StatefulSet
                // creates the pod anew only once the old one is gone.
                workers.pods[workload: w].deleted(count, slot: slot, terminating: pods.spec.kind == .statefulSet)
                evicted.append(.init(workload: w, slot: slot, count: count, goneAt: now + goneAfter(pods.spec.terminationGracePeriod, poll: spec.poll)))
            }
        }
        workers.drains.evictionsAsked(evicted: evicted, refused: refusedCount, next: now + spec.retry)
        if !evicted.isEmpty {
            var counts: [(workload: Int, count: Int)] = []
            for batch in evicted {
                if let i = counts.firstIndex(where: { $0.workload == batch.workload }) {
                    counts[i].count += batch.count
                } else {
                    counts.append((batch.workload, batch.count))
                }
            }
            let list = counts.map { "\($0.count) of \(workers.pods[$0.workload].spec.name)" }.joined(separator: ", ")
            record(entity: name, kind: .drainEvicted, detail: "\(list) evicted through the eviction API")
            createMissingPods()
        }
        if !refused.isEmpty {
            let detail = "429 TooManyRequests for \(refused.joined(separator: ", ")); kubectl retries after \(spec.retry)"
            record(entity: name, kind: .drainEvictionRefused, detail: detail)
        }
    }

    /// When kubectl finds an evicted pod gone: its grace period, seen at the
    /// first of its once-a-second polls at or after it.
    func goneAfter(_ grace: SimDuration, poll: SimDuration) -> SimDuration {
        let polls = (grace.nanoseconds + poll.nanoseconds - 1) / poll.nanoseconds
        return SimDuration(nanoseconds: max(0, polls) * poll.nanoseconds)
    }

    /// Evicted pods have terminated: a StatefulSet's are created anew.
    mutating func evictedPodsGone(_ w: Int, slot: Int, count: Int) {
        guard workers.pods[w].spec.kind == .statefulSet else { return }
        // A kubelet that came back may have confirmed them already (`confirmTerminations`).
        guard workers.pods[workload: w].terminated(upTo: count, slot: slot) > 0 else { return }
        createMissingPods()
    }

    /// The disruption controller (kube-controller-manager) keeps each
    /// budget's status up to date while its leader works; otherwise the
    /// status stays as last written, less the evictions it admitted since.
    mutating func syncDisruptionBudgets() {
        guard workers.pods.contains(where: { $0.budget != nil }), controllerWorks else { return }
        for w in workers.pods.indices where workers.pods[w].budget != nil {
            workers.pods[workload: w].syncBudget()
        }
    }
}
