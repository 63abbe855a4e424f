/// The metrics a run records, with their units and meanings. Names are dotted
/// and stable: sweeps and stored databases compare them across versions.
public enum MetricCatalog {
    public struct Entry: Hashable, Sendable {
        public var name: String
        public var unit: String
        public var meaning: String
    }

    /// Every metric a run of this topology records, in the order it is stored.
    public static func entries(for topology: Topology) -> [Entry] {
        var result = [
            Entry(name: "hosts.masters.up.fraction", unit: "ratio",
                  meaning: "time-average of the fraction of master hosts up"),
            Entry(name: "hosts.masters.noneUp.seconds", unit: "s",
                  meaning: "total time with no master host up"),
            Entry(name: "hosts.masters.noneUp.longest.seconds", unit: "s",
                  meaning: "the longest interval with no master host up"),
            Entry(name: "hosts.masters.majorityDown.seconds", unit: "s",
                  meaning: "total time with fewer than a majority of master hosts up"),
        ]
        if topology.workerCount > 0 {
            result.append(Entry(name: "hosts.workers.up.fraction", unit: "ratio",
                                meaning: "time-average of the fraction of worker hosts up"))
        }
        for zone in topology.zones {
            result.append(Entry(name: "zone.\(zone).availability", unit: "ratio",
                                meaning: "fraction of the run zone \(zone) was not in an outage"))
        }
        result.append(Entry(name: "faults.injected", unit: "count",
                            meaning: "faults that started within the run"))
        return result
    }
}
