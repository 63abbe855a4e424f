import SimKernel
import Simulation
import Testing

/// External access wired into the World (issue 5, "Done when"): clients
/// through the external IP and the load balancer's health checks, the
/// `kubernetes` service's reconcilers, and scaling under a propagating load
/// balancer.
@Suite struct ExternalAccessWorldTests {
    func threeMasters(_ configure: (inout AccessSettings) -> Void = { _ in }) -> Topology {
        var topology = Topology(zones: ["a", "b", "c"], mastersPerZone: [1, 1, 1], workersPerZone: [0, 0, 0])
        topology.etcd.writeProbeRate = 0
        topology.access.externalClientRate = 10
        topology.access.inClusterClientRate = 10
        configure(&topology.access)
        return topology
    }

    func crashAPIServer(_ host: Int, at: SimDuration, for duration: SimDuration) -> Fault {
        Fault(kind: .componentCrash(.apiserver, .host(host)), at: .fixed(at), duration: .fixed(duration))
    }

    /// gcloud health-checks reference (GCP legacy: 5 s interval, unhealthy
    /// after 2 failures) and the AWS target group API (NLB: 30 s, 2): the
    /// load balancer marks a dead apiserver unhealthy after the threshold.
    /// The client itself loses about one request: its connection is reset
    /// and a redial that lands on the dead process is refused at once.
    @Test(arguments: [(HealthCheckSettings.gcp, 10.0), (.awsNLB, 60.0)])
    func aCrashedAPIServerReceivesRequestsUntilItIsDetected(preset: HealthCheckSettings, detection: Double) {
        let crash = SimDuration.minutes(5)
        let topology = threeMasters { $0.healthCheck = preset }
        var scenario = Scenario(name: "lb", duration: .minutes(15), topology: topology, faults: [crashAPIServer(2, at: crash, for: .minutes(5))])
        scenario.expectations = []
        let result = simulate(scenario)
        let unhealthy = result.events.first { $0.kind == .backendUnhealthy }!
        let detectedAfter = (unhealthy.time - SimInstant(crash)).seconds
        // Detection takes between (threshold - 1) and threshold intervals, by probe phase.
        #expect(detectedAfter > detection - preset.interval.seconds && detectedAfter <= detection, "\(detectedAfter)")
        #expect(result.metric(.externalDeadBackendRequests)! <= 3)
        let healthyAgain = result.events.first { $0.kind == .backendHealthy }!
        #expect(healthyAgain.time > SimInstant(crash + .minutes(5)))
    }

    /// kubernetes pkg/controlplane/reconcilers: with the lease reconciler a
    /// dead apiserver leaves the `kubernetes` service once its 15 s key
    /// expires; with master-count its address stays while the count allows.
    @Test func masterCountKeepsADeadAPIServersEndpoint() {
        func inCluster(_ reconciler: KubernetesServiceEndpoints.Reconciler) -> RunResult {
            let topology = threeMasters { $0.serviceReconciler = reconciler }
            return simulate(Scenario(name: "svc", duration: .minutes(20), topology: topology,
                                     faults: [crashAPIServer(2, at: .minutes(5), for: .minutes(10))]))
        }
        let lease = inCluster(.lease)
        let masterCount = inCluster(.masterCount(apiserverCount: 3))
        #expect(lease.metric(.inClusterAvailability)! > 0.99)
        #expect(lease.events.contains { $0.kind == .endpointsChanged && $0.detail == "master-a-1,master-b-1" })
        // Master-count: the dead address stays for the whole 10 minutes, so a
        // third of new connections (kube-proxy picks per connection) fail.
        #expect(!masterCount.events.contains { $0.kind == .endpointsChanged })
        let states = masterCount.intervals.filter { $0.entity == "kubernetes-service" }.map(\.state)
        #expect(states == ["master-a-1,master-b-1,master-c-1"])
    }

