import SimKernel
import Simulation
import Testing

/// `stop` and `reboot` faults: SIGTERM to a master's control-plane
/// processes, each stopping as the real one does, against `crash`, which
/// kills them with the host.
@Suite struct GracefulStopTests {
    func topology(healthCheck: HealthCheckSettings? = nil) -> Topology {
        var topology = Topology(zones: ["a", "b", "c"], mastersPerZone: [1, 1, 1], workersPerZone: [0, 0, 0])
        topology.access.externalClientRate = 10
        topology.access.inClusterClientRate = 0
        topology.access.healthCheck = healthCheck
        return topology
    }

    /// The master the outside client's first connection went to under `seed`.
    func firstBackend(seed: UInt64, _ topology: Topology) -> Int {
        let quiet = simulate(Scenario(name: "quiet", duration: .seconds(5), topology: topology), seed: seed)
        let opened = quiet.events.first { $0.kind == .connectionOpened }!
        return ["master-a-1", "master-b-1", "master-c-1"].firstIndex(of: opened.detail)!
    }

    func run(_ kind: FaultKind, _ topology: Topology, seed: UInt64, lasting: SimDuration = .minutes(3)) -> RunResult {
        simulate(
            Scenario(
                name: "stop", duration: .minutes(8), topology: topology,
                faults: [Fault(kind: kind, at: .fixed(.minutes(2)), duration: .fixed(lasting))]), seed: seed)
    }

    /// kube-apiserver on SIGTERM (k8s.io/apiserver genericapiserver.go
    /// RunWithContext): with --shutdown-delay-duration 0 it closes its
    /// listener at once and sends GOAWAY, and the long-lived client redials
    /// through the load balancer: it loses about one request (a dial the
    /// pool still sends to the stopping master), where a crash of the same
    /// host pins it for the HTTP/2 health check's 45 s.
    @Test func aGracefulStopCostsTheClientAboutOneRequestACrashFortyFiveSeconds() {
        let pool = topology(healthCheck: .gcp)
        for seed in UInt64(1)...3 {
            let host = firstBackend(seed: seed, pool)
            for kind in [FaultKind.hostStop(.host(host)), .hostReboot(.host(host))] {
                let stopped = run(kind, pool, seed: seed)
                #expect(stopped.metric(.externalPinnedSeconds) == 0, "seed \(seed) \(kind)")
                #expect(stopped.metric(.externalDeadBackendRequests)! <= 3, "seed \(seed) \(kind)")
                #expect(stopped.metric(.externalLongestOutageSeconds)! < 1, "seed \(seed) \(kind)")
                #expect(stopped.events.contains { $0.kind == .goAway && $0.detail.contains("client/outside") }, "seed \(seed) \(kind)")
            }
            let crashed = run(.hostCrash(.host(host)), pool, seed: seed)
            #expect(crashed.metric(.externalPinnedSeconds)! > 44, "seed \(seed)")
            #expect(crashed.metric(.externalLongestOutageSeconds)! > 40, "seed \(seed)")
        }
    }

    /// With --shutdown-delay-duration longer than the load balancer takes
    /// to mark the backend unhealthy (GCP: 2 failed probes 5 s apart), the
    /// client's redial after GOAWAY goes to a healthy master: with external
    /// etcd, which the stopping apiserver still reaches while it delays, no
    /// request is lost. Stacked (kubeadm's default), its only etcd is the
    /// local member, which got SIGTERM at the same instant and stopped, so
    /// every request it takes during the delay fails.
    @Test func aShutdownDelayLetsTheLoadBalancerDrainTheBackendFirst() {
        var external = topology(healthCheck: .gcp)
        external.externalEtcdPerZone = [1, 1, 1]
        external.apiServerShutdownDelay = .seconds(15)
        var stacked = topology(healthCheck: .gcp)
        stacked.apiServerShutdownDelay = .seconds(15)
        for seed in UInt64(1)...3 {
            let host = firstBackend(seed: seed, external)
            let stopped = run(.hostStop(.host(host)), external, seed: seed)
            #expect(stopped.metric(.externalDeadBackendRequests) == 0, "seed \(seed)")
            #expect(stopped.metric(.externalAvailability) == 1, "seed \(seed)")
            let start = stopped.events.first { $0.kind == .apiServerShutdown }!.time
            let goAway = stopped.events.first { $0.kind == .goAway }!.time
            #expect(goAway - start == .seconds(15))
            let errors = run(.hostStop(.host(firstBackend(seed: seed, stacked))), stacked, seed: seed)
            let lost = (1 - errors.metric(.externalAvailability)!) * 8 * 60 * 10
            #expect(lost > 140 && lost <= 151, "seed \(seed): \(lost) requests")
        }
    }

