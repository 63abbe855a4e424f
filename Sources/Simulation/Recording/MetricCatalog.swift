/// The metrics a run records, with their units and meanings. Names are dotted
/// and stable: sweeps and stored databases compare them across versions.
/// Each subsystem declares its own with their computation
/// (`World.metricDefinitions`); this is the public list of them.
public enum MetricCatalog {
    public struct Entry: Hashable, Sendable {
        public var name: String
        public var unit: String
        public var meaning: String
    }

    /// Every metric a run of this topology records, in the order it is stored.
    public static func entries(
        for topology: Topology, workloads: [Workload] = [], failures: [FailureProcess] = [], operations: [MasterOperation] = []
    ) -> [Entry] {
        World.metricDefinitions(for: topology, workloads: workloads, failures: failures, operations: operations).map(\.entry)
    }

    /// Every metric a run of this scenario records: its workloads, failure processes and drains add theirs.
    public static func entries(for scenario: Scenario) -> [Entry] {
        entries(for: scenario.topology, workloads: scenario.workloads, failures: scenario.failures, operations: scenario.operations)
    }
}
