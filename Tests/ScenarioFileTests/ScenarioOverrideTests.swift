import Foundation
import ScenarioFile
import Simulation
import SimKernel
import Testing

/// `--set KEY.PATH=VALUE`: applied to the YAML tree before parsing, so the
/// file's own validation judges it, and its mistakes point at the argument.
@Suite struct ScenarioOverrideTests {
    static let scenario = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Scenarios/three-zones-zone-outage.yaml").path

    func load(_ sets: String...) throws -> Scenario {
        try ScenarioLoader.load(path: Self.scenario, overrides: sets.map { try ScenarioOverride.commandLine($0) }).scenario
    }

    func message(_ sets: String...) -> String {
        do {
            _ = try ScenarioLoader.load(path: Self.scenario, overrides: sets.map { try ScenarioOverride.commandLine($0) })
            return "loaded"
        } catch {
            return "\(error)"
        }
    }

    @Test func replacesAValueAndCreatesTheMappingsOnItsPath() throws {
        let base = try load()
        let changed = try load("topology.masters={a: 2, b: 2, c: 1}", "topology.etcd.electionTimeout=2s", "faults[0].at=20m")
        #expect(base.topology.mastersPerZone == [1, 1, 1])
        #expect(changed.topology.mastersPerZone == [2, 2, 1])
        #expect(changed.topology.etcd.electionTimeout == .etcd(.seconds(2)))
        #expect(changed.faults[0].at.minimum == .minutes(20) && base.faults[0].at.minimum == .minutes(10))
        #expect(changed.name == base.name)
    }

    @Test func theLastOverrideOfAKeyWins() throws {
        #expect(try load("duration=3h", "duration=4h").duration == .hours(4))
    }

    @Test(arguments: [
        ("topology.zoness=3", #"--set topology.zoness=3:1:17: topology.zoness: unknown key "zoness"; expected one of zones, masters, workers, etcd, network, leaderElection, scaling, access, addonManager, kubelet, nodeLifecycle, scheduler, ... (14 in all) (did you mean "zones"?)"#),
        ("topology.etcd.electionTimeout=5x", #"--set topology.etcd.electionTimeout=5x:1:31: topology.etcd.electionTimeout: bad duration "5x": unknown unit "x"; expected a number and a unit (ns, us, ms, s, m, h, d), e.g. 250ms, 1.5s, 1h30m"#),
        ("faults[3].at=1m", "--set faults[3].at=1m:1:14: faults[3].at: faults has 1 entry; expected an index from 0 to 0"),
        ("name.x=1", #"--set name.x=1:1:8: name.x: name is "three-zones-zone-outage", not a mapping; cannot set name.x"#),
        ("topology.masters={d: 1}", #"--set topology.masters={d: 1}:1:18: topology.masters.d: unknown zone "d"; expected one of a, b, c"#),
        ("a..b=1", "--set a..b=1:1:1: a..b: expected a key path such as topology.etcd.electionTimeout or faults[0].at"),
        ("novalue", "--set novalue:1:1: expected KEY.PATH=VALUE, such as topology.etcd.electionTimeout=2s"),
    ])
    func aWrongOverrideIsLocatedAtTheArgument(argument: String, expected: String) {
        #expect(message(argument) == expected)
    }

    /// A valid override can still break a rule checked elsewhere in the
    /// file; that error names the file's line, where the rule broke.
    @Test func anErrorOutsideTheOverriddenKeyStaysInTheFile() {
        #expect(message("duration=10m") == "\(Self.scenario):13:10: faults[0].at: the fault starts at 10m, at or after the end of the run (10m); expected a start before 10m")
    }

    @Test func parametersRecordTheSeedAndEveryOverrideInOrder() throws {
        let loaded = try ScenarioLoader.load(path: Self.scenario, overrides: [
            try ScenarioOverride.commandLine("topology.masters={a: 2, b: 2, c: 1}"), try ScenarioOverride.commandLine("duration=3h"),
        ])
        #expect(ScenarioOverride.parametersJSON(seed: 4, overrides: loaded.overrides)
            == #"{"seed":4,"topology.masters":{"a":2,"b":2,"c":1},"duration":"3h"}"#)
    }
}
