import Raft
import SimKernel

/// Adding and removing masters (see `MasterOperation`): one operation at a
/// time, each step an event, each membership change proposed to etcd's
/// leader and retried until applied.
extension World {
    mutating func handle(_ event: OperationEvent) {
        switch event {
        case .step(let index, let step): operationStep(index, step)
        }
    }

    mutating func scheduleOperations() {
        guard let first = scenario.operations.first else { return }
        queue.schedule(.operations(.step(index: 0, step: .begin)), at: SimInstant(first.at))
    }

    var stackedEtcd: Bool { scenario.topology.externalEtcdPerZone == nil }

    var scripted: Bool { scenario.topology.access.procedure == .gceScripts }

    /// A graceful removal first stops the master's processes as a `stop`
    /// fault does (World+StopAndReboot); once they have exited (`stopped`)
    /// the removal goes on as an abrupt one begins.
    mutating func operationStep(_ index: Int, _ step: MasterOperationStep) {
        let operation = scenario.operations[index]
        if step == .begin { operations.began(index) }
        if case .upgrade(let upgrade) = operation.kind { return upgradeStep(index, upgrade, step) }
        if case .drain(let drain) = operation.kind { return drainStep(index, drain, step) }
        if case .upgradeWorkers(let upgrade) = operation.kind { return workerUpgradeStep(index, upgrade, step) }
        if step == .begin, operation.graceful, case .remove(let host) = operation.kind {
            return startGracefulStop(.operation(index), host: host, reboot: false, downtime: nil)
        }
        let step = step == .stopped ? .begin : step
        if scripted { scriptedStep(index, step) } else { legacyStep(index, step) }
    }

    /// The documentation's order (`Procedure.legacy`): VM, etcd member, data
    /// copy, member start, then the load balancer; removal leaves the load
    /// balancer first.
    mutating func legacyStep(_ index: Int, _ step: MasterOperationStep) {
        let operation = scenario.operations[index]
        let scaling = scenario.topology.scaling
        switch (operation.kind, step) {
        case (.add(let host), .begin):
            record(entity: hosts[host].name, kind: .vmCreate, detail: "adding a master")
            queue.schedule(.operations(.step(index: index, step: .vmReady)), after: scaling.vmStart.sample(&random[operations.streams[index]]))
        case (.add(let host), .vmReady):
            provisionVM(host)
            if stackedEtcd, let member = etcd.memberOfHost[host] {
                proposeMembership(index, .addNode(member))
            } else {
                updateExternalEndpoint()
                startHealthChecks(host)
                finishOperation(index)
            }
        case (.add(let host), .memberStart):
            startNewMember(host)
            // The documented procedure adds the replica to the load balancer last.
            updateExternalEndpoint()
            startHealthChecks(host)
            finishOperation(index)
        case (.remove(let host), .begin):
            // ...and removes it from the load balancer first.
            updateExternalEndpoint(excluding: host)
            if stackedEtcd, let member = etcd.memberOfHost[host] {
                proposeMembership(index, .removeNode(member))
            } else {
                deleteVM(host)
                finishOperation(index)
            }
        case (.add, .proposeMember), (.remove, .proposeMember):
            retryMembership(index)
        case (.remove, _), (.add, _), (.upgrade, _), (.drain, _), (.upgradeWorkers, _):
            break
        }
    }

