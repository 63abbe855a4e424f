import SimKernel

extension NodeLifecycleController {
    /// node_lifecycle_controller.go `handleDisruption`, at the end of every monitor
    /// pass: compute each zone's new state and set the zone queues' rates.
    ///
    /// - Some zone not fully disrupted, none was before (all were): leave "all
    ///   zones fully disrupted" mode: every node's probe timestamp becomes `now`
    ///   (so nobody is marked Unknown for another grace period) and each zone gets
    ///   the rate of its new state.
    /// - All zones fully disrupted, not all were: enter the mode: remove every
    ///   node's NoExecute taints, stop every queue (rate 0), all zones FullDisruption.
    /// - Otherwise each zone whose state changed gets the rate of its new state.
    mutating func handleDisruption(
        _ tally: ZoneTally, live: [NodeID], listed: [NodeObject], at now: SimInstant,
        nodes: inout NodeStore, changes: inout [NodeLifecycleChange]
    ) {
        let zones = zoneStates.indices.map(ZoneID.init)
        var newStates = [ZoneState?](repeating: nil, count: zoneStates.count)
        var allAreFullyDisrupted = true
        for zone in zones where tally.has(zone) {
            let state = ZoneState.compute(
                readyNodes: tally.ready[zone.index], notReadyNodes: tally.notReady[zone.index],
                unhealthyZoneThreshold: settings.unhealthyZoneThreshold)
            if state != .fullDisruption { allAreFullyDisrupted = false }
            newStates[zone.index] = state
            if zoneStates[zone.index] == nil { zoneStates[zone.index] = .initial }
        }

        // A zone with no node left is forgotten. (The real loop stops forgetting
        // at the first zone not fully disrupted, in Go's random map order; here
        // every such zone is forgotten in the same pass.)
        var allWereFullyDisrupted = true
        for zone in zones {
            guard let state = zoneStates[zone.index] else { continue }
            if !tally.has(zone) {
                zoneStates[zone.index] = nil
                continue
            }
            if state != .fullDisruption { allWereFullyDisrupted = false }
        }
        let tracked = zones.filter { zoneStates[$0.index] != nil }

        guard !allAreFullyDisrupted || !allWereFullyDisrupted else { return }
        if allAreFullyDisrupted {
            changes.append(.allZonesFullyDisruptedEntered)
            for id in live {
                markNodeAsReachable(id, zone: listed[id.index].zone, nodes: &nodes, changes: &changes)
            }
            for zone in tracked {
                tainters[zone.index]?.swapLimiter(qps: 0, burst: settings.evictionRateLimiterBurst, at: now)
            }
            for zone in tracked { setState(.fullDisruption, of: zone, changes: &changes) }
            return
        }
        if allWereFullyDisrupted {
            changes.append(.allZonesFullyDisruptedExited)
            for id in live { health[id.index]?.probeTimestamp = now }
            for zone in tracked {
                setLimiterInZone(zone, zoneSize: tally.size(zone), state: newStates[zone.index]!, at: now)
                setState(newStates[zone.index]!, of: zone, changes: &changes)
            }
            return
        }
        for zone in tracked {
            let newState = newStates[zone.index]!
            guard zoneStates[zone.index] != newState else { continue }
            setLimiterInZone(zone, zoneSize: tally.size(zone), state: newState, at: now)
            setState(newState, of: zone, changes: &changes)
        }
    }

    /// node_lifecycle_controller.go `setLimiterInZone`: Normal and FullDisruption
    /// use `nodeEvictionRate` (`HealthyQPSFunc`); PartialDisruption uses
    /// `ReducedQPSFunc`.
    mutating func setLimiterInZone(_ zone: ZoneID, zoneSize: Int, state: ZoneState, at now: SimInstant) {
        let qps: Double
        switch state {
        case .normal, .fullDisruption: qps = settings.nodeEvictionRate
        case .partialDisruption: qps = reducedQPS(zoneSize: zoneSize)
        case .initial: return
        }
        tainters[zone.index]?.swapLimiter(qps: qps, burst: settings.evictionRateLimiterBurst, at: now)
    }

    /// node_lifecycle_controller.go `ReducedQPSFunc`: the secondary rate for a
    /// zone of more than `largeClusterSizeThreshold` nodes, else 0 (stop).
    func reducedQPS(zoneSize: Int) -> Double {
        zoneSize > settings.largeClusterSizeThreshold ? settings.secondaryNodeEvictionRate : 0
    }

    private mutating func setState(_ state: ZoneState, of zone: ZoneID, changes: inout [NodeLifecycleChange]) {
        guard let old = zoneStates[zone.index], old != state else { return }
        zoneStates[zone.index] = state
        changes.append(.zoneStateChanged(zone, from: old, to: state, evictionRate: evictionRate(zone) ?? 0))
    }
}
