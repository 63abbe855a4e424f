import NodeLifecycle
import SimKernel
import Testing

/// pkg/controller/tainteviction/taint_eviction.go: handleNodeUpdate,
/// handlePodUpdate, processPodOnNode, getMinTolerationTime.
@Suite struct TaintEvictionTests {
    /// A pod with the admission defaults (300 s for both taints) is deleted 300 s
    /// after the controller sees the taint; removing the taint cancels it.
    @Test func defaultTolerationEvictsAfter300Seconds() {
        var tec = TaintEvictionController()
        let pod = tec.addPod(on: NodeID(0), tolerations: .admissionDefault, at: .start)
        #expect(tec.scheduledEviction(pod) == nil)
        tec.nodeUpdated(NodeID(0), taints: [.unreachable], at: seconds(150))
        #expect(tec.scheduledEviction(pod) == seconds(450))
        #expect(tec.nextEvictionTime == seconds(450))
        #expect(tec.evictionsDue(at: seconds(449.9)).isEmpty)
        #expect(tec.evictionsDue(at: seconds(450)) == [pod])
        #expect(tec.evictionsDue(at: seconds(451)).isEmpty)
        #expect(tec.nextEvictionTime == nil)

        let other = tec.addPod(on: NodeID(1), tolerations: .admissionDefault, at: .start)
        tec.nodeUpdated(NodeID(1), taints: [.unreachable], at: seconds(10))
        tec.nodeUpdated(NodeID(1), taints: [], at: seconds(20))
        #expect(tec.scheduledEviction(other) == nil)
    }

    /// processPodOnNode keeps an older countdown: swapping unreachable for
    /// not-ready does not restart it.
    @Test func swappedTaintKeepsTheCountdown() {
        var tec = TaintEvictionController()
        let pod = tec.addPod(on: NodeID(0), tolerations: .admissionDefault, at: .start)
        tec.nodeUpdated(NodeID(0), taints: [.notReady], at: seconds(100))
        tec.nodeUpdated(NodeID(0), taints: [.unreachable], at: seconds(160))
        #expect(tec.scheduledEviction(pod) == seconds(400))
    }

    /// Not tolerated: deleted at once. Tolerated without tolerationSeconds:
    /// never. The smallest tolerationSeconds among the taints wins; a pod that
    /// arrives on a tainted node starts its countdown on arrival.
    @Test func tolerationKinds() {
        var tec = TaintEvictionController()
        let intolerant = tec.addPod(on: NodeID(0), tolerations: PodTolerations(unreachable: .none, notReady: .seconds(300)), at: .start)
        let forever = tec.addPod(on: NodeID(0), tolerations: PodTolerations(unreachable: .forever, notReady: .forever), at: .start)
        let short = tec.addPod(on: NodeID(0), tolerations: PodTolerations(unreachable: .seconds(30), notReady: .seconds(600)), at: .start)
        tec.nodeUpdated(NodeID(0), taints: [.unreachable], at: seconds(10))
        #expect(tec.scheduledEviction(intolerant) == seconds(10))
        #expect(tec.scheduledEviction(forever) == nil)
        #expect(tec.scheduledEviction(short) == seconds(40))
        let late = tec.addPod(on: NodeID(0), tolerations: .admissionDefault, at: seconds(25))
        #expect(tec.scheduledEviction(late) == seconds(325))
    }

    /// The countdowns live in the instance's memory (TimedWorkerQueue): a new
    /// leader replays pods and nodes at its start and counts from there.
    @Test func newLeaderRestartsTheCountdown() {
        var old = TaintEvictionController()
        let pod = old.addPod(on: NodeID(0), tolerations: .admissionDefault, at: .start)
        old.nodeUpdated(NodeID(0), taints: [.unreachable], at: seconds(150))
        #expect(old.scheduledEviction(pod) == seconds(450))
        var new = TaintEvictionController()
        let same = new.addPod(on: NodeID(0), tolerations: .admissionDefault, at: seconds(200))
        new.nodeUpdated(NodeID(0), taints: [.unreachable], at: seconds(200))
        #expect(new.scheduledEviction(same) == seconds(500))
    }
}
