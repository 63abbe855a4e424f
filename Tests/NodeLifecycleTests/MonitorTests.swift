import NodeLifecycle
import SimKernel
import Testing

/// monitorNodeHealth / tryUpdateNodeHealth (node_lifecycle_controller.go).
@Suite struct MonitorTests {
    /// tryUpdateNodeHealth: Unknown once `now` is strictly after the probe
    /// timestamp + nodeMonitorGracePeriod (`nc.now().After(probe.Add(grace))`).
    /// The kubelet's last lease renewal is at 90 s, seen by the pass at 90 s; with
    /// 40 s (v1.31) the pass at 130 s is not after 130 s, the one at 135 s is;
    /// with 50 s (v1.32 default) it is 145 s.
    @Test(arguments: [(31, 135.0), (32, 145.0)])
    func silentNodeGoesUnknownAtFirstPassAfterGracePeriod(minorVersion: Int, expected: Double) {
        var driver = ClusterDriver(zoneSizes: [3], settings: .defaults(kubernetesMinorVersion: minorVersion))
        let node = NodeID(0)
        driver.kill([node], at: seconds(100))
        driver.advance(to: seconds(300))
        #expect(driver.controller.probeTimestamp(node) == seconds(90))
        #expect(driver.becameUnknown(node) == [seconds(expected)])
        #expect(driver.store[node].ready?.status == .unknown)
        #expect(driver.store[node].ready?.lastTransition == seconds(expected))
        // The pods are marked not ready in that same pass (monitorNodeHealth:
        // current != True && observed == True).
        #expect(driver.changes { $0 == .podsMarkedNotReady(node) }.map(\.at) == [seconds(expected)])
        // The healthy nodes never change.
        #expect(driver.becameUnknown(NodeID(1)).isEmpty && driver.becameUnknown(NodeID(2)).isEmpty)
    }

    /// tryUpdateNodeHealth: a node that never posted a Ready condition is measured
    /// from its creationTimestamp with nodeStartupGracePeriod (60 s), and gets a
    /// Ready=Unknown condition ("NodeStatusNeverUpdated").
    @Test func nodeThatNeverPostsStatusGoesUnknownAfterStartupGracePeriod() {
        var driver = ClusterDriver(zoneSizes: [3])
        let silent = NodeID(2)
        driver.kill([silent], at: .start)  // before its first tick: no status, no lease
        driver.advance(to: seconds(120))
        #expect(driver.becameUnknown(silent) == [seconds(65)])
        #expect(driver.changes { $0 == .readyBecameUnknown(silent, from: nil) }.count == 1)
    }

    /// tryUpdateNodeHealth, "Missing timestamp for Node. Assuming now as a
    /// timestamp": a new instance (new leader) has an empty nodeHealthMap, so
    /// every node's probe timestamp starts at its own first pass, whatever the
    /// lease's renewTime says. The node's last renewal is at 90 s; the old
    /// leader would have marked it at 135 s (40 s grace); the new leader, first
    /// pass at 122 s, waits until after 162 s: the pass at 167 s.
    @Test func newLeaderWaitsItsOwnGracePeriod() {
        var driver = ClusterDriver(zoneSizes: [3], settings: .defaults(kubernetesMinorVersion: 31))
        let node = NodeID(0)
        driver.kill([node], at: seconds(100))
        driver.advance(to: seconds(122))
        driver.electNewLeader()
        #expect(driver.controller.probeTimestamp(node) == nil)
        driver.advance(to: seconds(122.1))
        #expect(driver.controller.probeTimestamp(node) == seconds(122))
        driver.advance(to: seconds(300))
        #expect(driver.becameUnknown(node) == [seconds(167)])
    }

