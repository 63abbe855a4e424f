import NodeLifecycle
import SimKernel
import Testing

/// doNoExecuteTaintingPass through the per-zone RateLimitedTimedQueue
/// (node_lifecycle_controller.go, nodelifecycle/scheduler/rate_limited_queue.go).
@Suite struct TaintingTests {
    /// A 100-node zone goes dark while another zone stays healthy. The dark zone
    /// is FullDisruption but not every zone is, so it keeps node-eviction-rate
    /// 0.1/s (handleDisruption -> setLimiterInZone -> HealthyQPSFunc). Ready
    /// becomes Unknown at 145 s (last lease 90 s + 50 s), the nodes are queued by
    /// the next pass (processTaintBaseEviction reads the condition as listed),
    /// and the token bucket of burst 1 (EvictionRateLimiterBurst) lets the first
    /// taint through at once and then one every 10 s, in queue order.
    @Test func darkZoneIsTaintedAtNodeEvictionRate() {
        var driver = ClusterDriver(zoneSizes: [100, 100])
        let zone0 = driver.nodes(inZone: 0)
        driver.kill(zone0, at: seconds(100))
        driver.advance(to: seconds(400.05))
        #expect(driver.controller.zoneState(ZoneID(0)) == .fullDisruption)
        #expect(driver.controller.zoneState(ZoneID(1)) == .normal)
        #expect(driver.controller.evictionRate(ZoneID(0)) == 0.1)
        let taints = driver.taintsAdded
        #expect(taints.map(\.at) == (0...25).map { seconds(150 + 10 * Double($0)) })
        #expect(taints.map(\.node) == Array(zone0.prefix(26)))
        #expect(taints.allSatisfy { $0.taint.key == .unreachable && $0.taint.timeAdded == $0.at })
        // The rest wait in the zone's queue, in order.
        #expect(driver.controller.taintQueue(ZoneID(0)) == Array(zone0.dropFirst(26)))
        #expect(driver.controller.taintQueue(ZoneID(1)).isEmpty)
    }
}