    /// docs ha-master-gce; docs/EXTERNAL-ACCESS.md: while the load balancer
    /// is created, clients still reach the first master directly, so when
    /// that master fails before the load balancer is live the external
    /// address serves nothing until it is, although two new masters run.
    @Test func theFirstMasterFailingBeforeTheLoadBalancerIsLiveIsAnExternalOutage() {
        var topology = growingFromOneMaster()
        topology.etcd.writeProbeRate = 0
        topology.access.externalClientRate = 10
        topology.access.inClusterClientRate = 10
        topology.access.loadBalancerPropagation = .fixed(.minutes(20))
        var scenario = Scenario(name: "scale", duration: .hours(1), topology: topology,
                                faults: [Fault(kind: .hostCrash(.host(0)), at: .fixed(.minutes(10)))])
        scenario.operations = [MasterOperation(at: .minutes(1), kind: .add(host: 1)), MasterOperation(at: .minutes(1), kind: .add(host: 2))]
        let result = simulate(scenario)
        let live = result.events.first { $0.kind == .loadBalancerLive }!.time
        // Creation started when master-b-1 joined (about 2 min 20 s) and takes 20 minutes.
        #expect(live > SimInstant(.minutes(22)) && live < SimInstant(.minutes(23)))
        // Outage from the crash (10 min) to the load balancer going live: about 12 to 13 minutes.
        let outage = result.metric(.externalLongestOutageSeconds)!
        #expect(outage > 12 * 60 && outage < 13 * 60 + 10, "\(outage)")
        // The in-cluster client, through the service: its connection to the
        // crashed master is pinned until the HTTP/2 health check (about 45 s).
        #expect(result.metric(.inClusterLongestOutageSeconds)! < 50)
    }

    /// DNS round robin: a client caches one address for the TTL and redials
    /// it while the cache lasts, even when that apiserver is dead. The crash
    /// comes 20 s after the first resolution, so the cache has 40 s to run.
    @Test func aDNSClientSticksToADeadAddressUntilItsTTLExpires() {
        let withDNS = threeMasters {
            $0.mode = .dns(ttl: .seconds(60))
            $0.inClusterClientRate = 0
        }
        // Crash the apiserver the client's connection is on: its reset
        // connection redials the cached address, refused until the TTL ends
        // (the first resolution was at 0.1 s, the cache lasts to 60.1 s).
        let quiet = simulate(Scenario(name: "dns", duration: .seconds(5), topology: withDNS))
        let cached = ["master-a-1", "master-b-1", "master-c-1"].firstIndex(of: quiet.events.first { $0.kind == .connectionOpened }!.detail)!
        let result = simulate(Scenario(name: "dns", duration: .minutes(30), topology: withDNS,
                                       faults: [Fault(kind: .componentCrash(.apiserver, .host(cached)), at: .fixed(.seconds(20)), duration: .fixed(.minutes(10)))]))
        // Refused from the crash until the cache expires at 60.1 s; then a fresh
        // resolution may pick the dead address again (a third of the time).
        let outage = result.metric(.externalLongestOutageSeconds)!
        #expect(outage >= 40 && outage < 60.2 * 2, "\(outage)")
        #expect(result.metric(.externalAvailability)! < 1)
    }
}

/// kubernetes pkg/controlplane/reconcilers/instancecount.go: with more
/// apiservers than --apiserver-count, each reconcile adds its own address and
/// trims the others, so the endpoints never settle.
@Suite struct MasterCountChurnTests {
    @Test func moreAPIServersThanTheCountRewriteTheEndpointsForever() {
        func writes(_ count: Int) -> Double {
            var topology = Topology(zones: ["a", "b", "c"], mastersPerZone: [2, 2, 1], workersPerZone: [0, 0, 0])
            topology.access.serviceReconciler = .masterCount(apiserverCount: count)
            return simulate(Scenario(name: "churn", duration: .minutes(10), topology: topology)).metric(.kubernetesServiceEndpointWrites)!
        }
        #expect(writes(5) == 0)
        #expect(writes(3) > 100)
    }
}

/// docs ha-master-gce, "Master certificates": the certificate covers the
/// external IP (or DNS name) and each replica's internal IP, not the
/// replicas' ephemeral public IPs.
@Suite struct CertificateWorldTests {
    func availability(_ address: ClientAddress, skip: Bool) -> Double {
        var topology = Topology(zones: ["a", "b", "c"], mastersPerZone: [1, 1, 1], workersPerZone: [0, 0, 0])
        topology.access.clientAddress = address
        topology.access.clientSkipsVerification = skip
        return simulate(Scenario(name: "tls", duration: .minutes(2), topology: topology)).metric(.externalAvailability)!
    }

    @Test func aClientDiallingAnUncoveredAddressFailsUnlessItSkipsVerification() {
        #expect(availability(.replicaPublicIP, skip: false) == 0)
        #expect(availability(.replicaPublicIP, skip: true) == 1)
        #expect(availability(.replicaInternalIP, skip: false) == 1)
        #expect(availability(.externalIP, skip: false) == 1)
    }

