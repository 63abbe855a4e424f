extension World {
    static func addonMetrics(_ topology: Topology) -> [MetricDefinition] {
        [
            MetricDefinition(.addonSyncStalenessMaxSeconds, "s",
                             topology.addonManagerLeaderElection
                                 ? "the longest time the cluster went without a successful add-on sync (leader-elected add-on managers)"
                                 : "the longest time a running add-on manager went without a successful sync") {
                $0.addonStalenessMax.seconds
            },
            MetricDefinition(.addonSyncAvailability, "ratio", "add-on manager syncs that succeeded, over syncs tried") {
                let attempts = $0.addons.managers.reduce(0) { $0 + $1.attempts }
                return attempts == 0 ? .nan : Double($0.addons.managers.reduce(0) { $0 + $1.successes }) / Double(attempts)
            },
        ]
    }
}
