import SimKernel
import Simulation
import Testing

/// The Workers subsystem: kubelets, the node lifecycle and taint eviction
/// controllers, the scheduler. Each test names the behaviour's source.
@Suite struct WorkersTests {
    static func topology(workers: Int = 10, heartbeats: HeartbeatModel = .aggregate) -> Topology {
        var topology = Topology(zones: ["a", "b", "c"], mastersPerZone: [1, 1, 1], workersPerZone: [workers, workers, workers])
        topology.workerNodes.heartbeats = heartbeats
        return topology
    }

    static func web(replicas: Int = 30, spread: Workload.ZoneSpread? = .init(whenUnsatisfiable: .scheduleAnyway),
                    kind: Workload.Kind = .deployment) -> Workload {
        var workload = Workload(name: "web", kind: kind, replicas: replicas, milliCPU: 500, memoryBytes: 512 << 20, spread: spread)
        workload.startup = .fixed(.seconds(2))
        return workload
    }

    static func zoneA(at start: Int64 = 600, for length: Int64) -> Fault {
        Fault(kind: .zoneOutage(.zone(0)), at: .fixed(.seconds(start)), duration: .fixed(.seconds(length)))
    }

    func run(_ topology: Topology = topology(), workloads: [Workload] = [web()], faults: [Fault],
             duration: SimDuration = .minutes(60), seed: UInt64 = 1, fastForward: Bool = true) -> RunResult {
        var scenario = Scenario(name: "workers", duration: duration, topology: topology, faults: faults)
        scenario.workloads = workloads
        scenario.fastForward = fastForward
        return simulate(scenario, seed: seed)
    }

    func events(_ result: RunResult, _ kind: EventKind) -> [EventRecord] { result.events.filter { $0.kind == kind } }

