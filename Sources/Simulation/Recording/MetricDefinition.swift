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
