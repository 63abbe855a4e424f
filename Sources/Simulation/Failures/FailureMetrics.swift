extension World {
    /// Only for a scenario with `failures:`: the others' metrics stay as
    /// they were. Per class (the key each entry used: master, worker, zone,
    /// etcd, apiserver, host, loadBalancer), only the classes it has.
    static func failureMetrics(_ failures: [FailureProcess]) -> [MetricDefinition] {
        guard !failures.isEmpty else { return [] }
        var result = [MetricDefinition(.failuresStarted, "count", "failures of the failure processes that started within the run (failures of a master that did not exist yet, or any more, not counted)") {
            Double($0.failures.targets.reduce(0) { $0 + $1.failures })
        }]
        let present = Set(failures.map(\.target.className))
        for name in FailureTarget.classNames where present.contains(name) {
            result.append(MetricDefinition(.failuresStarted(name), "count", "failures of the \(name) failure processes that started") { world in
                Double(world.failures.targets.filter { world.scenario.failures[$0.process].target.className == name }.reduce(0) { $0 + $1.failures })
            })
            result.append(MetricDefinition(.failuresDownSeconds(name), "s", "time the \(name) failure processes held their targets down, summed over the targets (target-seconds)") { world in
                world.failures.targets.filter { world.scenario.failures[$0.process].target.className == name }
                    .reduce(0) { $0 + $1.downTime(until: world.end).seconds }
            })
        }
        return result
    }
}
