import ScenarioFile
import SimKernel
import Simulation
import Testing

/// Scenario keys for the worker side: `topology.workers` in its long form,
/// the kubelet, node lifecycle, scheduler and autoscaler settings, and `workloads:`.
@Suite struct WorkerScenarioTests: ScenarioText {
    let zones = "name: t\nduration: 1h\ntopology:\n  zones: [a, b, c]\n  masters: {a: 1, b: 1, c: 1}\n"

    /// The lease controller's request timeout and retries: `requestTimeout`
    /// overrides the kubelet's own (nodeStatusUpdateFrequency capped by the
    /// lease duration, cmd/kubelet/app/server.go), `maxUpdateRetries` and
    /// `maxBackoff` are component-helpers lease/controller.go's constants.
    @Test func readsTheLeaseRequestTimeoutAndRetries() throws {
        let derived = try parse(zones + "  workers: {a: 1}\n  kubelet: {nodeLeaseDuration: 20s, nodeStatusUpdateFrequency: 30s}\n").topology.workerNodes.kubelet
        #expect(derived.statusUpdateFrequency == .seconds(30))
        #expect(derived.requestTimeout == .seconds(20))
        let given = try parse(zones + "  workers: {a: 1}\n  kubelet: {requestTimeout: 2s, maxUpdateRetries: 3, maxBackoff: 1s}\n").topology.workerNodes.kubelet
        #expect(given.requestTimeout == .seconds(2) && given.maxUpdateRetries == 3 && given.retryBackoffCap == .seconds(1))
        #expect(throws: ScenarioError.self) { try parse(zones + "  workers: {a: 1}\n  kubelet: {maxUpdateRetries: 0}\n") }
        #expect(throws: ScenarioError.self) { try parse(zones + "  workers: {a: 1}\n  kubelet: {requestTimeout: 0s}\n") }
    }

    @Test func plainCountsKeepTheirMeaningWithKubeUpsDefaultNode() throws {
        let topology = try parse(zones + "  workers: {a: 3, b: 2}\n").topology
        #expect(topology.workersPerZone == [3, 2, 0])
        #expect(topology.workerNodes.maximumPerZone == nil)
        #expect(topology.workerNodes.capacity(zone: 0) == .standard)
        #expect(topology.hosts.filter { $0.role == .worker }.count == 5)
    }

    @Test func longFormGivesNodeGroupMaximumsAndCapacities() throws {
        let topology = try parse(zones + "  workers:\n    a: {count: 2, max: 4, cpu: 8, memory: 32Gi, pods: 50}\n    b: 1\n").topology
        #expect(topology.workersPerZone == [2, 1, 0])
        #expect(topology.workerNodes.maximumPerZone == [4, 1, 0])
        #expect(topology.workerNodes.capacity(zone: 0) == NodeCapacity(milliCPU: 8_000, memoryBytes: 32 << 30, pods: 50))
        // Host slots for the autoscaler: the last two of zone a start absent.
        let workers = topology.hosts.filter { $0.role == .worker }
        #expect(workers.map(\.name) == ["worker-a-1", "worker-a-2", "worker-a-3", "worker-a-4", "worker-b-1"])
        #expect(workers.map(\.initiallyProvisioned) == [true, true, false, false, true])
    }

    @Test func readsWorkloadsAndWorkerSettings() throws {
        let scenario = try parse(
            zones + """
                  workers: {a: 2, b: 2, c: 2}
                  kubelet: {nodeLeaseDuration: 60s, heartbeats: perRenewal, connection: disableHTTP2, http2: {readIdleTimeout: 20s, pingTimeout: 5s}, reserved: {cpu: 100m, memory: 1Gi}, evictionHard: 200Mi}
                  nodeLifecycle: {kubernetesVersion: "1.31", nodeEvictionRate: 0.5, kubeAPIQPS: 50, kubeAPIBurst: 100, taintEvictionClient: shared, podEvictionCalls: 2, taintUpdateCalls: 1}
                  scheduler: {podsPerSecond: 100}
                  autoscaler: {provisioning: 2m, maxNodeProvisionTime: 10m}
                workloads:
                  - {name: web, replicas: 6, cpu: 250m, memory: 1Gi, spread: {maxSkew: 2, whenUnsatisfiable: ScheduleAnyway}, minAvailable: 4}
                  - {name: db, kind: StatefulSet, replicas: 3, cpu: 1, tolerationSeconds: {unreachable: forever, notReady: 60}, podManagementPolicy: Parallel}
                """)
        let settings = scenario.topology.workerNodes
        #expect(settings.kubelet.renewInterval == .seconds(15))
        #expect(settings.heartbeats == .perRenewal)
        #expect(settings.kubelet.connection == .disableHTTP2)
        #expect(settings.kubelet.reservation == NodeReservation(formula: .fixed(milliCPU: 100, memoryBytes: 1 << 30), evictionHardMemoryBytes: 200 << 20))
        #expect(settings.kubelet.http2ReadIdleTimeout == .seconds(20) && settings.kubelet.http2PingTimeout == .seconds(5))
        // The heartbeat client's timeout is nodeStatusUpdateFrequency capped
        // by the lease duration (cmd/kubelet/app/server.go): 10 s by default.
        #expect(settings.kubelet.requestTimeout == .seconds(10))
        #expect(settings.nodeLifecycle.nodeMonitorGracePeriod == .seconds(40))
        #expect(settings.nodeLifecycle.nodeEvictionRate == 0.5)
        #expect(settings.nodeLifecycle.kubeAPIQPS == 50 && settings.nodeLifecycle.kubeAPIBurst == 100)
        #expect(settings.nodeLifecycle.taintEvictionSharesClient)
        #expect(settings.nodeLifecycle.podEvictionCalls == 2 && settings.nodeLifecycle.taintUpdateCalls == 1)
        #expect(settings.scheduler.podsPerSecond == 100)
        #expect(settings.autoscaler.provisioning == .fixed(.minutes(2)))
        #expect(scenario.workloads.map(\.name) == ["web", "db"])
        #expect(scenario.workloads[0].milliCPU == 250 && scenario.workloads[0].memoryBytes == 1 << 30)
        #expect(scenario.workloads[0].spread == Workload.ZoneSpread(maxSkew: 2, whenUnsatisfiable: .scheduleAnyway))
        #expect(scenario.workloads[1].kind == .statefulSet)
        #expect(scenario.workloads[0].podManagementPolicy == .orderedReady && scenario.workloads[1].podManagementPolicy == .parallel)
        #expect(scenario.workloads[1].unreachableToleration == nil && scenario.workloads[1].notReadyToleration == 60)
        // The catalogue follows the workloads.
        let names = MetricCatalog.entries(for: scenario).map(\.name)
        #expect(names.contains("workload.web.belowMinAvailable.seconds") && !names.contains("workload.db.belowMinAvailable.seconds"))
    }

