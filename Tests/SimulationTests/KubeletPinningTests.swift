import SimKernel
import Testing

@testable import Simulation

/// Kubelets keep one HTTP/2 connection through the load balancer, and a
/// failed heartbeat closes only idle connections unless DISABLE_HTTP2 is set
/// (kubernetes cmd/kubelet/app/server.go, `buildKubeletClientConfig`), so the
/// kubelets whose connection was on a master that crashed stay pinned to it
/// until client-go's HTTP/2 health check closes it: 30 s ReadIdleTimeout plus
/// 15 s PingTimeout (apimachinery pkg/util/net/http.go). That is longer than
/// the 40 s node monitor grace period before 1.32 and shorter than its 50 s
/// from 1.32 (kubernetes issue 121793, PR 126287).
@Suite struct KubeletPinningTests {
    /// Three masters, one a zone, behind a target pool without a health check
    /// (the GCE scripts' default), 100 workers a zone; master-a-1 crashes at
    /// 10 minutes for 10 minutes.
    func crashOneOfThree(
        minor: Int, connection: KubeletConnectionMode = .http2, requestTimeout: SimDuration? = nil,
        healthCheck: HealthCheckSettings? = nil
    ) -> (result: RunResult, redialled: Int) {
        var topology = Topology(zones: ["a", "b", "c"], mastersPerZone: [1, 1, 1], workersPerZone: [100, 100, 100])
        topology.access.healthCheck = healthCheck
        topology.workerNodes.nodeLifecycle = .defaults(kubernetesMinorVersion: minor)
        topology.workerNodes.kubelet.connection = connection
        topology.workerNodes.kubelet.requestTimeoutOverride = requestTimeout
        let crash = Fault(kind: .hostCrash(.host(0)), at: .fixed(.minutes(10)), duration: .fixed(.minutes(10)))
        let scenario = Scenario(name: "kubelets", duration: .minutes(30), topology: topology, faults: [crash], expectations: [])
        var world = World(scenario: scenario, seed: 1)
        let result = world.run()
        // Each kubelet dialled once at boot; those whose backend was the
        // crashed master dialled again when the health check closed it.
        return (result, world.workers.nodes.filter { $0.dials > 1 }.count)
    }

    /// Nodes the node lifecycle controller marked Unknown over the run, from
    /// its events ("N nodes Ready -> Unknown" a zone and pass).
    func wentUnknown(_ result: RunResult) -> Int {
        result.events.filter { $0.kind == .nodesNotReady }.reduce(0) { $0 + Int($1.detail.prefix { $0 != " " })! }
    }

    @Test func onOneThirtyOneTheKubeletsPinnedToTheCrashedMasterGoNotReady() {
        let (result, redialled) = crashOneOfThree(minor: 31)
        // About a third of 300 kubelets had their connection on master-a-1
        // (a hash per connection over the pool's three instances).
        #expect(redialled >= 70 && redialled <= 130, "\(redialled) kubelets were on the crashed master")
        // Each of them stalls until 45 s after the last frame its connection
        // heard (a lease renewal or a node status GET, up to 10 s before the
        // crash), then retries at once on a new connection: past the 40 s
        // grace for most of those whose last frame came well after their last
        // renewal. Only kubelets that were on the crashed master go Unknown.
        let unknown = wentUnknown(result)
        #expect(unknown <= redialled, "\(unknown) Unknown of \(redialled) pinned")
        #expect(unknown >= redialled / 4, "\(unknown) Unknown of \(redialled) pinned")
        #expect(result.metric(.kubeletPinnedSeconds)! >= 35 * Double(redialled))
    }

    @Test func onOneThirtyTwoTheFiftySecondGraceCoversMostOfThePinning() {
        let old = crashOneOfThree(minor: 31)
        let new = crashOneOfThree(minor: 32)
        // The same seed pins the same kubelets; 50 s outlasts the 45 s health
        // check, so only those whose last renewal fell early go Unknown.
        #expect(new.redialled == old.redialled)
        #expect(wentUnknown(new.result) < wentUnknown(old.result) / 2)
    }

    /// The heartbeat client's 10 s timeout (cmd/kubelet/app/server.go,
    /// `heartbeatClientConfig.Timeout`): when the health check closes a
    /// pinned connection, the target pool without a health check sends a
    /// third of the new connections to the crashed master again, and that
    /// dial goes unanswered until the lease request times out before
    /// retryUpdateLease retries at once (component-helpers
    /// lease/controller.go). Those kubelets renew 10 s later than a request
    /// that failed at once would let them, past 1.32's 50 s grace: nodes that
    /// renewed in time with a timeout of 1 ms go NotReady.
    @Test func theRequestTimeoutOnADeadBackendMakesNodesGoNotReadyThatRenewedInTime() {
        let real = crashOneOfThree(minor: 32)
        let instant = crashOneOfThree(minor: 32, requestTimeout: .milliseconds(1))
        #expect(real.redialled == instant.redialled)
        let slower = wentUnknown(real.result), faster = wentUnknown(instant.result)
        #expect(slower > faster, "\(slower) Unknown with the 10 s timeout, \(faster) with 1 ms")
        #expect(slower <= real.redialled)
        #expect(real.result.metric(.nodesNotReadySeconds)! > instant.result.metric(.nodesNotReadySeconds)!)
    }

