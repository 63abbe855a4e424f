import SimKernel
import Simulation

/// One master in zone a, room for one more in zones b and c, and fixed
/// scaling times (VM start 60 s, data copy 20 s) so tests can compute when
/// each step happens. `procedure` picks the order of the steps; the legacy
/// one comes with its GCP health check, as in scenario files.
func growingFromOneMaster(_ procedure: AccessSettings.Procedure = .legacy) -> Topology {
    var topology = Topology(zones: ["a", "b", "c"], mastersPerZone: [1, 0, 0], workersPerZone: [0, 0, 0])
    topology.masterCapacityPerZone = [1, 1, 1]
    topology.scaling.vmStart = .fixed(.seconds(60))
    topology.scaling.etcdDataCopy = .fixed(.seconds(20))
    topology.access.procedure = procedure
    if procedure == .legacy { topology.access.healthCheck = .gcp }
    return topology
}
