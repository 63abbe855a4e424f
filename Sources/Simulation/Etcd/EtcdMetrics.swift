extension World {
    static func etcdMetrics(_ topology: Topology) -> [MetricDefinition] {
        [
            MetricDefinition(.etcdQuorumAvailability, "ratio", "fraction of the run with a leader that can reach a quorum of members") {
                1 - $0.tracker(.etcdQuorumLost).total.seconds / $0.scenario.duration.seconds
            },
            MetricDefinition(.etcdLeaderlessSeconds, "s", "total time with no leader that can reach a quorum") {
                $0.tracker(.etcdQuorumLost).total.seconds
            },
            MetricDefinition(.etcdLeaderlessLongestSeconds, "s", "the longest interval with no leader that can reach a quorum") {
                $0.tracker(.etcdQuorumLost).longest.seconds
            },
            MetricDefinition(.etcdElections, "count",
                             "times a member became leader during the run (the bootstrap election not counted)") { Double($0.etcd.elections) },
            MetricDefinition(.etcdTermMax, "count", "the highest Raft term any member reached") { Double($0.etcd.maxTerm) },
            MetricDefinition(.etcdWriteProbes, "count", "probe writes sent") { Double($0.etcd.probe.sent) },
            MetricDefinition(.etcdWriteAvailability, "ratio",
                             "probe writes applied by the member they were sent to, over writes judged") { $0.probeAvailability },
            MetricDefinition(.etcdWriteLatencyP50Seconds, "s", "median latency of successful probe writes") {
                $0.etcd.probe.latencies.quantile(0.5)
            },
            MetricDefinition(.etcdWriteLatencyP99Seconds, "s", "99th percentile latency of successful probe writes") {
                $0.etcd.probe.latencies.quantile(0.99)
            },
        ]
    }

    /// Successful writes over judged writes; writes still waiting at the end are not judged.
    var probeAvailability: Double {
        let judged = etcd.probe.succeeded + etcd.probe.failed
        return judged == 0 ? .nan : Double(etcd.probe.succeeded) / Double(judged)
    }
}
