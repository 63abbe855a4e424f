import Raft
import SimKernel

/// Adding and removing masters (see `MasterOperation`): one operation at a
/// time, each step an event, each membership change proposed to etcd's
/// leader and retried until applied.
extension World {
    mutating func scheduleOperations() {
        guard let first = scenario.operations.first else { return }
        queue.schedule(.operation(index: 0, step: .begin), at: SimInstant(first.at))
    }

    var stackedEtcd: Bool { scenario.topology.externalEtcdPerZone == nil }

    mutating func operationStep(_ index: Int, _ step: MasterOperationStep) {
        let operation = scenario.operations[index]
        let scaling = scenario.topology.scaling
        switch (operation.kind, step) {
        case (.add(let host), .begin):
            record(entity: hosts[host].name, kind: "vmCreate", detail: "adding a master")
            queue.schedule(.operation(index: index, step: .vmReady), after: scaling.vmStart.sample(&random[operationStreams[index]]))
        case (.add(let host), .vmReady):
            hostProvisioned[host] = true
            refreshHost(host)
            updateConditions()
            record(entity: hosts[host].name, kind: "vmReady", detail: "")
            if stackedEtcd, let member = memberOfHost[host] {
                proposeMembership(index, .addNode(member))
            } else {
                updateExternalEndpoint()
                startHealthChecks(host)
                finishOperation(index)
            }
        case (.add(let host), .memberStart):
            let member = memberOfHost[host]!
            members[member].joined = true
            members[member].storage = PersistentState()
            refreshMember(member)
            record(entity: "etcd/\(hosts[host].name)", kind: "memberStarted", detail: "")
            // The GCE procedure adds the replica to the load balancer last.
            updateExternalEndpoint()
            startHealthChecks(host)
            finishOperation(index)
        case (.remove(let host), .begin):
            // ...and removes it from the load balancer first.
            updateExternalEndpoint(excluding: host)
            if stackedEtcd, let member = memberOfHost[host] {
                proposeMembership(index, .removeNode(member))
            } else {
                deleteVM(host, operation: index)
            }
        case (.add, .proposeMember), (.remove, .proposeMember):
            // A retry: only while this operation's change is still not applied.
            if let pending = pendingMembershipChange, pending.operation == index {
                proposeMembership(index, pending.change)
            }
        case (.remove, _), (.add, _):
            break
        }
    }

    /// Asks the leader with quorum for a membership change, and checks again
    /// after the retry period; a change that was applied meanwhile ends the retries.
    mutating func proposeMembership(_ index: Int, _ change: ConfChange) {
        pendingMembershipChange = (index, change)
        if let leader = leaderWithQuorum(), case .appended = members[leader].node.proposeConfChange(change) {
            afterInput(leader)
        }
        queue.schedule(.operation(index: index, step: .proposeMember), after: scenario.topology.scaling.retry)
    }

    /// Called whenever a member applies a conf change; the first application
    /// of the pending one moves its operation on.
    mutating func membershipChangeApplied(_ change: ConfChange) {
        guard let pending = pendingMembershipChange, pending.change == change else { return }
        pendingMembershipChange = nil
        let index = pending.operation
        switch change {
        case .addNode(let member):
            etcdVoters = (etcdVoters + [member]).sorted()
            record(entity: "etcd/\(hosts[members[member].host].name)", kind: "memberAdded",
                   detail: "\(etcdVoters.count) voters, quorum \(etcdVoters.count / 2 + 1)")
            queue.schedule(.operation(index: index, step: .memberStart),
                           after: scenario.topology.scaling.dataCopy(&random[operationStreams[index]]))
        case .removeNode(let member):
            etcdVoters.removeAll { $0 == member }
            let host = members[member].host
            record(entity: "etcd/\(hosts[host].name)", kind: "memberRemoved",
                   detail: "\(etcdVoters.count) voters, quorum \(etcdVoters.count / 2 + 1)")
            members[member].joined = false
            refreshMember(member)
            timeline.set(memberEntity[member], "absent", at: now)
            deleteVM(host, operation: index)
        default:
            break
        }
    }

    mutating func deleteVM(_ host: Int, operation index: Int) {
        hostProvisioned[host] = false
        refreshHost(host)
        updateConditions()
        record(entity: hosts[host].name, kind: "vmDeleted", detail: "removing a master")
        finishOperation(index)
    }

    /// The next operation starts at its own time or now, whichever is later.
    mutating func finishOperation(_ index: Int) {
        let next = index + 1
        guard next < scenario.operations.count else { return }
        queue.schedule(.operation(index: next, step: .begin), at: max(now, SimInstant(scenario.operations[next].at)))
    }
}
