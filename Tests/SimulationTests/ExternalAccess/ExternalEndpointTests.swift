import SimKernel
import Simulation
import Testing

/// The external IP through the GCE HA master procedure. Source: docs
/// "Set up High-Availability Kubernetes Masters" (ha-master-gce), "Load
/// balancing": the second replica creates the load balancer and the first
/// replica's IP is promoted to it; removing the penultimate replica removes the
/// load balancer and gives the IP to the last one; both take ~20 minutes to
/// propagate (FACTS.md row "propagation"; kubernetes/cluster/gce/util.sh polls
/// up to 30 minutes).
@Suite struct ExternalEndpointTests {
    let propagation = ExternalEndpoint.defaultPropagation

    /// Whether two streams are at the same position (their next draws agree).
    func sameNext(_ a: RandomStream, _ b: RandomStream) -> Bool {
        var a = a, b = b
        return (0..<4).allSatisfy { _ in a.next() == b.next() }
    }

    func kinds(_ endpoint: ExternalEndpoint) -> [ExternalEndpoint.Transition.Kind] {
        endpoint.transitions.map(\.kind)
    }

    @Test func theDefaultPropagationIsAboutTwentyMinutes() {
        #expect(propagation == .uniform(low: .minutes(15), high: .minutes(25)))
        #expect(propagation.meanSeconds == 1200)
    }

    @Test func addingTheSecondMasterCreatesTheLoadBalancerLiveAfterTheDrawnDelay() {
        var endpoint = ExternalEndpoint(masters: [0])
        #expect(endpoint.route(at: .start) == .host(0))
        var stream = RandomStream(seed: 11)
        var copy = stream
        let delay = propagation.sample(&copy)
        let added = SimInstant(.minutes(10))
        let live = endpoint.mastersChanged(to: [0, 1], at: added, propagation: propagation, stream: &stream)
        #expect(live == added + delay)
        #expect(sameNext(stream, copy))
        #expect(endpoint.state == .creatingLoadBalancer(live: added + delay, interim: 0))
        // Until the load balancer is live, requests keep reaching the first master.
        #expect(endpoint.route(at: added + delay - .nanoseconds(1)) == .host(0))
        #expect(endpoint.route(at: added + delay) == .loadBalancer(backends: [0, 1]))
        #expect(endpoint.advance(to: added + delay - .nanoseconds(1)) == 0)
        #expect(endpoint.advance(to: added + .hours(1)) == 1)
        #expect(endpoint.state == .loadBalancer)
        #expect(endpoint.nextTransition == nil)
        #expect(kinds(endpoint) == [.loadBalancerCreationStarted, .loadBalancerLive])
        #expect(endpoint.transitions.map(\.at) == [added, added + delay])
    }

    @Test func goingFromThreeMastersToOneRemovesTheLoadBalancerAndGivesTheIPToTheLast() {
        var endpoint = ExternalEndpoint(masters: [0, 1, 2])
        #expect(endpoint.state == .loadBalancer)
        var stream = RandomStream(seed: 12)
        let before = stream
        // 3 -> 2: only the backends change; nothing is drawn.
        #expect(endpoint.mastersChanged(to: [0, 2], at: SimInstant(.minutes(5)), propagation: propagation, stream: &stream) == nil)
        #expect(sameNext(stream, before))
        #expect(endpoint.route(at: SimInstant(.minutes(5))) == .loadBalancer(backends: [0, 2]))
        // 2 -> 1: the penultimate master goes; the removal propagates.
        var copy = stream
        let delay = propagation.sample(&copy)
        let removed = SimInstant(.minutes(30))
        let done = endpoint.mastersChanged(to: [2], at: removed, propagation: propagation, stream: &stream)
        #expect(done == removed + delay)
        #expect(endpoint.state == .removingLoadBalancer(done: removed + delay, last: 2))
        // Until the removal completes, the load balancer forwards to its backend.
        #expect(endpoint.route(at: removed + delay - .nanoseconds(1)) == .loadBalancer(backends: [2]))
        #expect(endpoint.route(at: removed + delay) == .host(2))
        endpoint.advance(to: removed + delay)
        #expect(endpoint.state == .direct(host: 2))
        #expect(kinds(endpoint) == [.backendsChanged, .loadBalancerRemovalStarted, .loadBalancerRemoved])
        #expect(endpoint.transitions.last?.detail == "load balancer removed; the IP is attached to host 2")
    }

    @Test func aRemovalRequestedDuringCreationWaitsForTheCreationToComplete() {
        var endpoint = ExternalEndpoint(masters: [0])
        endpoint.mastersChanged(to: [0, 1], at: .start, propagation: .minutes(20))
        endpoint.mastersChanged(to: [0], at: SimInstant(.minutes(5)), propagation: .minutes(18))
        #expect(endpoint.queuedPropagation == .minutes(18))
        #expect(endpoint.route(at: SimInstant(.minutes(19))) == .host(0))
        // Live at 20m, then removed 18 minutes later.
        #expect(endpoint.route(at: SimInstant(.minutes(21))) == .loadBalancer(backends: [0]))
        #expect(endpoint.advance(to: SimInstant(.hours(1))) == 2)
        #expect(endpoint.state == .direct(host: 0))
        #expect(kinds(endpoint) == [.loadBalancerCreationStarted, .removalQueued, .loadBalancerLive, .loadBalancerRemovalStarted, .loadBalancerRemoved])
        #expect(endpoint.transitions.last?.at == SimInstant(.minutes(38)))
    }

    @Test func aQueuedChangeThatIsNoLongerWantedIsCancelled() {
        var endpoint = ExternalEndpoint(masters: [0, 1])
        endpoint.mastersChanged(to: [1], at: .start, propagation: .minutes(20))
        endpoint.mastersChanged(to: [1, 2], at: SimInstant(.minutes(1)), propagation: .minutes(20))
        #expect(endpoint.queuedPropagation == .minutes(20))
        endpoint.mastersChanged(to: [1], at: SimInstant(.minutes(2)), propagation: .minutes(20))
        #expect(endpoint.queuedPropagation == nil)
        endpoint.advance(to: SimInstant(.hours(2)))
        #expect(endpoint.state == .direct(host: 1))
        #expect(kinds(endpoint) == [.loadBalancerRemovalStarted, .creationQueued, .queuedChangeCancelled, .loadBalancerRemoved])
    }

    @Test func replacingTheOnlyMasterMovesTheIPAndRemovingAllReleasesIt() {
        var endpoint = ExternalEndpoint(masters: [0])
        endpoint.mastersChanged(to: [3], at: .start, propagation: .minutes(20))
        #expect(endpoint.route(at: .start) == .host(3))
        endpoint.mastersChanged(to: [], at: SimInstant(.minutes(1)), propagation: .minutes(20))
        #expect(endpoint.route(at: SimInstant(.minutes(1))) == .nowhere)
        #expect(endpoint.takeTransitions().map(\.kind) == [.ipMoved, .ipReleased])
        #expect(endpoint.transitions.isEmpty)
    }
}
