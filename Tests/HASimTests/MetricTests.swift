@testable import HASim
import Testing

@Suite struct MetricTests {
    /// The typed names must be names the simulator records, or a test
    /// written with them would fail for the wrong reason.
    @Test func everyTypedNameIsInTheCatalogue() {
        let topology = Topology(zones: ["a", "b"], mastersPerZone: [1, 1], workersPerZone: [1, 0])
        let catalogue = Set(MetricCatalog.entries(for: topology).map(\.name))
        let masters = topology.hosts.filter { $0.role == .master }.map(\.name)
        let typed = Metric.named(zones: topology.zones, masters: masters)
        #expect(typed.count > 30)
        #expect(typed.filter { !catalogue.contains($0.name) } == [])
    }

    @Test func aStringLiteralIsAMetricToo() {
        let metric: Metric = "etcd.quorum.availability"
        #expect(metric == .etcdQuorumAvailability)
        #expect("\(metric)" == "etcd.quorum.availability")
    }
}
