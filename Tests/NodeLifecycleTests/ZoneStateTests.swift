import NodeLifecycle
import Testing

/// node_lifecycle_controller.go `ComputeZoneState` with the default
/// unhealthy-zone-threshold 0.55.
@Suite struct ZoneStateTests {
    @Test(arguments: [
        (ready: 0, notReady: 1, state: ZoneState.fullDisruption),  // no ready node
        (ready: 0, notReady: 100, state: .fullDisruption),
        (ready: 1, notReady: 2, state: .normal),                   // 2 not ready: not more than 2
        (ready: 0, notReady: 0, state: .normal),                   // empty (never computed in practice)
        (ready: 2, notReady: 3, state: .partialDisruption),        // 3 > 2 and 0.6 >= 0.55
        (ready: 9, notReady: 11, state: .partialDisruption),       // exactly 0.55 counts (>=)
        (ready: 10, notReady: 11, state: .normal),                 // 0.5238 < 0.55
        (ready: 45, notReady: 55, state: .partialDisruption),
        (ready: 46, notReady: 54, state: .normal),
    ])
    func computeZoneState(ready: Int, notReady: Int, state: ZoneState) {
        #expect(ZoneState.compute(readyNodes: ready, notReadyNodes: notReady, unhealthyZoneThreshold: 0.55) == state)
    }
}