    /// The `kubelets` downtime condition (docs/FAILURES.md, "Downtime
    /// attribution"): down while some kubelet on a live worker has no path
    /// to an apiserver that writes. The crash opens one stretch at its
    /// instant, attributed to it: the pinned kubelets stall until the
    /// HTTP/2 health check closes their connections, 30 s ReadIdleTimeout +
    /// 15 s PingTimeout after the last frame each heard (apimachinery
    /// pkg/util/net/http.go), so the pinned part is 35 to 45 s. The target
    /// pool without a health check then sends a third of the new
    /// connections to the crashed master again, each dial unanswered until
    /// the lease request's 10 s timeout (cmd/kubelet/app/server.go,
    /// `heartbeatClientConfig.Timeout`), so the stretch goes on as "LB
    /// without health check" for one or two such timeouts more. With the
    /// `gcp` health check the pool has marked the master down by then
    /// (3 failed 2 s probes): the stretch is the pinned part alone.
    @Test func theCrashGivesOneKubeletStretchPinnedThenRedialledToTheDeadMaster() throws {
        let crash = SimInstant(nanosecondsSinceStart: SimDuration.minutes(10).nanoseconds)
        for healthCheck in [nil, HealthCheckSettings.gcp] {
            let (result, redialled) = crashOneOfThree(minor: 31, healthCheck: healthCheck)
            let parts = result.downtime.filter { $0.metric == DowntimeCondition.kubelets.rawValue }
            // One stretch: its parts follow each other without a gap.
            let first = try #require(parts.first)
            #expect(first.start == crash)
            for (before, after) in zip(parts, parts.dropFirst()) { #expect(before.end == after.start) }
            for part in parts {
                #expect(part.causes == [DowntimeCause(fault: "crash", target: "master-a-1", origin: .fault(0))], "\(part.cause)")
            }
            func seconds(_ mechanism: DowntimeMechanism) -> Double {
                parts.filter { $0.mechanism == mechanism.rawValue }.reduce(0) { $0 + $1.seconds }
            }
            let total = parts.reduce(0) { $0 + $1.seconds }
            // master-a-1 led etcd at this seed: an election of about a second first.
            #expect(seconds(.election) < 2)
            #expect(seconds(.pinnedConnection) >= 35 && seconds(.pinnedConnection) <= 45, "\(seconds(.pinnedConnection)) s pinned")
            if healthCheck == nil {
                #expect(seconds(.noHealthCheck) >= 10 && seconds(.noHealthCheck) <= 30, "\(seconds(.noHealthCheck)) s redialled to the dead master")
                #expect(total >= 55 && total <= 75, "\(total) s in all")
            } else {
                #expect(seconds(.noHealthCheck) == 0 && seconds(.healthCheckDelay) == 0)
                #expect(total >= 40 && total <= 50, "\(total) s in all")
            }
            // The kubelet-seconds: about a third of the kubelets for about 45 s each.
            let kubeletSeconds = result.metric(.kubeletCutOffSeconds)!
            #expect(kubeletSeconds >= result.metric(.kubeletPinnedSeconds)!)
            #expect(kubeletSeconds >= 35 * Double(redialled) && kubeletSeconds <= 75 * Double(redialled), "\(kubeletSeconds) kubelet-s")
        }
    }

    /// With DISABLE_HTTP2 the kubelet closes every connection after a failed
    /// heartbeat and its next attempt dials afresh (`updateDialer`'s
    /// closeAllConns), so no node goes NotReady over one master's crash.
    @Test func withHTTP2DisabledNoKubeletIsPinned() {
        let (result, _) = crashOneOfThree(minor: 31, connection: .disableHTTP2)
        #expect(wentUnknown(result) == 0)
        #expect(result.metric(.kubeletPinnedSeconds) == 0)
        // Each failed heartbeat dials afresh and lands on a live master at
        // once, or after a refused dial: at most the crash's election and
        // an instant here and there, never the pinned 45 s.
        let down = result.downtime.filter { $0.metric == DowntimeCondition.kubelets.rawValue }.reduce(0) { $0 + $1.seconds }
        #expect(down < 5, "\(down) s of kubelets cut off")
    }
}