    @Test(arguments: [
        (
            "  workers: {a: {count: 3, max: 2}}\n",
            "s.yaml:6:32: topology.workers.a.max: expected a node group maximum of at least count (3), found 2"
        ),
        (
            "  workers: {a: {count: 3, memory: lots}}\n",
            "s.yaml:6:35: topology.workers.a.memory: expected memory such as 8Gi, 512Mi or 1G, found \"lots\""
        ),
        (
            "  workers: {a: {count: 3, cores: 4}}\n",
            "s.yaml:6:27: topology.workers.a.cores: unknown key \"cores\"; expected one of count, max, cpu, memory, pods"
        ),
        (
            "  workers: {a: {count: 3000, max: 3000}, b: 2001}\n",
            "s.yaml:6:12: topology.workers: expected at most 5000 workers in all, counting each zone's max, Kubernetes' documented limit; found 5001"
        ),
        (
            "  workers: {a: 1}\n  nodeLifecycle: {kubernetesVersion: 2.0}\n",
            "s.yaml:7:38: topology.nodeLifecycle.kubernetesVersion: expected a Kubernetes version such as \"1.31\" (1.20 to 1.40), found \"2.0\""
        ),
        (
            "  workers: {a: 1}\n  nodeLifecycle: {taintEvictionClient: mine}\n",
            "s.yaml:7:40: topology.nodeLifecycle.taintEvictionClient: unknown client \"mine\"; expected own or shared"
        ),
        (
            "  workers: {a: 1}\n  nodeLifecycle: {kubeAPIQPS: 0}\n",
            "s.yaml:7:31: topology.nodeLifecycle.kubeAPIQPS: expected requests per second of from one in 100 years (3.2e-10) to 100000, found 0.0"
        ),
        (
            "  workers: {a: 1}\nworkloads:\n  - {name: web, replicas: 3, kind: DaemonSet}\n",
            "s.yaml:8:36: workloads[0].kind: unknown kind \"DaemonSet\"; expected Deployment or StatefulSet"
        ),
        (
            "  workers: {a: 1}\nworkloads:\n  - {name: web, replicas: 3, cpu: 4}\n",
            "s.yaml:8:5: workloads[0]: no worker node can hold a pod of \"web\": it requests more than a node's capacity, or the topology has no workers"
        ),
        (
            "  workers: {a: 1}\nworkloads:\n  - {name: web, replicas: 100000}\n  - {name: api, replicas: 50001}\n",
            "s.yaml:9:27: workloads[1].replicas: expected at most 150000 pods in all, Kubernetes' documented limit; found 150001 so far"
        ),
        (
            "  workers: {a: 1}\n  kubelet: {reserved: aks}\n",
            "s.yaml:7:23: topology.kubelet.reserved: unknown reservation \"aks\"; expected none, gke, eks or {cpu, memory}"
        ),
        (
            "  workers: {a: 1}\nworkloads:\n  - {name: web, replicas: 3, podManagementPolicy: Parallel}\n",
            "s.yaml:8:51: workloads[0].podManagementPolicy: only a StatefulSet has a podManagementPolicy; this workload is a Deployment"
        ),
        (
            "  workers: {a: 1}\nworkloads:\n  - {name: db, kind: StatefulSet, replicas: 3, podManagementPolicy: Sometimes}\n",
            "s.yaml:8:69: workloads[0].podManagementPolicy: unknown policy \"Sometimes\"; expected OrderedReady or Parallel"
        ),
        (
            "  workers: {a: 1}\nworkloads:\n  - {name: web, replicas: 3, spread: {whenUnsatisfiable: Never}}\n",
            "s.yaml:8:58: workloads[0].spread.whenUnsatisfiable: unknown value \"Never\"; expected DoNotSchedule or ScheduleAnyway"
        ),
        (
            "  workers: {a: 1}\nworkloads:\n  - {name: web, replicas: 3}\nexpect:\n  - {metric: workload.api.availability, atLeast: 1}\n",
            "s.yaml:10:14: expect[0].metric: unknown metric \"workload.api.availability\"; expected one of hosts.masters.up.fraction, hosts.masters.noneUp.seconds, hosts.masters.noneUp.longest.seconds, hosts.masters.majorityDown.seconds, hosts.workers.up.fraction, zone.a.availability, zone.b.availability, zone.c.availability, faults.injected, etcd.quorum.availability, etcd.leaderless.seconds, etcd.leaderless.longest.seconds, ... (81 in all) (did you mean \"workload.web.availability\"?)"
        ),
    ])
    func workerMistakesAreLocated(text: String, message: String) {
        #expect(error(zones + text) == message)
    }
}
