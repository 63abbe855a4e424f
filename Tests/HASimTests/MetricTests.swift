@testable import HASim
@testable import Simulation
import Testing

@Suite struct MetricTests {
    /// Every metric a subsystem can define: workers with an autoscaler, a
    /// workload with minAvailable and a PodDisruptionBudget, a drain, a
    /// failure process of every class, and external etcd (the apiservers'
    /// etcd clients).
    static let everything = """
        name: every-metric
        duration: 1h
        topology:
          zones: [a, b]
          masters: {a: 1, b: 1}
          etcd: {placement: external, members: {a: 1, b: 1}}
          workers:
            a: {count: 1, max: 2, cpu: 2, memory: 8Gi}
          kubelet: {controlPlaneNodes: true}
        workloads:
          - {name: web, replicas: 1, cpu: 1, memory: 1Gi, minAvailable: 1, pdb: {maxUnavailable: 1}}
        operations:
          - {at: 10m, drainNode: {node: worker-a-1}}
        failures:
          - {every: master, mtbf: 90d, mttr: 30m}
          - {every: zone, mtbf: 365d, mttr: 4h}
          - {every: worker, mtbf: 180d, mttr: 2h}
          - {every: etcd, mtbf: 30d, mttr: 1m}
          - {every: apiserver, mtbf: 30d, mttr: 1m}
          - {host: master-a-1, mtbf: 30d, mttr: 10m}
          - {loadBalancer: true, mtbf: 365d, mttr: 30m}
        """

    /// The typed names are the names the subsystems define, both ways: a
    /// constant that named nothing would make a test written with it fail
    /// for the wrong reason, and a definition without a constant would be a
    /// name spelled a second time somewhere.
    @Test func theTypedNamesAreExactlyTheDefinedOnes() throws {
        let scenario = try TestScenario(yaml: Self.everything).scenario
        let defined = MetricCatalog.entries(for: scenario).map(\.name)
        let topology = scenario.topology
        let masters = topology.hosts.filter { $0.role == .master }.map(\.name)
        let typed = Metric.named(zones: topology.zones, masters: masters, workloads: ["web"],
                                 failureClasses: FailureTarget.classNames, externalEtcd: true).map(\.name)
        #expect(typed.count == Set(typed).count, "a name given to two constants")
        #expect(defined.count == Set(defined).count, "a name defined twice")
        #expect(Set(typed).subtracting(defined).sorted() == [], "constants that no subsystem defines")
        #expect(Set(defined).subtracting(typed).sorted() == [], "definitions without a constant")
    }

    @Test func aStringLiteralIsAMetricToo() {
        let metric: Metric = "etcd.quorum.availability"
        #expect(metric == .etcdQuorumAvailability)
        #expect("\(metric)" == "etcd.quorum.availability")
    }
}
