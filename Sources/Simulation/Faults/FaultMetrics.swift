extension World {
    static func faultMetrics(_ topology: Topology) -> [MetricDefinition] {
        [MetricDefinition("faults.injected", "count", "faults that started within the run") { Double($0.faultsInjected) }]
    }
}