    @Test func analyzeWarnsAboutTheClientsTLSSetUp() {
        var topology = Topology(zones: ["a", "b", "c"], mastersPerZone: [1, 1, 1], workersPerZone: [0, 0, 0])
        #expect(FailureTolerance(topology: topology).warnings.isEmpty)
        topology.access.clientAddress = .replicaPublicIP
        #expect(FailureTolerance(topology: topology).warnings.map(\.code) == ["certificate-does-not-cover-address"])
        topology.access.clientSkipsVerification = true
        #expect(FailureTolerance(topology: topology).warnings.map(\.code) == ["tls-verification-skipped"])
    }
}

/// The load balancer itself failing, and the data-size setting of scaling.
@Suite struct LoadBalancerOutageAndDataSizeTests {
    @Test func aLoadBalancerOutageFailsEveryOutsideRequestWhileInClusterOnesGoOn() {
        var topology = Topology(zones: ["a", "b", "c"], mastersPerZone: [1, 1, 1], workersPerZone: [0, 0, 0])
        topology.access.externalClientRate = 10
        topology.access.inClusterClientRate = 10
        let result = simulate(Scenario(name: "lb-down", duration: .minutes(10), topology: topology,
                                       faults: [Fault(kind: .loadBalancerOutage, at: .fixed(.minutes(2)), duration: .fixed(.minutes(3)))]))
        let outage = result.metric(.externalLongestOutageSeconds)!
        #expect(outage >= 180 && outage <= 180.2, "\(outage)")
        #expect(result.metric(.inClusterAvailability) == 1)
    }

    /// GCE HA docs: the new replica's etcd state is copied before it starts;
    /// with a data size the copy takes size / rate.
    @Test func theDataSizeSetsTheCopyTime() {
        var topology = Topology(zones: ["a", "b"], mastersPerZone: [1, 0], workersPerZone: [0, 0])
        topology.masterCapacityPerZone = [1, 1]
        topology.scaling.etcdDataSizeMB = 4_000
        topology.scaling.copyRateMBps = 50
        // The documentation's order: VM, member, copy, start.
        topology.access.procedure = .legacy
        var scenario = Scenario(name: "copy", duration: .minutes(10), topology: topology)
        scenario.operations = [MasterOperation(at: .minutes(1), kind: .add(host: 1))]
        let result = simulate(scenario)
        let added = result.events.first { $0.kind == .memberAdded }!.time
        let started = result.events.first { $0.kind == .memberStarted }!.time
        #expect(started - added == .seconds(80))
    }
}

/// Issue 4: "request latency = network + commit". A served request is a write
/// through the apiserver's etcd path, done when its member applies it.
@Suite struct RequestLatencyTests {
    func p50(_ configure: (inout Topology) -> Void, faults: [Fault] = []) -> Double {
        var topology = Topology(zones: ["a", "b", "c"], mastersPerZone: [1, 1, 1], workersPerZone: [0, 0, 0])
        topology.access.externalClientRate = 10
        configure(&topology)
        return simulate(Scenario(name: "latency", duration: .minutes(3), topology: topology, faults: faults))
            .metric(.externalLatencyP50Seconds)!
    }

    @Test func latencyIsCommitThroughTheNetworkAndTheDisk() {
        let healthy = p50 { _ in }
        #expect(healthy > 0.001 && healthy < 0.02, "\(healthy)")
        // A slower network between zones: every commit waits for a cross-zone round trip.
        let distant = p50 { $0.network.crossZone = .fixed(.milliseconds(20)) }
        #expect(distant >= 0.04, "\(distant)")
        // A slow disk under the leader: commits wait for its fsync before they apply.
        let slowDisk = p50({ _ in }, faults: [Fault(kind: .slowDisk(.etcdLeader, fsync: .fixed(.milliseconds(50))), at: .fixed(.seconds(1)))])
        #expect(slowDisk >= 0.05, "\(slowDisk)")
    }
}

/// The HA docs ask operators to change --apiserver-count with every replica
/// added or removed (docs ha-master-gce); `apiserverCountFollowsMasters`
/// models doing so, its absence forgetting to.
@Suite struct APIServerCountTests {
    func endpointsAfterShrinking(follows: Bool) -> String {
        var topology = Topology(zones: ["a", "b", "c"], mastersPerZone: [1, 1, 1], workersPerZone: [0, 0, 0])
        topology.access.serviceReconciler = .masterCount(apiserverCount: 3)
        topology.access.apiserverCountFollowsMasters = follows
        var scenario = Scenario(name: "count", duration: .minutes(10), topology: topology)
        scenario.operations = [MasterOperation(at: .minutes(1), kind: .remove(host: 2))]
        return simulate(scenario).intervals.last { $0.entity == "kubernetes-service" }!.state
    }

