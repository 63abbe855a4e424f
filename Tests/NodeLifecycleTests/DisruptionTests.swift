import NodeLifecycle
import SimKernel
import Testing

/// handleDisruption, ComputeZoneState, setLimiterInZone, ReducedQPSFunc
/// (node_lifecycle_controller.go).
@Suite struct DisruptionTests {
    /// 60 of a 100-node zone go dark: 60 not ready > 2 and 0.6 >= 0.55, so the
    /// zone is PartialDisruption, and with more than large-cluster-size-threshold
    /// (50) nodes ReducedQPSFunc gives secondary-node-eviction-rate 0.01/s. The
    /// old bucket still had its token when swapped, so the new one is not
    /// drained (SwapLimiter): first taint at once, then one every 100 s.
    @Test func largePartiallyDisruptedZoneUsesSecondaryRate() {
        var driver = ClusterDriver(zoneSizes: [100, 10])
        let zone0 = driver.nodes(inZone: 0)
        driver.kill(Array(zone0.prefix(60)), at: seconds(100))
        driver.advance(to: seconds(400))
        #expect(driver.changes { if case .zoneStateChanged(ZoneID(0), _, _, _) = $0 { true } else { false } }
            == [TimedChange(at: .start, change: .zoneStateChanged(ZoneID(0), from: .initial, to: .normal, evictionRate: 0.1)),
                TimedChange(at: seconds(145), change: .zoneStateChanged(ZoneID(0), from: .normal, to: .partialDisruption, evictionRate: 0.01))])
        #expect(driver.taintsAdded.map(\.at) == [seconds(150), seconds(250), seconds(350)])
        #expect(driver.taintsAdded.map(\.node) == Array(zone0.prefix(3)))
    }

    /// ReducedQPSFunc compares the zone's node count with
    /// large-cluster-size-threshold using `>`: a PartialDisruption zone of 50
    /// nodes stops tainting (rate 0, the never-limiter), one of 51 uses 0.01/s.
    @Test(arguments: [(50, 30, 0), (51, 31, 4)])
    func smallPartiallyDisruptedZoneStopsTainting(zoneSize: Int, dark: Int, expectedTaints: Int) {
        var driver = ClusterDriver(zoneSizes: [zoneSize, 10])
        let zone0 = driver.nodes(inZone: 0)
        driver.kill(Array(zone0.prefix(dark)), at: seconds(100))
        driver.advance(to: seconds(500))
        #expect(driver.controller.zoneState(ZoneID(0)) == .partialDisruption)
        #expect(driver.controller.evictionRate(ZoneID(0)) == (expectedTaints == 0 ? 0 : 0.01))
        #expect(driver.taintsAdded.count == expectedTaints)
        #expect(driver.controller.taintQueue(ZoneID(0)).count == dark - expectedTaints)
    }

    /// handleDisruption, all zones FullDisruption: "Entering master disruption
    /// mode" removes every node's NoExecute taints and swaps every zone's limiter
    /// for the never-limiter; leaving it, each zone gets its state's rate again,
    /// from a bucket drained because the old (never) limiter had no token, so
    /// the first taint comes one interval (10 s) after the exit, not at once.
    @Test func allZonesFullyDisruptedStopsTaintingAndRemovesTaints() {
        var driver = ClusterDriver(zoneSizes: [10, 10], settings: .defaults(kubernetesMinorVersion: 31))
        let zone0 = driver.nodes(inZone: 0), zone1 = driver.nodes(inZone: 1)
        driver.kill(zone0, at: seconds(100))  // Unknown at 135, tainted from 140 every 10 s
        driver.kill(zone1, at: seconds(170))  // last lease 160: Unknown at 205
        driver.advance(to: seconds(300))
        let tainted = driver.taintsAdded
        #expect(tainted.map(\.at) == [140.0, 150, 160, 170, 180, 190, 200].map(seconds))
        #expect(driver.changes { $0 == .allZonesFullyDisruptedEntered }.map(\.at) == [seconds(205)])
        let removed = driver.changes { if case .taintRemoved = $0 { true } else { false } }
        #expect(removed.map(\.at) == Array(repeating: seconds(205), count: 7))
        #expect(removed.map(\.change) == tainted.map { .taintRemoved($0.node, .unreachable) })
        #expect(driver.store.nodes.allSatisfy { $0.taints.isEmpty })
        #expect(driver.controller.evictionRate(ZoneID(0)) == 0 && driver.controller.evictionRate(ZoneID(1)) == 0)

        driver.revive(zone1, at: seconds(300))  // zone 1's kubelets post Ready at 300
        driver.advance(to: seconds(330))
        #expect(driver.changes { $0 == .allZonesFullyDisruptedExited }.map(\.at) == [seconds(300)])
        #expect(driver.controller.zoneState(ZoneID(0)) == .fullDisruption)
        #expect(driver.controller.zoneState(ZoneID(1)) == .normal)
        #expect(driver.taintsAdded.dropFirst(7).map(\.at) == [seconds(310), seconds(320)])
    }

    /// handleDisruption, "Exiting master disruption mode": every node's probe
    /// timestamp is reset to now, so a node silent since before the exit gets a
    /// full grace period from the exit. All kubelets report NotReady at 50 s
    /// (both zones FullDisruption); node 0 dies after its lease renewal at 70 s;
    /// the others report Ready at 90 s (exit). Without the reset node 0 would go
    /// Unknown after 70 + 40 s, at 115 s; with it, after 90 + 40 s, at 135 s.
    @Test func leavingAllZonesDisruptedResetsProbeTimestamps() {
        var driver = ClusterDriver(zoneSizes: [3, 3], settings: .defaults(kubernetesMinorVersion: 31))
        let all = driver.store.liveNodeIDs
        let silent = NodeID(0)
        driver.reportReady(false, all, at: seconds(50))
        driver.advance(to: seconds(75))
        #expect(driver.changes { $0 == .allZonesFullyDisruptedEntered }.map(\.at) == [seconds(50)])
        driver.kill([silent], at: seconds(75))
        driver.advance(to: seconds(90))
        #expect(driver.controller.probeTimestamp(silent) == seconds(70))
        driver.reportReady(true, Array(all.dropFirst()), at: seconds(90))
        driver.advance(to: seconds(200))
        #expect(driver.changes { $0 == .allZonesFullyDisruptedExited }.map(\.at) == [seconds(90)])
        #expect(driver.becameUnknown(silent) == [seconds(135)])
    }
}
