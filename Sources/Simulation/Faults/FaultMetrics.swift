extension World {
    static func faultMetrics(_ topology: Topology) -> [MetricDefinition] {
        [MetricDefinition(.faultsInjected, "count", "faults that started within the run") { Double($0.faults.injected) }]
    }
}