    /// kubernetes cluster/gce/util.sh (`Procedure.gceScripts`). Adding:
    /// kube-up runs create-loadbalancer when the first master is alone
    /// (detach the static IP, create the target pool with that master,
    /// create the forwarding rule, poll until it answers, at most 1,800 s),
    /// then replicate-master (add-replica-to-etcd, create the disk and VM,
    /// which copies etcd's data and starts the member, then
    /// `target-pools add-instances`). Removing: kube-down runs
    /// remove-replica-from-etcd, `target-pools remove-instances`, deletes the
    /// VM and, with one master left, deletes the forwarding rule, attaches
    /// the static IP to that master and deletes the target pool.
    mutating func scriptedStep(_ index: Int, _ step: MasterOperationStep) {
        let operation = scenario.operations[index]
        let settings = scenario.topology.access
        switch (operation.kind, step) {
        case (.add(let host), .begin):
            if case .direct(let first) = access.endpoint.state, provisionedMasters == [first] {
                record(entity: hosts[host].name, kind: .createLoadBalancer, detail: "the load balancer comes first: \(hosts[first].name) is alone")
                access.detachIP(at: now)
                endpointChanged()
                queue.schedule(.operations(.step(index: index, step: .ipDetached)), after: settings.steps.ipDetach.sample(&random[operations.streams[index]]))
            } else {
                replicateMaster(index, host)
            }
        case (.add, .ipDetached):
            access.setPool(provisionedMasters, at: now)
            record(entity: "external-ip", kind: .targetPoolCreated, detail: provisionedMasters.map { hosts[$0].name }.joined(separator: ","))
            endpointChanged()
            queue.schedule(
                .operations(.step(index: index, step: .targetPoolCreated)), after: settings.steps.targetPool.sample(&random[operations.streams[index]]))
        case (.add, .targetPoolCreated):
            access.createForwardingRule(at: now, propagation: settings.loadBalancerPropagation, random: &kernel.random)
            endpointChanged()
            operations.waitForLoadBalancer(until: now + settings.steps.loadBalancerWait)
            queue.schedule(.operations(.step(index: index, step: .loadBalancerPoll)), after: .seconds(1))
        case (.add(let host), .loadBalancerPoll):
            access.advanceEndpoint(to: now)
            endpointChanged()
            if loadBalancerAnswers {
                replicateMaster(index, host)
            } else if let ends = operations.loadBalancerWaitEnds, now >= ends {
                // "Load balancer failed to initialize within 1800 seconds": kube-up exits 2.
                let why = "the load balancer did not answer within \(settings.steps.loadBalancerWait); kube-up exits and the replica is not added"
                record(entity: hosts[host].name, kind: .operationFailed, detail: why)
                finishOperation(index)
            } else {
                queue.schedule(.operations(.step(index: index, step: .loadBalancerPoll)), after: .seconds(1))
            }
        case (.add(let host), .vmReady):
            provisionVM(host)
            if stackedEtcd, etcd.memberOfHost[host] != nil {
                queue.schedule(
                    .operations(.step(index: index, step: .memberStart)),
                    after: scenario.topology.scaling.dataCopy(&random[operations.streams[index]]))
            } else {
                joinTargetPool(index, host)
            }
        case (.add(let host), .memberStart):
            startNewMember(host)
            joinTargetPool(index, host)
        case (.remove(let host), .begin):
            if stackedEtcd, let member = etcd.memberOfHost[host] {
                proposeMembership(index, .removeNode(member))
            } else {
                leaveAndDelete(index, host)
            }
        case (.remove, .forwardingRuleDeleted):
            access.advanceEndpoint(to: now)
            endpointChanged()
            queue.schedule(.operations(.step(index: index, step: .ipAttached)), after: settings.steps.ipAttach.sample(&random[operations.streams[index]]))
        case (.remove, .ipAttached):
            if let last = provisionedMasters.first { access.attachIP(to: last, at: now) }
            endpointChanged()
            record(entity: "external-ip", kind: .targetPoolDeleted, detail: "")
            finishOperation(index)
        case (.add, .proposeMember), (.remove, .proposeMember):
            retryMembership(index)
        case (.remove, _), (.add, _), (.upgrade, _), (.drain, _), (.upgradeWorkers, _):
            break
        }
    }

    /// Whether `curl -k -m1 https://IP` gets an answer: the forwarding rule
    /// is live and some instance of the pool answers (no health check
    /// filters them; a stopped apiserver refuses the connection).
    var loadBalancerAnswers: Bool {
        guard case .loadBalancer(let backends) = access.endpoint.route(at: now), access.loadBalancerForwards else { return false }
        return backends.contains { apiServerUp($0) && network.connected(network.outside, $0) }
    }

    /// replicate-master: "Before we do anything else, we should configure
    /// etcd to expect more replicas" (add-replica-to-etcd), then the VM.
    mutating func replicateMaster(_ index: Int, _ host: Int) {
        record(entity: hosts[host].name, kind: .replicateMaster, detail: stackedEtcd ? "etcd member added before the VM exists" : "")
        if stackedEtcd, let member = etcd.memberOfHost[host] {
            proposeMembership(index, .addNode(member))
        } else {
            createVM(index, host)
        }
    }

    mutating func createVM(_ index: Int, _ host: Int) {
        record(entity: hosts[host].name, kind: .vmCreate, detail: "adding a master")
        queue.schedule(.operations(.step(index: index, step: .vmReady)), after: scenario.topology.scaling.vmStart.sample(&random[operations.streams[index]]))
    }

    /// `gcloud compute target-pools add-instances`, the last step of replicate-master.
    mutating func joinTargetPool(_ index: Int, _ host: Int) {
        switch access.endpoint.state {
        case .direct, .unattached:
            break
        default:
            access.setPool(provisionedMasters, at: now)
            endpointChanged()
            startHealthChecks(host)
        }
        finishOperation(index)
    }

    /// kube-down after the member's removal: out of the target pool, VM
    /// deleted, and with one master left the load balancer is taken down.
    mutating func leaveAndDelete(_ index: Int, _ host: Int) {
        if case .loadBalancer = access.endpoint.state {
            access.setPool(provisionedMasters.filter { $0 != host }, at: now)
            endpointChanged()
        }
        deleteVM(host)
        guard provisionedMasters.count == 1, case .loadBalancer = access.endpoint.state else { return finishOperation(index) }
        access.deleteForwardingRule(at: now, propagation: scenario.topology.access.loadBalancerPropagation, random: &kernel.random)
        endpointChanged()
        if let done = access.endpoint.nextTransition { queue.schedule(.operations(.step(index: index, step: .forwardingRuleDeleted)), at: done) }
    }

