import SimKernel
import Simulation
import Testing

/// The `kubernetes` service's endpoint reconcilers. Sources: kubernetes
/// pkg/controlplane/reconcilers/lease.go (keys with TTL 15 s refreshed every
/// 10 s; endpoints rewritten from live keys; "refusing to erase all endpoints")
/// and instancecount.go ("We *always* add our own IP address"; remove the IPs
/// "immediately following our own in the list (wrapping back around to the
/// start if necessary)"); docs ha-master-gce "Master service & kubelets" for
/// the external IP; FACTS.md "API server and the kubernetes service".
@Suite struct KubernetesServiceEndpointsTests {
    func at(_ seconds: Int64) -> SimInstant { SimInstant(.seconds(seconds)) }

    @Test func theDefaultsAreTheReconcilerConstants() {
        #expect(KubernetesServiceEndpoints.defaultLeaseTTL == .seconds(15))
        #expect(KubernetesServiceEndpoints.defaultReconcileInterval == .seconds(10))
    }

    @Test func theLeaseReconcilerDropsADeadApiserverAfterTheTTL() {
        var service = KubernetesServiceEndpoints(reconciler: .lease, initial: [0, 1, 2])
        #expect(service.endpoints == [0, 1, 2])
        // Host 2 reconciles at 10 s, then dies; hosts 0 and 1 reconcile every 10 s.
        service.apiserverReconciled(host: 2, at: at(10))
        for second in stride(from: Int64(10), through: 60, by: 10) {
            let changed0 = service.apiserverReconciled(host: 0, at: at(second))
            service.apiserverReconciled(host: 1, at: at(second + 1))
            // Its key expires at 25 s: the first reconcile after that removes it.
            #expect(service.endpoints(at: at(second)) == (second < 30 ? [0, 1, 2] : [0, 1]))
            #expect(changed0 == (second == 30))
        }
        #expect(service.liveLeases(at: at(61)) == [0, 1])
        #expect(service.writes == 1)
    }

    @Test func theLeaseReconcilerNeverWritesAnEmptyList() {
        var service = KubernetesServiceEndpoints(reconciler: .lease, initial: [0])
        let erased = service.apiserverStopped(host: 0, at: at(1))
        #expect(!erased)
        #expect(service.endpoints == [0])
        #expect(service.liveLeases(at: at(1)).isEmpty)
        // A graceful stop with others alive removes only the stopping one.
        var two = KubernetesServiceEndpoints(reconciler: .lease, initial: [0, 1])
        let stopped = two.apiserverStopped(host: 1, at: at(1))
        #expect(stopped)
        #expect(two.endpoints == [0])
    }

    @Test func masterCountKeepsADeadApiserverWhileTheCountAllows() {
        var service = KubernetesServiceEndpoints(reconciler: .masterCount(apiserverCount: 3), initial: [0, 1, 2])
        // Host 2 crashes; 0 and 1 reconcile for an hour. Nothing removes 2.
        for second in stride(from: Int64(10), through: 3_600, by: 10) {
            service.apiserverReconciled(host: 0, at: at(second))
            service.apiserverReconciled(host: 1, at: at(second))
        }
        #expect(service.endpoints == [0, 1, 2])
        #expect(service.writes == 0)
    }

    @Test func masterCountTrimsWhenANewApiserverPushesTheListOverTheCount() {
        var service = KubernetesServiceEndpoints(reconciler: .masterCount(apiserverCount: 3), initial: [0, 1, 2])
        // Host 2 died; its replacement, host 3, reconciles: [0,1,2,3] is over
        // the count, and the address following 3 (wrapping) is 0, a live one.
        let trimmed = service.apiserverReconciled(host: 3, at: at(10))
        #expect(trimmed)
        #expect(service.endpoints == [1, 2, 3])
        // Host 0 puts itself back and trims its follower, 1, also live.
        service.apiserverReconciled(host: 0, at: at(11))
        #expect(service.endpoints == [0, 2, 3])
        // Host 1 puts itself back and trims its follower: the dead 2, at last.
        service.apiserverReconciled(host: 1, at: at(12))
        #expect(service.endpoints == [0, 1, 3])
        // Stable from then on.
        for host in [0, 1, 3] {
            let changed = service.apiserverReconciled(host: host, at: at(20))
            #expect(!changed)
        }
        #expect(service.writes == 3)
    }

    @Test func masterCountRemovesItsOwnAddressOnGracefulShutdown() {
        var service = KubernetesServiceEndpoints(reconciler: .masterCount(apiserverCount: 3), initial: [0, 1, 2])
        let removed = service.apiserverStopped(host: 1, at: at(5))
        #expect(removed)
        #expect(service.endpoints == [0, 2])
    }

    @Test func noneKeepsTheEndpointsAsFirstWritten() {
        var service = KubernetesServiceEndpoints(reconciler: .none, initial: [2, 0])
        service.apiserverReconciled(host: 5, at: at(10))
        service.apiserverStopped(host: 0, at: at(20))
        #expect(service.endpoints == [0, 2])
        #expect(!service.routesThroughExternalIP)
    }

    @Test func theGCEWayPointsTheServiceAtTheExternalIP() {
        var service = KubernetesServiceEndpoints(reconciler: .externalIP, initial: [0, 1, 2])
        #expect(service.routesThroughExternalIP)
        #expect(service.endpoints.isEmpty)
        let changed = service.apiserverReconciled(host: 0, at: at(10))
        #expect(!changed)
    }
}
