extension World {
    static func hostMetrics(_ topology: Topology) -> [MetricDefinition] {
        var result = [
            MetricDefinition(.mastersUpFraction, "ratio", "time-average of the fraction of master hosts up") {
                $0.recording.mastersUp.average(until: $0.end)
            },
            MetricDefinition(.noMasterUpSeconds, "s", "total time with no master host up") {
                $0.tracker(.noMasterUp).total.seconds
            },
            MetricDefinition(.noMasterUpLongestSeconds, "s", "the longest interval with no master host up") {
                $0.tracker(.noMasterUp).longest.seconds
            },
            MetricDefinition(.masterMajorityDownSeconds, "s", "total time with fewer than a majority of master hosts up") {
                $0.tracker(.masterMajorityDown).total.seconds
            },
        ]
        if topology.workerCount > 0 {
            result.append(MetricDefinition(.workersUpFraction, "ratio", "time-average of the fraction of worker hosts up (of those that exist)") {
                $0.recording.workersUp.average(until: $0.end)
            })
        }
        for (zone, name) in topology.zones.enumerated() {
            result.append(MetricDefinition(.zoneAvailability(name), "ratio", "fraction of the run zone \(name) was not in an outage") {
                $0.recording.zoneUp[zone].average(until: $0.end)
            })
        }
        return result
    }
}
