import Foundation
import ScenarioFile
import Testing

/// Each invalid fixture gives exactly this message: file, line, column, key
/// path, what is wrong and what was expected.
@Suite struct ScenarioErrorTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    @Test(arguments: [
        (
            "unknown-key",
            #"4:3: topology.zoness: unknown key "zoness"; expected one of zones, masters, workers, etcd, network, leaderElection, scaling, access, addonManager, kubelet, nodeLifecycle, scheduler, ... (14 in all) (did you mean "zones"?)"#
        ),
        ("wrong-type", #"5:16: topology.masters.a: expected a count of at least 1, found "two""#),
        (
            "bad-duration",
            #"2:11: duration: bad duration "2hours": unknown unit "hours"; expected a number and a unit (ns, us, ms, s, m, h, d), e.g. 250ms, 1.5s, 1h30m"#
        ),
        ("unknown-zone", #"8:27: faults[0].zoneOutage: unknown zone "d"; expected one of a, b, c"#),
        (
            "unknown-host",
            #"8:22: faults[0].crash: unknown host "master-a-2"; expected one of master-a-1, master-b-1, master-c-1, worker-a-1, worker-a-2, worker-b-1, worker-b-2, worker-c-1, worker-c-2, etcd-leader, random-master (did you mean "master-a-1"?)"#
        ),
        ("fault-past-end", "9:10: faults[1].at: the fault starts at 3h, at or after the end of the run (2h); expected a start before 2h"),
        ("zero-count", "4:22: topology.masters.b: expected a count of at least 1, found 0"),
        ("negative-count", "5:16: topology.workers.a: expected a count of at least 1, found -3"),
        (
            "unknown-metric",
            #"8:14: expect[0].metric: unknown metric "hosts.master.up.fraction"; expected one of hosts.masters.up.fraction, hosts.masters.noneUp.seconds, hosts.masters.noneUp.longest.seconds, hosts.masters.majorityDown.seconds, hosts.workers.up.fraction, zone.a.availability, zone.b.availability, zone.c.availability, faults.injected, etcd.quorum.availability, etcd.leaderless.seconds, etcd.leaderless.longest.seconds, ... (75 in all) (did you mean "hosts.masters.up.fraction"?)"#
        ),
        (
            "unknown-condition",
            #"8:13: expect[0].never: unknown condition "noMastersUp"; expected one of noMasterUp, anyMasterUp, allMastersUp, anyZoneDown, masterMajorityDown, etcdQuorumLost, noAPIServerReady, splitBrain, etcdMajorityDown, externalIPUnreachable, evictionsStopped, workloadBelowMinAvailable (did you mean "noMasterUp"?)"#
        ),
        ("bad-distribution", "8:20: faults[0].at.uniform: expected a list of two durations [low, high], found a list of 1"),
        (
            "missing-fault-kind",
            "8:5: faults[0]: missing the fault kind; expected exactly one of zoneOutage, crash, etcdCrash, pause, partition, degrade, slowDisk, componentCrash, clockStep, clockDrift, grayLeader, loadBalancerOutage, stop, reboot"
        ),
        ("missing-topology", "1:1: topology: missing required key"),
        ("yaml-syntax", "4:1: YAML syntax error: did not find expected ',' or ']'"),
    ])
    func invalidFixtureGivesItsExactMessage(fixture: String, message: String) {
        let path = Self.fixtures.appendingPathComponent("\(fixture).yaml").path
        do {
            _ = try ScenarioLoader.load(path: path)
            Issue.record("\(fixture) loaded without an error")
        } catch {
            #expect(error.description == "\(path):\(message)")
        }
    }

    @Test func aMissingFileIsAnErrorNotACrash() {
        do {
            _ = try ScenarioLoader.load(path: "/nonexistent/scenario.yaml")
            Issue.record("loading a missing file succeeded")
        } catch {
            #expect(error.description == "/nonexistent/scenario.yaml:1:1: cannot read the file: no such file; expected a readable scenario file")
        }
    }

    @Test(arguments: [
        ("seed: -1", 7, #"seed: expected a whole number from 0 to 9223372036854775807, found "-1""#),
        ("duration: 0s", 11, "duration: expected a duration above zero, found 0s"),
        (
            "nmae: x", 1,
            #"nmae: unknown key "nmae"; expected one of name, description, duration, seed, topology, operations, workloads, clients, faults, failures, expect, fastForward, ... (15 in all) (did you mean "name"?)"#
        ),
    ])
    func topLevelMistakes(line: String, column: Int, message: String) {
        let text = "name: t\ntopology: {zones: [a], masters: {a: 1}}\n\(line)\n"
        do {
            _ = try ScenarioParser.parse(text, file: "s.yaml")
            Issue.record("parsing succeeded")
        } catch {
            #expect(error.description == "s.yaml:3:\(column): \(message)")
        }
    }
}