    /// monitorNodeHealth: a new instance sees every node as "added" and calls
    /// markNodeAsReachable on each, removing the NoExecute taints the old leader
    /// wrote; processTaintBaseEviction then queues them again (the pass's node
    /// list still shows the old taint, so markNodeForTainting does not Remove
    /// first), and they are re-tainted through the rate limiter with a new
    /// timeAdded.
    @Test func newLeaderRemovesOldTaintsAndRequeuesThem() {
        var driver = ClusterDriver(zoneSizes: [10, 10], settings: .defaults(kubernetesMinorVersion: 31))
        let zone0 = driver.nodes(inZone: 0)
        driver.kill(zone0, at: seconds(100))
        driver.advance(to: seconds(165))
        // Unknown at 135, queued at 140 (next pass), tainted 140, 150, 160.
        #expect(driver.taintsAdded.map(\.at) == [seconds(140), seconds(150), seconds(160)])
        let before = driver.log.count
        driver.electNewLeader()
        driver.advance(to: seconds(190))
        let after = driver.log[before...]
        let removedAt165 = after.filter { $0.at == seconds(165) }.compactMap {
            if case .taintRemoved(let n, .unreachable) = $0.change { n } else { nil }
        }
        #expect(removedAt165 == Array(zone0.prefix(3)))
        let readded = after.compactMap { if case .taintAdded(let n, let t) = $0.change { (n, t.timeAdded) } else { nil } }
        #expect(readded.map(\.0) == Array(zone0.prefix(3)))
        #expect(readded.map(\.1) == [seconds(165), seconds(175), seconds(185)])
    }

    /// tryUpdateNodeHealth: when the status heartbeat changes, the new
    /// nodeHealthData is built without the saved lease, so the next pass takes
    /// the unchanged lease for a renewal and moves the probe timestamp once more.
    /// Lease renewed at 90 s; status posted at 93 s (seen at 95 s); silent after.
    /// Probe 95 s, then 100 s: Unknown after 140 s, at 145 s (not 140 s).
    @Test func statusPostMakesTheNextPassRereadTheLease() {
        var driver = ClusterDriver(zoneSizes: [3], settings: .defaults(kubernetesMinorVersion: 31))
        let node = NodeID(0)
        driver.reportReady(false, [node], at: seconds(93))
        driver.kill([node], at: seconds(93.1))
        driver.advance(to: seconds(96))
        #expect(driver.controller.probeTimestamp(node) == seconds(95))
        driver.advance(to: seconds(200))
        #expect(driver.controller.probeTimestamp(node) == seconds(100))
        #expect(driver.becameUnknown(node) == [seconds(145)])
    }

    /// processTaintBaseEviction: a node that reports Ready=False is queued in the
    /// same pass and gets not-ready; once it is Unknown, the pass after swaps the
    /// not-ready taint to unreachable at once, outside the rate limiter.
    @Test func notReadyNodeIsTaintedThenSwappedToUnreachable() {
        var driver = ClusterDriver(zoneSizes: [10], settings: .defaults(kubernetesMinorVersion: 31))
        let node = NodeID(4)
        driver.reportReady(false, [node], at: seconds(100))
        driver.kill([node], at: seconds(105))  // last status and lease at 100
        driver.advance(to: seconds(200))
        #expect(driver.taintsAdded.map { [$0.at, $0.taint.timeAdded] } == [[seconds(100), seconds(100)], [seconds(150), seconds(150)]])
        #expect(driver.taintsAdded.map(\.taint.key) == [.notReady, .unreachable])
        #expect(driver.becameUnknown(node) == [seconds(145)])
        #expect(driver.changes { $0 == .taintRemoved(node, .notReady) }.map(\.at) == [seconds(150)])
        #expect(driver.store[node].taints.map(\.key) == [.unreachable])
    }

    /// processTaintBaseEviction, ConditionTrue: markNodeAsReachable removes the
    /// taints when the node is Ready again.
    @Test func recoveredNodeLosesItsTaint() {
        var driver = ClusterDriver(zoneSizes: [10], settings: .defaults(kubernetesMinorVersion: 31))
        let node = NodeID(0)
        driver.kill([node], at: seconds(100))
        driver.advance(to: seconds(200))
        #expect(driver.store[node].taints.map(\.key) == [.unreachable])
        driver.revive([node], at: seconds(200))
        driver.advance(to: seconds(210))
        #expect(driver.store[node].taints.isEmpty)
        #expect(driver.store[node].ready?.status == .ready)
        #expect(driver.changes { $0 == .taintRemoved(node, .unreachable) }.map(\.at) == [seconds(200)])
    }
}
