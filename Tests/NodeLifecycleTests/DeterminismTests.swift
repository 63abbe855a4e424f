import NodeLifecycle
import SimKernel
import Testing

/// DESIGN.md §2: the same inputs give the same outputs, with no hidden order.
@Suite struct DeterminismTests {
    /// Two runs of a scenario touching every path (partial and full disruption,
    /// all zones down and back, a leader change) give identical change lists,
    /// stores and controller states.
    @Test func identicalRunsGiveIdenticalChanges() {
        func run() -> ClusterDriver {
            var driver = ClusterDriver(zoneSizes: [60, 8, 5], settings: .defaults(kubernetesMinorVersion: 31))
            let zones = (0..<3).map { driver.nodes(inZone: $0) }
            driver.kill(Array(zones[0].prefix(40)), at: seconds(50))
            driver.reportReady(false, [zones[1][0]], at: seconds(50))
            driver.kill(zones[1] + zones[2] + zones[0], at: seconds(200))
            driver.revive(zones[2], at: seconds(300))
            driver.advance(to: seconds(333))
            driver.electNewLeader()
            driver.advance(to: seconds(500))
            return driver
        }
        let a = run(), b = run()
        #expect(a.log == b.log)
        #expect(a.store == b.store)
        #expect(a.controller == b.controller)
        // The scenario did exercise the paths it claims to.
        #expect(a.log.contains { $0.change == .allZonesFullyDisruptedEntered })
        #expect(a.log.contains { $0.change == .allZonesFullyDisruptedExited })
        #expect(a.log.contains { if case .zoneStateChanged(_, _, .partialDisruption, _) = $0.change { true } else { false } })
        #expect(a.taintsAdded.count > 5)
    }
}