    /// The scripted procedure moved the external IP: record it and re-evaluate.
    mutating func endpointChanged() {
        recordEndpointTransitions()
        if let next = access.endpoint.nextTransition { queue.schedule(.access(.externalEndpointDue), at: max(next, now)) }
        announce(.externalIP)
    }

    mutating func provisionVM(_ host: Int) { setProvisioned(host, true, kind: .vmReady, detail: "") }

    mutating func deleteVM(_ host: Int) {
        setProvisioned(host, false, kind: .vmDeleted, detail: "removing a master")
        // A graceful removal's holds come off with the VM: nothing runs on it again.
        for entry in faults.stops where entry.stop.host == host {
            if case .operation = entry.owner { finishGracefulStop(entry.owner) }
        }
    }

    /// A master's VM comes or goes: the host, the conditions and (when it
    /// follows the masters) --apiserver-count follow.
    mutating func setProvisioned(_ host: Int, _ provisioned: Bool, kind: EventKind, detail: String) {
        fleet.setProvisioned(host, provisioned)
        followMasterCount()
        refreshHost(host)
        announce(.masters)
        record(entity: hosts[host].name, kind: kind, detail: detail)
    }

    mutating func startNewMember(_ host: Int) {
        let member = etcd.memberOfHost[host]!
        etcd[member: member].join()
        refreshMember(member)
        record(entity: "etcd/\(hosts[host].name)", kind: .memberStarted, detail: "")
    }

    /// `access.apiserverCountFollowsMasters`: --apiserver-count is changed
    /// with the masters; otherwise it stays as configured.
    mutating func followMasterCount() {
        guard scenario.topology.access.apiserverCountFollowsMasters else { return }
        access.setAPIServerCount(provisionedMasters.count)
    }

    /// A retry: only while this operation's change is still not applied.
    mutating func retryMembership(_ index: Int) {
        if let pending = operations.pendingMembershipChange, pending.operation == index {
            proposeMembership(index, pending.change)
        }
    }

    /// Asks the leader with quorum for a membership change, and checks again
    /// after the retry period; a change that was applied meanwhile ends the retries.
    mutating func proposeMembership(_ index: Int, _ change: ConfChange) {
        operations.awaitMembershipChange(change, operation: index)
        if let leader = leaderWithQuorum(), case .appended = etcd[member: leader].proposeConfChange(change) {
            afterInput(leader)
        }
        queue.schedule(.operations(.step(index: index, step: .proposeMember)), after: scenario.topology.scaling.retry)
    }

    /// Called whenever a member applies a conf change; the first application
    /// of the pending one moves its operation on.
    mutating func membershipChangeApplied(_ change: ConfChange) {
        guard let index = operations.takeAppliedMembershipChange(change) else { return }
        switch change {
        case .addNode(let member):
            etcd.addVoter(member)
            let voters = "\(etcd.voters.count) voters, quorum \(etcd.voters.count / 2 + 1)"
            record(entity: "etcd/\(hosts[etcd.members[member].host].name)", kind: .memberAdded, detail: voters)
            if scripted {
                createVM(index, etcd.members[member].host)
            } else {
                queue.schedule(
                    .operations(.step(index: index, step: .memberStart)),
                    after: scenario.topology.scaling.dataCopy(&random[operations.streams[index]]))
            }
        case .removeNode(let member):
            etcd.removeVoter(member)
            let host = etcd.members[member].host
            let voters = "\(etcd.voters.count) voters, quorum \(etcd.voters.count / 2 + 1)"
            record(entity: "etcd/\(hosts[host].name)", kind: .memberRemoved, detail: voters)
            etcd[member: member].leave()
            refreshMember(member)
            recording.set(etcd.entity[member], "absent", at: now)
            if scripted {
                leaveAndDelete(index, host)
            } else {
                deleteVM(host)
                finishOperation(index)
            }
        default:
            break
        }
    }

    /// The next operation starts at its own time or now, whichever is later.
    /// Its time is the run's: the model's clock is behind it by the quiet
    /// time skipped so far (`FastForward.skipped`).
    mutating func finishOperation(_ index: Int) {
        operations.finished(index, aftermathEnds: now + http2Silence)
        let next = index + 1
        guard next < scenario.operations.count else { return }
        let due = SimInstant(scenario.operations[next].at - min(fastForward.skipped, scenario.operations[next].at))
        queue.schedule(.operations(.step(index: next, step: .begin)), at: max(now, due))
    }
}
