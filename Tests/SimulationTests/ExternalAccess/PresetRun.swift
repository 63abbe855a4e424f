import SimKernel

@testable import Simulation

/// A 30-minute run named `name` of three zones (masters as `masters` says,
/// no workers) under `preset`, with `access` changed by `adjust`, and
/// `fault` at 10 minutes for 5 minutes: the access presets' tests' common
/// run. `fastForward: false` simulates every quiet stretch.
func runUnderPreset(
    _ preset: AccessPreset, name: String, _ fault: FaultKind, masters: [Int] = [1, 1, 1], seed: UInt64,
    fastForward: Bool = true, adjust: (inout AccessSettings) -> Void
) -> RunResult {
    var topology = Topology(zones: ["a", "b", "c"], mastersPerZone: masters, workersPerZone: [0, 0, 0])
    var access = preset.settings
    adjust(&access)
    topology.access = access
    let crash = Fault(kind: fault, at: .fixed(.minutes(10)), duration: .fixed(.minutes(5)))
    var scenario = Scenario(name: name, duration: .minutes(30), topology: topology, faults: [crash], expectations: [])
    scenario.fastForward = fastForward
    var world = World(scenario: scenario, seed: seed)
    return world.run()
}
