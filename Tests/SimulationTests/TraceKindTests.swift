import Testing

@testable import Simulation

/// Trace kinds go into every run's digest: a number that changed or was
/// reused would move the digest of every run with such an event, and two
/// kinds sharing a number would let different events fold alike.
@Suite struct TraceKindTests {
    /// Every kind with its number, as given out. Append new kinds; never
    /// change or remove a line.
    static let pinned: [(kind: TraceKind, code: UInt64)] = [
        (.faultStarts, 1), (.faultEnds, 2),
        (.etcdTick, 3), (.etcdPersisted, 4), (.etcdDeliver, 5), (.etcdProbeWrite, 6), (.etcdProbeTimeout, 7),
        (.apiServerReadinessCheck, 8), (.leaseTry, 9), (.leaseRestart, 10), (.addonSync, 11), (.operationStep, 12),
        (.externalEndpointDue, 13), (.healthCheck, 14), (.serviceReconcile, 15), (.clientRequest, 16),
        (.clientTimeout, 17), (.apiRequestArrives, 18), (.apiResponseArrives, 19),
        (.monitorPass, 20), (.taintPass, 21), (.evictionsDue, 22), (.schedulePod, 23), (.podsStarted, 24),
        (.autoscalerScan, 25), (.nodeProvisioned, 26), (.statusPost, 27), (.kubeletAttempt, 28),
        (.apiServerEtcdRequestTimedOut, 29), (.failureFails, 30), (.failureRepaired, 31),
        (.leaseCallEnds, 32), (.addonCallEnds, 33), (.serviceReconcileAnswered, 34), (.kubeletConnection, 35),
        (.apiServerShutdownDelayEnds, 36), (.apiServerDrainTimedOut, 37), (.etcdTransferPoll, 38), (.virtualIPTakeover, 39), (.vrrpScript, 40),
        (.kubeVipRouteCheck, 44),
        (.apiServerEtcdKeepaliveExpires, 41),
        (.drainPass, 42), (.upgradePass, 43),
    ]

    @Test func theCodesAreUniqueAndStable() {
        #expect(Self.pinned.map(\.kind.rawValue) == Self.pinned.map(\.code))
        #expect(Set(TraceKind.allCases.map(\.rawValue)).count == TraceKind.allCases.count)
        #expect(Set(Self.pinned.map(\.kind)) == Set(TraceKind.allCases), "a kind missing from the pinned list")
        // A kind lives in the high byte, so it must fit in one.
        #expect(TraceKind.allCases.allSatisfy { $0.rawValue > 0 && $0.rawValue < 256 })
    }

    /// One event of every case, each with the kind its code carries, so that
    /// an event cannot be given another subsystem's kind by mistake.
    @Test func everyEventCarriesItsKindInTheHighByte() {
        let events: [(WorldEvent, TraceKind)] = [
            (.faults(.starts(index: 2)), .faultStarts), (.faults(.ends(index: 2)), .faultEnds),
            (.etcd(.tick(member: 1, incarnation: 3)), .etcdTick), (.etcd(.persisted(member: 1, incarnation: 3)), .etcdPersisted),
            (.etcd(.deliver(slot: 4, incarnation: 1, code: 77)), .etcdDeliver), (.etcd(.probeWrite), .etcdProbeWrite),
            (.etcd(.probeTimeout(probe: 9)), .etcdProbeTimeout),
            (.apiServers(.readinessCheck(host: 1, generation: 2)), .apiServerReadinessCheck),
            (.apiServers(.etcdRequestTimedOut(call: 5)), .apiServerEtcdRequestTimedOut),
            (.apiServers(.shutdownDelayEnds(host: 1, generation: 2)), .apiServerShutdownDelayEnds),
            (.apiServers(.drainTimedOut(host: 1, generation: 2)), .apiServerDrainTimedOut),
            (.apiServers(.etcdKeepaliveExpires(host: 1, member: 2, generation: 3)), .apiServerEtcdKeepaliveExpires),
            (.etcd(.transferPoll(member: 1)), .etcdTransferPoll),
            (.leases(.tryLease(candidate: 1, generation: 2)), .leaseTry), (.leases(.restart(candidate: 1, generation: 2)), .leaseRestart),
            (.leases(.callEnds(candidate: 1, call: 2)), .leaseCallEnds),
            (.addons(.sync(manager: 1, generation: 2)), .addonSync), (.addons(.callEnds(manager: 1, call: 2)), .addonCallEnds),
            (.operations(.step(index: 1, step: .vmReady)), .operationStep),
            (.access(.externalEndpointDue), .externalEndpointDue), (.access(.healthCheck(host: 1)), .healthCheck),
            (.access(.serviceReconcile(host: 1)), .serviceReconcile), (.access(.serviceReconcileAnswered(host: 1)), .serviceReconcileAnswered),
            (.access(.clientRequest(client: 1, member: 2)), .clientRequest), (.access(.clientTimeout(request: 3)), .clientTimeout),
            (.access(.apiRequestArrives(request: 3)), .apiRequestArrives), (.access(.apiResponseArrives(request: 3)), .apiResponseArrives),
            (.access(.virtualIPTakeover), .virtualIPTakeover), (.access(.vrrpScript(host: 1)), .vrrpScript),
            (.access(.routeCheck(host: 1)), .kubeVipRouteCheck),
            (.workers(.monitorPass(generation: 1)), .monitorPass), (.workers(.taintPass(generation: 1)), .taintPass),
            (.workers(.evictionsDue(generation: 1)), .evictionsDue), (.workers(.schedulePod(generation: 1)), .schedulePod),
            (.workers(.podsStarted(batch: 1)), .podsStarted), (.workers(.autoscalerScan(generation: 1)), .autoscalerScan),
            (.workers(.nodeProvisioned(slot: 1)), .nodeProvisioned), (.workers(.statusPost(slot: 1, generation: 2)), .statusPost),
            (.workers(.kubeletAttempt(slot: 1, generation: 2)), .kubeletAttempt),
            (.workers(.kubeletConnection(slot: 1, generation: 2)), .kubeletConnection),
            (.workers(.drainPass(generation: 1)), .drainPass), (.workers(.upgradePass(generation: 1)), .upgradePass),
            (.failures(.fails(target: 1)), .failureFails), (.failures(.repaired(target: 1)), .failureRepaired),
        ]
        for (event, kind) in events {
            #expect(event.traceCode >> 56 == kind.rawValue, "\(event)")
            // Each subsystem's kinds are its own (`Subsystem.traceKinds`).
            #expect(kind.owner == event.subsystem, "\(kind) belongs to \(kind.owner), its event to \(event.subsystem)")
        }
        #expect(Set(events.map(\.1)) == Set(TraceKind.allCases), "an event case per kind")
        // The parameters stay below the kind: the same event with other parameters, another code.
        #expect(WorldEvent.etcd(.tick(member: 1, incarnation: 3)).traceCode == 3 << 56 | 1 << 32 | 3)
    }
}