    /// A reboot's host goes down once its processes have exited, for the
    /// fault's duration, and then comes back.
    @Test func aRebootTakesTheHostDownForItsDuration() {
        let result = run(.hostReboot(.host(0)), topology(healthCheck: .gcp), seed: 1, lasting: .seconds(90))
        let down = result.events.first { $0.kind == .hostDown && $0.entity == "master-a-1" }!.time
        let up = result.events.first { $0.kind == .hostUp && $0.entity == "master-a-1" }!.time
        let sigterm = result.events.first { $0.kind == .gracefulStop }!.time
        #expect(down >= sigterm && down - sigterm < .seconds(61))
        #expect(up - down == .seconds(90))
    }

    /// etcd server.go Stop transfers a leader's leadership before it stops
    /// (TransferLeadership: MsgTransferLeader, then MsgTimeoutNow to the
    /// longest-connected voter, which campaigns at once, its votes passing
    /// the others' leader lease), so the cluster is leaderless for a round
    /// trip or two instead of an election timeout.
    @Test func aGracefulStopOfTheEtcdLeaderLeavesEtcdLeaderlessUnderTwoHundredMilliseconds() {
        for seed in UInt64(1)...5 {
            let stopped = run(.hostStop(.etcdLeader), topology(), seed: seed)
            #expect(stopped.metric(.etcdLeaderlessLongestSeconds)! < 0.2, "seed \(seed)")
            #expect(stopped.events.contains { $0.kind == .leadershipTransfer && $0.detail.hasPrefix("to etcd/") }, "seed \(seed)")
            let crashed = run(.hostCrash(.etcdLeader), topology(), seed: seed)
            #expect(crashed.metric(.etcdLeaderlessLongestSeconds)! > 0.5, "seed \(seed)")
        }
    }

    /// kube-scheduler releases its lease on SIGTERM (ReleaseOnCancel,
    /// cmd/kube-scheduler/app/options/options.go; client-go
    /// leaderelection.go release): a standby takes it at its next retry,
    /// within RetryPeriod * 2.2 (4.4 s) plus a round trip, where
    /// kube-controller-manager, which does not release, leaves its lease
    /// holderless until it expires (15 s after the last renewal).
    @Test func theSchedulersReleaseHandsItsLeaseOverAtTheNextRetry() {
        for seed in UInt64(1)...5 {
            let scheduler = run(.hostStop(.leaseHolder(.kubeScheduler)), topology(), seed: seed)
            let released = scheduler.metric(.leaseHolderlessLongestSeconds(.kubeScheduler))!
            #expect(released > 0 && released < 4.5, "seed \(seed): \(released) s")
            #expect(scheduler.events.contains { $0.kind == .leaseReleased && $0.detail.hasSuffix("holder cleared") }, "seed \(seed)")
            let manager = run(.hostStop(.leaseHolder(.kubeControllerManager)), topology(), seed: seed)
            let expired = manager.metric(.leaseHolderlessLongestSeconds(.kubeControllerManager))!
            #expect(expired > 10, "seed \(seed): \(expired) s")
        }
    }

