import SimKernel

extension NodeLifecycleController {
    /// node_lifecycle_controller.go `monitorNodeHealth`, one pass at `now`.
    ///
    /// Order as in the real pass: list the nodes; classify them (`classifyNodes`)
    /// and register new zones and new nodes, whose NoExecute taints are removed
    /// (`markNodeAsReachable`); update each node's health, queue or swap its
    /// taints and mark its pods; then `handleDisruption` over the zones. The real
    /// code updates nodes with 8 workers in parallel; here they go in id order.
    public mutating func monitor(at now: SimInstant, nodes: inout NodeStore) -> [NodeLifecycleChange] {
        var changes: [NodeLifecycleChange] = []
        // The lister's list: decisions below read these copies, which do not
        // see this pass's own writes, as the real `nodes` slice does not.
        let listed = nodes.nodes
        growNodeArrays(to: listed.count)
        let live = nodes.liveNodeIDs

        // classifyNodes + the loops over its results.
        var added: [NodeID] = []
        for id in live {
            if !known[id.index] {
                added.append(id)
            } else if zoneState(listed[id.index].zone) == nil {
                addTainterForNewZone(listed[id.index].zone)  // newZoneRepresentatives
            }
        }
        for index in known.indices where known[index] && listed[index].isDeleted {
            known[index] = false  // deleted; nodeHealthMap keeps the entry, as the real map does
        }
        for id in added {
            known[id.index] = true
            addTainterForNewZone(listed[id.index].zone)
            markNodeAsReachable(id, zone: listed[id.index].zone, nodes: &nodes, changes: &changes)
        }

        // updateNodeFunc for every node.
        var tally = ZoneTally(zoneCount: zoneStates.count)
        for id in live {
            let node = listed[id.index]
            let (observed, current) = tryUpdateNodeHealth(id, listed: node, at: now, nodes: &nodes, changes: &changes)
            tally.count(zone: node.zone, ready: current?.status == .ready)
            guard let current else { continue }
            processTaintBaseEviction(id, listed: node, observed: observed.status, at: now, nodes: &nodes, changes: &changes)
            if current.status != .ready && observed.status == .ready {
                changes.append(.podsMarkedNotReady(id))
            }
        }

        handleDisruption(tally, live: live, listed: listed, at: now, nodes: &nodes, changes: &changes)
        return changes
    }

    /// node_lifecycle_controller.go `tryUpdateNodeHealth`: refresh the probe
    /// timestamp from a changed status heartbeat or a renewed lease, and write
    /// Ready=Unknown when `now` is strictly after probe + grace period. Returns
    /// the Ready condition as listed (`observed`; a stand-in Unknown when there
    /// is none) and as it is after this update (`current`; nil when the kubelet
    /// never posted one and the startup grace period has not run out).
    mutating func tryUpdateNodeHealth(
        _ id: NodeID, listed node: NodeObject, at now: SimInstant,
        nodes: inout NodeStore, changes: inout [NodeLifecycleChange]
    ) -> (observed: ReadyCondition, current: ReadyCondition?) {
        let previous = self.health[id.index]
        // Never posted: measured from the node's creation, with the startup grace.
        let observed = node.ready
            ?? ReadyCondition(status: .unknown, lastHeartbeat: node.creationTimestamp, lastTransition: node.creationTimestamp)
        let gracePeriod = node.ready == nil ? settings.nodeStartupGracePeriod : settings.nodeMonitorGracePeriod

        // The entry to start from: the real code's branches on the saved entry,
        // the saved Ready condition and the listed one.
        var updated: NodeHealth
        switch (previous, node.ready) {
        case (nil, nil):
            updated = NodeHealth(probeTimestamp: node.creationTimestamp, savedReadyHeartbeat: nil, savedLeaseRenewTime: nil)
        case (var saved?, nil):
            saved.savedReadyHeartbeat = nil
            updated = saved
        case (nil, let ready?):
            // "Missing timestamp for Node. Assuming now as a timestamp": a node
            // this instance has never seen is fresh, whatever its lease says.
            updated = NodeHealth(probeTimestamp: now, savedReadyHeartbeat: ready.lastHeartbeat, savedLeaseRenewTime: nil)
        case (let saved?, let ready?):
            // A status post (new heartbeat, or the first Ready condition) is a
            // probe. The new entry has no saved lease (the real code builds a
            // new nodeHealthData without it), so the next pass counts the
            // unchanged lease as renewed once more.
            updated = saved.savedReadyHeartbeat == ready.lastHeartbeat
                ? saved
                : NodeHealth(probeTimestamp: now, savedReadyHeartbeat: ready.lastHeartbeat, savedLeaseRenewTime: nil)
        }
        // (The real "ReadyCondition was removed" branch cannot run: the saved
        // status is replaced first when the node has no Ready condition.)

        // "Always update the probe time if node lease is renewed."
        let savedLease = previous?.savedLeaseRenewTime
        if let renew = node.leaseRenewTime, savedLease.map({ $0 < renew }) ?? true {
            updated.savedLeaseRenewTime = renew
            updated.probeTimestamp = now
        }

        var current = node.ready
        if now > updated.probeTimestamp + gracePeriod, current?.status != .unknown {
            // Ready (and, in the real code, the pressure conditions) become Unknown.
            nodes.markReadyUnknown(id, at: now)
            current = nodes[id].ready
            changes.append(.readyBecameUnknown(id, from: node.ready?.status))
            updated.savedReadyHeartbeat = current?.lastHeartbeat
            updated.savedLeaseRenewTime = node.leaseRenewTime
        }
        self.health[id.index] = updated
        return (observed, current)
    }

    /// node_lifecycle_controller.go `processTaintBaseEviction`, on the Ready
    /// status as listed at the start of the pass (so a node that goes Unknown in
    /// this pass is queued in the next one). A node carrying the opposite taint
    /// is swapped at once, outside the rate limiter; otherwise it is queued.
    mutating func processTaintBaseEviction(
        _ id: NodeID, listed node: NodeObject, observed: ReadyStatus, at now: SimInstant,
        nodes: inout NodeStore, changes: inout [NodeLifecycleChange]
    ) {
        switch observed {
        case .notReady, .unknown:
            let wanted: NoExecuteTaintKey = observed == .notReady ? .notReady : .unreachable
            if node.hasTaint(wanted.opposite) {
                swapTaint(to: wanted, on: id, at: now, nodes: &nodes, changes: &changes)
            } else {
                markNodeForTainting(id, listed: node, status: observed)
            }
        case .ready:
            markNodeAsReachable(id, zone: node.zone, nodes: &nodes, changes: &changes)
        }
    }
}

/// Ready and not-ready node counts per zone for one pass: `zoneToNodeConditions`.
struct ZoneTally {
    var ready: [Int]
    var notReady: [Int]

    init(zoneCount: Int) {
        ready = Array(repeating: 0, count: zoneCount)
        notReady = Array(repeating: 0, count: zoneCount)
    }

    mutating func count(zone: ZoneID, ready isReady: Bool) {
        if isReady { ready[zone.index] += 1 } else { notReady[zone.index] += 1 }
    }

    func size(_ zone: ZoneID) -> Int { ready[zone.index] + notReady[zone.index] }
    func has(_ zone: ZoneID) -> Bool { size(zone) > 0 }
}
