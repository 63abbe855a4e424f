/// Every fixed key the scenario and sweep readers accept, by the mapping it
/// is written in: the same lists the readers check (`YAMLReader.mapping`'s
/// `allowed:`), gathered so that docs/SCENARIOS.md can be held to them.
/// A test fails when a reader accepts a key that the reference does not
/// document, or the reference documents one that no reader accepts.
///
/// Paths name list items with `[]`, a zone-keyed mapping's entry with
/// `ZONE`, and any place a distribution is written with `DISTRIBUTION`.
/// Mappings keyed by the user's own names (zones in `topology.masters`,
/// axes in a sweep's `vary`) have no fixed keys and are not listed.
public enum ScenarioKeys {
    public struct Section: Sendable {
        /// Where the mapping is written; empty for the file's top level.
        public let path: String
        public let keys: [String]

        /// Each key's full path, as docs/SCENARIOS.md writes it.
        public var keyPaths: [String] { keys.map { path.isEmpty ? $0 : "\(path).\($0)" } }
    }

    /// The mappings of a scenario file.
    public static let scenario: [Section] = [
        Section(path: "", keys: ScenarioParser.topLevelKeys),
        Section(path: "topology", keys: ScenarioParser.topologyKeys),
        Section(path: "topology.workers.ZONE", keys: ScenarioParser.workerZoneKeys),
        Section(path: "topology.etcd", keys: ScenarioParser.etcdKeys),
        Section(path: "topology.etcd.electionTimeout", keys: ScenarioParser.electionTimeoutRangeKeys),
        Section(path: "topology.etcd.writeProbe", keys: ScenarioParser.writeProbeKeys),
        Section(path: "topology.network", keys: ScenarioParser.networkKeys),
        Section(path: "topology.network.links[]", keys: ScenarioParser.degradationKeys),
        Section(path: "topology.leaderElection", keys: ScenarioParser.leaderElectionKeys),
        Section(path: "topology.scaling", keys: ScenarioParser.scalingKeys),
        Section(path: "topology.access", keys: ScenarioParser.accessKeys),
        Section(path: "topology.access.clients", keys: ScenarioParser.clientKeys),
        Section(path: "topology.access.clients.http2", keys: ScenarioParser.http2Keys),
        Section(path: "topology.access.steps", keys: ScenarioParser.procedureStepKeys),
        Section(path: "topology.access.healthCheck", keys: ScenarioParser.healthCheckKeys),
        Section(path: "topology.access.virtualIP", keys: ScenarioParser.virtualIPKeys),
        Section(path: "topology.access.virtualIP.script", keys: ScenarioParser.vrrpScriptKeys),
        Section(path: "topology.access.haproxy", keys: ScenarioParser.haproxyKeys),
        Section(path: "topology.access.kubeVip", keys: ScenarioParser.leaderElectionKeys),
        Section(path: "topology.access.nlb", keys: ScenarioParser.nlbKeys),
        Section(path: "topology.access.dials", keys: ScenarioParser.dialKeys),
        Section(path: "topology.access.bgp", keys: ScenarioParser.bgpKeys),
        Section(path: "topology.access.bgp.controlPlaneHealthCheck", keys: ScenarioParser.kubeVipRouteCheckKeys),
        Section(path: "topology.addonManager", keys: ScenarioParser.addonManagerKeys),
        Section(path: "topology.apiserver", keys: ScenarioParser.apiServerKeys),
        Section(path: "topology.kubelet", keys: ScenarioParser.kubeletKeys),
        Section(path: "topology.kubelet.http2", keys: ScenarioParser.http2Keys),
        Section(path: "topology.kubelet.reserved", keys: ScenarioParser.reservedKeys),
        Section(path: "topology.nodeLifecycle", keys: ScenarioParser.nodeLifecycleKeys),
        Section(path: "topology.scheduler", keys: ScenarioParser.schedulerKeys),
        Section(path: "topology.autoscaler", keys: ScenarioParser.autoscalerKeys),
        Section(path: "workloads[]", keys: ScenarioParser.workloadKeys),
        Section(path: "clients[]", keys: ScenarioParser.clientClassKeys),
        Section(path: "workloads[].spread", keys: ScenarioParser.spreadKeys),
        Section(path: "workloads[].tolerationSeconds", keys: ScenarioParser.tolerationKeys),
        Section(path: "operations[]", keys: ScenarioParser.operationKeys),
        Section(path: "operations[].upgradeMasters", keys: ScenarioParser.upgradeKeys),
        Section(path: "operations[].drainNode", keys: ScenarioParser.drainKeys),
        Section(path: "operations[].upgradeWorkers", keys: ScenarioParser.workerUpgradeKeys),
        Section(path: "maintenance[]", keys: ScenarioParser.maintenanceKeys),
        Section(path: "maintenance[].at", keys: ScenarioParser.maintenanceWindowKeys),
        Section(path: "maintenance[].upgradeMasters", keys: ScenarioParser.upgradeKeys),
        Section(path: "maintenance[].upgradeWorkers", keys: ScenarioParser.workerUpgradeKeys),
        Section(path: "maintenance[].drainNode", keys: ScenarioParser.drainKeys),
        Section(path: "workloads[].pdb", keys: ScenarioParser.pdbKeys),
        Section(path: "faults[]", keys: ScenarioParser.faultKeys),
        Section(path: "faults[].partition", keys: ScenarioParser.partitionShapes),
        Section(path: "faults[].partition.oneWay", keys: ScenarioParser.oneWayKeys),
        Section(path: "faults[].degrade", keys: ScenarioParser.degradationKeys),
        Section(path: "faults[].slowDisk", keys: ScenarioParser.slowDiskKeys),
        Section(path: "faults[].componentCrash", keys: ScenarioParser.componentCrashKeys),
        Section(path: "faults[].clockStep", keys: ScenarioParser.clockStepKeys),
        Section(path: "faults[].clockDrift", keys: ScenarioParser.clockDriftKeys),
        Section(path: "failures[]", keys: ScenarioParser.failureKeys),
        Section(path: "expect[]", keys: ScenarioParser.expectationKeys),
        Section(path: "cost", keys: ScenarioParser.costKeys),
        Section(path: "DISTRIBUTION", keys: YAMLReader.distributionKinds),
        Section(path: "DISTRIBUTION.exponential", keys: YAMLReader.exponentialKeys),
        Section(path: "DISTRIBUTION.normal", keys: YAMLReader.normalKeys),
        Section(path: "DISTRIBUTION.lognormal", keys: YAMLReader.lognormalKeys),
        Section(path: "DISTRIBUTION.weibull", keys: YAMLReader.weibullKeys),
    ]

    /// The mappings of a sweep file (its `vary`, `zip` and `exclude` take key paths of the scenario).
    public static let sweep: [Section] = [
        Section(path: "sweep", keys: SweepParser.topLevelKeys),
        Section(path: "sweep.seeds", keys: SweepParser.seedsKeys),
        Section(path: "sweep.advise", keys: SweepParser.adviseKeys),
    ]
}
