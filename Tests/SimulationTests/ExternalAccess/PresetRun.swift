import SimKernel

@testable import Simulation

/// A 30-minute run named `name` of three zones (masters as `masters` says,
/// no workers) under `preset`, with `access` changed by `adjust`, and
/// `fault` at 10 minutes for 5 minutes: the access presets' tests' common run.
func runUnderPreset(
    _ preset: AccessPreset, name: String, _ fault: FaultKind, masters: [Int] = [1, 1, 1], seed: UInt64,
    adjust: (inout AccessSettings) -> Void
) -> RunResult {
    var topology = Topology(zones: ["a", "b", "c"], mastersPerZone: masters, workersPerZone: [0, 0, 0])
    var access = preset.settings
    adjust(&access)
    topology.access = access
    let crash = Fault(kind: fault, at: .fixed(.minutes(10)), duration: .fixed(.minutes(5)))
    let scenario = Scenario(name: name, duration: .minutes(30), topology: topology, faults: [crash], expectations: [])
    var world = World(scenario: scenario, seed: seed)
    return world.run()
}