    /// A stop whose time runs out while its apiserver still delays starts
    /// the processes again only once they have all exited, and everything
    /// runs again afterwards.
    @Test func processesStartAgainOnceTheyHaveExited() {
        var slow = topology(healthCheck: .gcp)
        slow.externalEtcdPerZone = [1, 1, 1]
        slow.apiServerShutdownDelay = .seconds(20)
        let result = run(.hostStop(.host(1)), slow, seed: 2, lasting: .seconds(5))
        #expect(result.metric(.externalAvailability) == 1)
        let lane = result.intervals.filter { $0.entity == "apiserver/master-b-1" }
        let notReady = lane.first { $0.state == "notReady" }!
        #expect(notReady.start == SimInstant(nanosecondsSinceStart: SimDuration.minutes(2).nanoseconds))
        #expect(notReady.end - notReady.start >= .seconds(20), "restarted at the exit, not at the end of for")
        #expect(lane.last?.state == "ready")
        #expect(result.metric(.leaseHolderlessLongestSeconds(.kubeScheduler))! < 5)
    }

    /// The kubelets get GOAWAY too and redial through the target pool at
    /// once: a reboot of one of three masters pins none of 300 kubelets and
    /// marks no node Unknown on 1.31, where a crash of the same master
    /// makes some of the pinned kubelets' nodes Unknown (KubeletPinningTests).
    @Test func kubeletsOnARebootedMasterRedialInsteadOfBeingPinned() {
        var topology = Topology(zones: ["a", "b", "c"], mastersPerZone: [1, 1, 1], workersPerZone: [100, 100, 100])
        topology.workerNodes.nodeLifecycle = .defaults(kubernetesMinorVersion: 31)
        func run(_ kind: FaultKind) -> RunResult {
            let fault = Fault(kind: kind, at: .fixed(.minutes(10)), duration: .fixed(.minutes(10)))
            return simulate(Scenario(name: "kubelets", duration: .minutes(30), topology: topology, faults: [fault]), seed: 1)
        }
        func wentUnknown(_ result: RunResult) -> Int {
            result.events.filter { $0.kind == .nodesNotReady }.reduce(0) { $0 + Int($1.detail.prefix { $0 != " " })! }
        }
        let rebooted = run(.hostReboot(.host(0)))
        let goAway = rebooted.events.first { $0.kind == .goAway }!
        let told = Int(goAway.detail.split(separator: " ").first { Int($0) != nil }!)!
        #expect(told >= 70 && told <= 130, "\(goAway.detail)")
        #expect(rebooted.metric(.kubeletPinnedSeconds) == 0)
        #expect(wentUnknown(rebooted) == 0)
        #expect(wentUnknown(run(.hostCrash(.host(0)))) > 20)
    }

    /// `removeMaster` with `graceful: true` stops the master's processes
    /// first (GOAWAY, etcd leadership moved) and deletes the VM once they
    /// have exited: the outside client on it loses about one request, where
    /// the abrupt removal, the VM deleted under its connection, pins it for
    /// the HTTP/2 health check's 45 s.
    @Test func aGracefulRemovalCostsTheClientAboutOneRequest() {
        let pool = topology(healthCheck: .gcp)
        for seed in UInt64(1)...3 {
            let host = firstBackend(seed: seed, pool)
            func remove(graceful: Bool) -> RunResult {
                var scenario = Scenario(name: "remove", duration: .minutes(8), topology: pool)
                scenario.operations = [MasterOperation(at: .minutes(2), kind: .remove(host: host), graceful: graceful)]
                return simulate(scenario, seed: seed)
            }
            let graceful = remove(graceful: true)
            #expect(graceful.metric(.externalPinnedSeconds) == 0, "seed \(seed)")
            #expect(graceful.metric(.externalDeadBackendRequests)! <= 3, "seed \(seed)")
            #expect(graceful.metric(.externalLongestOutageSeconds)! < 1, "seed \(seed)")
            let kinds = graceful.events.filter { $0.entity.hasSuffix(pool.hosts[host].name) }.map(\.kind)
            #expect(kinds.firstIndex(of: .gracefulStop)! < kinds.firstIndex(of: .vmDeleted)!, "seed \(seed): \(kinds)")
            let abrupt = remove(graceful: false)
            #expect(abrupt.metric(.externalPinnedSeconds)! > 40, "seed \(seed)")
        }
    }
}
