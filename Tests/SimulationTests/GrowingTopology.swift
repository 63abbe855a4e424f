import SimKernel
import Simulation

/// One master in zone a, room for one more in zones b and c, and fixed
/// scaling times (VM start 60 s, data copy 20 s) so tests can compute when
/// each step happens.
func growingFromOneMaster() -> Topology {
    var topology = Topology(zones: ["a", "b", "c"], mastersPerZone: [1, 0, 0], workersPerZone: [0, 0, 0])
    topology.masterCapacityPerZone = [1, 1, 1]
    topology.scaling.vmStart = .fixed(.seconds(60))
    topology.scaling.etcdDataCopy = .fixed(.seconds(20))
    return topology
}
