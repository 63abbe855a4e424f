/// A metric as its subsystem declares it: the catalogue entry (name, unit,
/// meaning) and how a finished run computes it, side by side, so that a
/// name cannot lose its computation.
struct MetricDefinition {
    var entry: MetricCatalog.Entry
    /// Read once, from the World after `finish` closed its recorders.
    var value: (World) -> Double

    /// The name is a `Metric` constant: declared once, in `Metric.swift`,
    /// and read by tests with the same constant.
    init(_ metric: Metric, _ unit: String, _ meaning: String, value: @escaping (World) -> Double) {
        entry = MetricCatalog.Entry(name: metric.name, unit: unit, meaning: meaning)
        self.value = value
    }
}

extension World {
    /// Every metric a run of `topology` records, subsystem by subsystem, in
    /// the order it is stored (sweeps and databases compare it across
    /// versions: a new subsystem appends its own at the end).
    static func metricDefinitions(for topology: Topology, workloads: [Workload], failures: [FailureProcess]) -> [MetricDefinition] {
        hostMetrics(topology) + faultMetrics(topology) + etcdMetrics(topology) + accessMetrics(topology)
            + apiServerMetrics(topology) + leaseMetrics(topology) + addonMetrics(topology) + workerMetrics(topology, workloads: workloads)
            + failureMetrics(failures)
    }
}