    @Test func aCountThatFollowsTheMastersTrimsTheRemovedAddress() {
        #expect(endpointsAfterShrinking(follows: true) == "master-a-1,master-b-1")
        #expect(endpointsAfterShrinking(follows: false) == "master-a-1,master-b-1,master-c-1")
    }
}

/// kube-addons.sh: with ADDON_MANAGER_LEADER_ELECTION (true by default) only
/// the add-on manager on the kube-controller-manager leader's master applies
/// the add-ons; one that cannot read the record does not (the current
/// script's "No leader election info found.").
@Suite struct AddonLeaderElectionTests {
    func run(leaderElection: Bool, faults: [Fault] = []) -> RunResult {
        var topology = Topology(zones: ["a", "b", "c"], mastersPerZone: [1, 1, 1], workersPerZone: [0, 0, 0])
        topology.addonManagerLeaderElection = leaderElection
        return simulate(Scenario(name: "addons", duration: .minutes(10), topology: topology, faults: faults))
    }

    @Test func onlyTheControllerManagerLeadersMasterSyncs() {
        let elected = run(leaderElection: true)
        #expect(elected.metric(.addonSyncAvailability) == 1)
        // 60 s, plus the milliseconds of the apiserver's round trip to etcd.
        #expect(elected.metric(.addonSyncStalenessMaxSeconds)! < 60.01)
    }

    /// The leader's master loses its apiserver: the lease moves within about
    /// 20 s and the new leader's add-on manager takes over the syncs, so the
    /// cluster goes without a sync for far less than the 5-minute crash.
    @Test func theSyncsFollowTheLeaseWhenTheLeadersAPIServerFails() {
        let quiet = run(leaderElection: true)
        let holder = quiet.intervals.first { $0.entity == "lease/kube-controller-manager" }!.state
        let host = ["master-a-1", "master-b-1", "master-c-1"].firstIndex(of: holder)!
        let crash = Fault(kind: .componentCrash(.apiserver, .host(host)), at: .fixed(.minutes(2)), duration: .fixed(.minutes(5)))
        let staleness = run(leaderElection: true, faults: [crash]).metric(.addonSyncStalenessMaxSeconds)!
        #expect(staleness < 150, "\(staleness)")
        let independent = run(leaderElection: false, faults: [crash]).metric(.addonSyncStalenessMaxSeconds)!
        #expect(independent >= 300)
    }

    /// kube-addons.sh runs kubectl with the kubeconfig only (cluster/gce/
    /// manifests/kube-addon-manager.yaml KUBECTL_OPTS), so kubectl sets no
    /// request timeout: is_leader's read to an apiserver whose etcd lost
    /// quorum hangs, not failing at once. Where the apiserver's own member
    /// still runs (master-a-1), etcd's request timeout fails it after 5 s +
    /// 2 election timeouts = 7 s (etcd server/config/config.go ReqTimeout);
    /// where the member is down, it waits for the apiserver's
    /// --request-timeout (60 s, k8s.io/apiserver pkg/server/config.go). A
    /// failed read is "No leader election info found.": no apply.
    @Test func addonLeaderReadToAHungAPIServerFailsAfterEtcdsOrTheAPIServersRequestTimeout() {
        let quorumLoss = [1, 2].map { Fault(kind: .etcdCrash(.host($0)), at: .fixed(.seconds(100)), duration: .fixed(.minutes(5))) }
        let result = run(leaderElection: true, faults: quorumLoss)
        let timedOut = result.events.filter { $0.kind == .addonCallTimedOut }
        #expect(!timedOut.isEmpty)
        for event in timedOut {
            #expect(event.detail.hasPrefix("is_leader read"), "\(event.detail)")
            // Reads sent from 100 s on end 7 s (etcd) or 60 s (apiserver) after they were sent.
            let earliest: Int64 = event.entity == "addons/master-a-1" ? 107 : 160
            #expect(event.time >= SimInstant(.seconds(earliest)), "\(event.entity) \(event.time)")
        }
        #expect(timedOut.contains { $0.entity == "addons/master-a-1" && $0.time < SimInstant(.seconds(160)) })
        // Each manager's loop takes one hung read a minute during the outage, and none after it.
        #expect(timedOut.allSatisfy { $0.time <= SimInstant(.seconds(460)) })
        #expect(timedOut.count >= 3 * 4 && timedOut.count <= 3 * 6, "\(timedOut.count)")
    }

}