    /// The lazily computed renewals give exactly the results of one event per
    /// renewal attempt (docs/WORKERS.md, "Heartbeats"): every metric, interval
    /// and event, over outages, a paused worker and a cut-off one. Without
    /// the fast-forward, so that every renewal of the hour is an event.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func aggregateHeartbeatsEqualPerRenewalEvents(seed: UInt64) {
        let faults = [
            Self.zoneA(for: 900),
            Fault(kind: .hostPause(.host(3 + 12)), at: .fixed(.seconds(300)), duration: .fixed(.seconds(120))),
            Fault(kind: .partition(.isolate(.host(.host(3 + 25)))), at: .fixed(.seconds(1800)), duration: .fixed(.seconds(45))),
        ]
        let aggregate = run(Self.topology(heartbeats: .aggregate), faults: faults, seed: seed, fastForward: false)
        let perRenewal = run(Self.topology(heartbeats: .perRenewal), faults: faults, seed: seed, fastForward: false)
        #expect(aggregate.metrics == perRenewal.metrics)
        #expect(aggregate.intervals == perRenewal.intervals)
        #expect(aggregate.events == perRenewal.events)
        // The per-renewal model ran an event for each of its ~10,000 attempts.
        #expect(perRenewal.eventsDispatched - aggregate.eventsDispatched > 5_000)
        #expect(aggregate.metric(.nodeLeaseRenewals)! > 30 * 300)
    }

    /// node_lifecycle_controller.go tryUpdateNodeHealth: Ready becomes Unknown
    /// once the controller's own observation of the last renewal is older
    /// than the grace period (50 s from 1.32, 40 s before: PR 126287). The
    /// lease was renewed within 10.4 s before the outage, the controller sees
    /// it at its next 5 s pass and marks Unknown at the first pass past the
    /// grace period: from grace - 10.4 s to grace + 10 s after the outage.
    /// With HTTP/2 disabled, so that the kubelets of zones b and c whose
    /// connection was on master-a-1 are not pinned (KubeletPinningTests).
    @Test(arguments: [(31, 40.0), (32, 50.0)])
    func nodesGoNotReadyOneGracePeriodAfterTheirLastRenewal(minor: Int, grace: Double) {
        var topology = Self.topology()
        topology.workerNodes.nodeLifecycle = .defaults(kubernetesMinorVersion: minor)
        topology.workerNodes.kubelet.connection = .disableHTTP2
        let result = run(topology, faults: [Self.zoneA(for: 600)], duration: .minutes(20))
        let notReady = events(result, .nodesNotReady).filter { $0.entity == "node-zone/a" }
        #expect(!notReady.isEmpty)
        for event in notReady {
            let after = (event.time - SimInstant(.seconds(600))).seconds
            #expect(after >= grace - 10.4 && after <= grace + 10)
        }
        #expect(result.metric(.nodesNotReadyPeak) == 10)
    }

    /// doNoExecuteTaintingPass through the zone's token bucket (0.1 nodes/s,
    /// burst 1: rate_limited_queue.go), and taint_eviction.go deleting a
    /// node's pods when their 300 s toleration (DefaultTolerationSeconds) runs out.
    @Test func evictionsFollowTheTaintRateAndTheToleration() {
        let result = run(faults: [Self.zoneA(for: 1800)])
        let evictions = events(result, .podsEvicted).map(\.time)
        #expect(evictions.count == 10)
        // The first node queued at the pass after it went Unknown (5 s later),
        // tainted at the next 100 ms tick, its pods deleted 300 s after that;
        // then one node each 10 s. A zone of 10 nodes that is first only
        // PartialDisruption (more than 2 and 55 % not ready) is at most
        // largeClusterSizeThreshold, so it stops tainting until the next pass
        // finds it FullDisruption; nodes go Unknown over up to three passes.
        let firstUnknown = events(result, .nodesNotReady).first { $0.entity == "node-zone/a" }!.time
        let wait = (evictions[0] - firstUnknown).seconds
        #expect(wait >= 300 && wait <= 321, "first eviction \(wait) s after the first node went Unknown")
        for (earlier, later) in zip(evictions, evictions.dropFirst()) {
            #expect(abs((later - earlier).seconds - 10) < 0.11)
        }
        #expect(result.metric(.podsEvicted) == 10)
        // Rescheduled into zones b and c at once: they have room.
        #expect(result.metric(.podsPendingLongestSeconds)! < 1)
    }

    /// The ready pods of each workload per zone are on the timeline
    /// (`pods/<workload>/<zone>`, the run page's ready-pod chart): zone a's
    /// ten go unready when it goes dark (their node serves nothing), its
    /// pods are evicted one node each 10 s once the 300 s toleration has
    /// passed (the DefaultTolerationSeconds admission plugin) and start in
    /// b and c, and the zones always add up to the workload's ready pods.
    @Test func readyPodsPerZoneAreOnTheTimeline() {
        let result = run(faults: [Self.zoneA(for: 1800)])
        func lane(_ zone: String) -> [StateInterval] { result.intervals.filter { $0.entity == "pods/web/\(zone)" } }
        for zone in ["a", "b", "c"] { #expect(lane(zone).first?.state == "10", "zone \(zone): \(lane(zone).prefix(2))") }
        let dark = lane("a").first { $0.state == "0" }
        #expect(dark?.start == SimInstant(.seconds(600)), "\(lane("a").prefix(3))")
        #expect(lane("a").last?.state == "0")
        let counts = ["b", "c"].map { Int(lane($0).last?.state ?? "") ?? 0 }
        #expect(counts.reduce(0, +) == 30, "zones b and c at the end: \(counts)")
        #expect(lane("b").count > 2 && lane("c").count > 2)
    }

    /// A zone outage shorter than grace + toleration evicts nothing: the
    /// taints go when the kubelets post Ready again (markNodeAsReachable).
    @Test func aShortOutageEvictsNothing() {
        let result = run(faults: [Self.zoneA(for: 180)], duration: .minutes(20))
        #expect(result.metric(.podsEvicted) == 0)
        #expect(result.metric(.nodesTaintedPeak) == 10)
        let last = result.intervals.filter { $0.entity == "node-zone/a" }.last!
        #expect(last.state == "Normal")
    }

    /// Only the working kube-controller-manager leader runs the controller: a
    /// gray leader (renewing, doing nothing: issue 82960) taints nothing.
    @Test func aGrayControllerManagerLeaderEvictsNothing() {
        let gray = Fault(kind: .grayLeader(.kubeControllerManager), at: .fixed(.seconds(60)))
        let result = run(faults: [gray, Self.zoneA(for: 1800)])
        #expect(result.metric(.nodesTaintedPeak) == 0)
        #expect(result.metric(.podsEvicted) == 0)
    }

    /// A StatefulSet pod deleted on an unreachable node stays Terminating
    /// until its kubelet confirms, so it is not replaced during the outage
    /// (unlike a ReplicaSet's, which ignores terminating pods: FilterActivePods).
    @Test func statefulSetPodsAreNotReplacedWhileTheirNodeIsUnreachable() {
        let outage = [Self.zoneA(for: 1800)]
        let deployment = run(faults: outage)
        let statefulSet = run(workloads: [Self.web(kind: .statefulSet)], faults: outage)
        #expect(statefulSet.metric(.podsEvicted) == 10)
        #expect(statefulSet.metric(.workloadAvailability("web"))! < deployment.metric(.workloadAvailability("web"))! - 0.05)
        // Zone a's 10 pods stay out from the outage (600 s) to its end
        // (2400 s) and their recreation: at least 10/30 of 1800 of 3600 s.
        let outageShare: Double = 10.0 / 30 * 1800 / 3600
        #expect(statefulSet.metric(.workloadAvailability("web"))! <= 1 - outageShare)
    }

    /// stateful_set_control.go: in the default OrderedReady ("monotonic")
    /// mode the controller creates one missing pod and waits for it to be
    /// Running and Ready before the next; Parallel creates them all at once.
    /// Zone a's ten StatefulSet pods, evicted during a 30-minute outage and
    /// confirmed gone when its kubelets return, come back one 2 s startup
    /// after another, against all together.
    @Test func orderedReadyStatefulSetsRecoverOnePodAtATime() {
        func recovered(_ policy: Workload.PodManagementPolicy) -> SimDuration {
            var workload = Self.web(kind: .statefulSet)
            workload.podManagementPolicy = policy
            let result = run(workloads: [workload], faults: [Self.zoneA(for: 1800)])
            #expect(result.metric(.podsEvicted) == 10)
            let end = SimInstant(.seconds(2400))
            let lanes = result.intervals.filter { $0.entity.hasPrefix("pods/web/") }
            let changes = Set(lanes.map(\.start).filter { $0 >= end }).sorted()
            // The first instant after the outage at which all 30 are ready again.
            let whole = changes.first { time in
                lanes.filter { $0.start <= time && time < $0.end }.reduce(0) { $0 + (Int($1.state) ?? 0) } == 30
            }
            return (whole ?? SimInstant(.seconds(3600))) - end
        }
        let ordered = recovered(.orderedReady)
        let parallel = recovered(.parallel)
        // Ten startups of 2 s in a row, against one.
        #expect(ordered - parallel >= .seconds(9 * 2), "OrderedReady \(ordered), Parallel \(parallel)")
        #expect(parallel < .seconds(60))
    }

    /// A Service's callers reach the pods its EndpointSlices list, and a pod
    /// stays listed until its Ready condition turns False in the API: the
    /// EndpointSlice controller lists ready pods (pkg/controller/endpointslice
    /// `podToEndpoint`), and the node lifecycle controller sets them not
    /// ready only when it marks their node Unknown (`MarkPodsNotReady`, one
    /// grace period after the last renewal). Zone a going dark leaves a third
    /// of the endpoints dead until then, and none after: the workload's
    /// capacity stays short for the whole outage, its callers only for about
    /// a grace period, and a longer grace period (1.32's 50 s against 40 s)
    /// costs them more.
    @Test(arguments: [(31, 40.0), (32, 50.0)])
    func serviceCallersSeeDeadEndpointsForAboutAGracePeriod(minor: Int, grace: Double) {
        var topology = Self.topology()
        topology.workerNodes.nodeLifecycle = .defaults(kubernetesMinorVersion: minor)
        topology.workerNodes.kubelet.connection = .disableHTTP2
        let calm = run(topology, faults: [])
        #expect(calm.metric(.workloadServiceAvailability("web")) == 1)
        let result = run(topology, faults: [Self.zoneA(for: 1800)])
        let lost = (1 - result.metric(.workloadServiceAvailability("web"))!) * 3600
        // A third of the requests fail from the outage to the pass that marks
        // the zone's nodes: within grace - 10.4 s and grace + 10 s of it.
        #expect(lost >= (grace - 10.4) / 3 && lost <= (grace + 10) / 3, "\(lost) request-seconds lost")
        // The capacity measure counts the whole outage.
        #expect(1 - result.metric(.workloadAvailability("web"))! > 5 * (1 - result.metric(.workloadServiceAvailability("web"))!))
    }

    /// The `service.<workload>` downtime condition: down while some listed
    /// endpoint does not serve, so that kube-proxy sends a share of the
    /// callers' connections to a dead pod. Zone a's outage opens one
    /// stretch at its start, attributed to it, as a stale endpoint: the
    /// zone's pods stay listed until the node lifecycle controller marks
    /// each node Unknown, one grace period after its last renewal (within
    /// 10.4 s before the outage), at a 5 s pass, and sets its pods not
    /// ready (`MarkPodsNotReady`, node_lifecycle_controller.go). The last
    /// node marked renewed just before the outage: the stretch lasts about
    /// a grace period, up to a pass and the controller's API budget more.
    /// The capacity condition (`workloads.minAvailable`) is not touched:
    /// two thirds of the pods serve.
    @Test(arguments: [(31, 40.0), (32, 50.0)])
    func aZoneOutageGivesAServiceStretchOfStaleEndpointsUntilThePodsAreMarked(minor: Int, grace: Double) throws {
        var topology = Self.topology()
        topology.workerNodes.nodeLifecycle = .defaults(kubernetesMinorVersion: minor)
        #expect(run(topology, faults: []).downtime.filter { $0.metric.hasPrefix("service.") }.isEmpty)
        let result = run(topology, faults: [Self.zoneA(for: 1800)])
        let stretches = result.downtime.filter { $0.metric == DowntimeCondition.service("web").rawValue }
        let stretch = try #require(stretches.first)
        #expect(stretches.count == 1, "\(stretches)")
        #expect(stretch.start == SimInstant(nanosecondsSinceStart: SimDuration.seconds(600).nanoseconds))
        #expect(stretch.mechanism == DowntimeMechanism.staleEndpoint.rawValue)
        #expect(stretch.causes == [DowntimeCause(fault: "zoneOutage", target: "zone/a", origin: .fault(0))], "\(stretch.cause)")
        #expect(stretch.seconds >= grace - 1 && stretch.seconds <= grace + 12, "\(stretch.seconds) s of stale endpoints")
        // What the stretch cost the callers: a third of their requests for
        // most of it (`workload.web.service.availability`).
        let lost = (1 - result.metric(.workloadServiceAvailability("web"))!) * 3600
        #expect(lost > stretch.seconds / 6 && lost < stretch.seconds / 2, "\(lost) request-seconds lost over \(stretch.seconds) s")
    }

    /// A worker that freezes keeps its pods listed: the Service fails from
    /// the freeze until the controller marks the node, attributed to the
    /// pause; its kubelet is not counted as cut off (its node is down, not
    /// its path), so the `kubelets` condition holds.
    @Test func aPausedWorkersEndpointsAreStaleButItsKubeletIsNotCutOff() throws {
        let worker = 3  // worker-a-1: masters take host ids 0-2
        let result = run(faults: [Fault(kind: .hostPause(.host(worker)), at: .fixed(.seconds(300)), duration: .fixed(.seconds(120)))],
                         duration: .minutes(15))
        let service = result.downtime.filter { $0.metric == "service.web" }
        let first = try #require(service.first)
        #expect(first.start == SimInstant(nanosecondsSinceStart: SimDuration.seconds(300).nanoseconds))
        #expect(first.mechanism == DowntimeMechanism.staleEndpoint.rawValue)
        #expect(first.causes.map(\.fault) == ["pause"], "\(first.cause)")
        #expect(result.downtime.filter { $0.metric == "kubelets" }.isEmpty)
        #expect(result.metric(.kubeletCutOffSeconds) == 0)
    }

    /// PodTopologySpread with `whenUnsatisfiable: DoNotSchedule` counts the
    /// dead zone's nodes as a domain under the default `nodeTaintsPolicy:
    /// Ignore`: with zone a's pods gone, placing one in b or c would exceed
    /// maxSkew 1, so the evicted pods stay pending. `Honor` leaves the
    /// tainted zone out and they are placed.
    @Test func hardZoneSpreadKeepsEvictedPodsPendingUnlessTaintsAreHonored() {
        let outage = [Self.zoneA(for: 1800)]
        let ignore = run(workloads: [Self.web(spread: .init(maxSkew: 1, whenUnsatisfiable: .doNotSchedule))], faults: outage)
        let honor = run(workloads: [Self.web(spread: .init(maxSkew: 1, whenUnsatisfiable: .doNotSchedule, nodeTaintsPolicy: .honor))],
                        faults: outage)
        #expect(ignore.metric(.podsPendingPeak)! >= 9)
        #expect(ignore.metric(.podsPendingLongestSeconds)! > 600)
        #expect(honor.metric(.podsPendingLongestSeconds)! < 1)
    }

    /// A paused worker renews nothing and its pods serve nothing; it turns
    /// NotReady after the grace period, and Ready again once thawed.
    @Test func aPausedWorkerGoesNotReadyAndComesBack() {
        let worker = 3  // worker-a-1: masters take host ids 0-2
        let result = run(faults: [Fault(kind: .hostPause(.host(worker)), at: .fixed(.seconds(300)), duration: .fixed(.seconds(120)))],
                         duration: .minutes(15))
        #expect(result.metric(.nodesNotReadyPeak) == 1)
        #expect(result.metric(.podsEvicted) == 0)
        #expect(result.metric(.workloadAvailability("web"))! < 1)
        // NotReady from about 350 s until the thawed kubelet posts Ready
        // (within a status period of 420 s) and the next pass: well under
        // 120 node-seconds, so the node came back.
        let notReady = result.metric(.nodesNotReadySeconds)!
        #expect(notReady > 40 && notReady < 120)
    }

    @Test func sameSeedSameRun() {
        let first = run(faults: [Self.zoneA(for: 900)], seed: 7)
        let second = run(faults: [Self.zoneA(for: 900)], seed: 7)
        #expect(first == second)
    }
}
