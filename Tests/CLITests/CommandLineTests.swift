import Foundation
import Testing

/// End-to-end: the built `hasim` binary, its exit codes, output and database.
@Suite struct CommandLineTests {
    static let fixtures = HASimProcess.fixtures
    static let zoneOutage = HASimProcess.scenario("three-zones-zone-outage.yaml")
    static let crashRestart = HASimProcess.scenario("master-crash-restart.yaml")

    func temporaryDatabase() -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hasim-cli-\(ProcessInfo.processInfo.processIdentifier)-\(UInt64.random(in: 0...UInt64.max))")
        return folder.appendingPathComponent("runs.sqlite").path
    }

    @Test func runPrintsOneJSONObjectWithTheRunsIdentity() throws {
        let db = temporaryDatabase()
        let outcome = try hasim("run", Self.zoneOutage, "--db", db, "--json")
        #expect(outcome.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        #expect(object["runId"] as? Int == 1)
        #expect(object["scenario"] as? String == "three-zones-zone-outage")
        #expect(object["seed"] as? Int == 1)
        #expect((object["digest"] as? String)?.count == 16)
        #expect((object["unseed"] as? String)?.count == 16)
        // Every metric is a number, or null when undefined in this run.
        let metrics = try #require(object["metrics"] as? [String: Any])
        #expect(metrics["zone.a.availability"] as? Double == 0.75)
        #expect(metrics.values.allSatisfy { $0 is Double || $0 is NSNull })
        #expect(metrics["api.external.availability.whilePropagating"] is NSNull)
        let expectations = try #require(object["expectations"] as? [[String: Any]])
        #expect(expectations.count == 8)
        #expect(expectations.allSatisfy { $0["passed"] as? Bool == true })
        #expect(Set(expectations[0].keys) == ["name", "passed", "observed", "bound"])
        #expect(FileManager.default.fileExists(atPath: db))
    }

    /// `run --json` gives each downtime part's causes as fields beside the
    /// printed text, so a CI script groups by fault and entry without
    /// parsing: the zone outage is `faults[0]`, a failure process's would be
    /// `failures[i]`.
    @Test func runJSONGivesTheDowntimeCausesAsFields() throws {
        let outcome = try hasim("run", Self.zoneOutage, "--db", temporaryDatabase(), "--json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let downtime = try #require(object["downtime"] as? [[String: Any]])
        let api = try #require(downtime.first { $0["metric"] as? String == "api.external" })
        let part = try #require((api["parts"] as? [[String: Any]])?.first)
        #expect(part["cause"] as? String == "zoneOutage zone/a")
        let causes = try #require(part["causes"] as? [[String: Any]])
        #expect(causes.count == 1)
        #expect(causes.first?["fault"] as? String == "zoneOutage")
        #expect(causes.first?["target"] as? String == "zone/a")
        #expect(causes.first?["origin"] as? String == "faults")
        #expect(causes.first?["index"] as? Int == 0)
    }

    @Test func runTwiceWithTheSameSeedGivesTheSameDigestAndAnotherSeedDoesNot() throws {
        let db = temporaryDatabase()
        func digest(_ seed: String) throws -> String {
            let outcome = try hasim("run", Self.crashRestart, "--db", db, "--json", "--seed", seed)
            let object = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]
            return "\(object?["digest"] ?? "") \(object?["unseed"] ?? "")"
        }
        #expect(try digest("3") == digest("3"))
        #expect(try digest("3") != digest("4"))
    }

    @Test func runPrintsAHumanSummary() throws {
        let db = temporaryDatabase()
        let outcome = try hasim("run", Self.zoneOutage, "--db", db)
        #expect(outcome.status == 0)
        #expect(outcome.stdout.hasPrefix("three-zones-zone-outage: seed 1, simulated 2h, "))
        // The name column is as wide as the longest metric name.
        #expect(outcome.stdout.split(separator: "\n").contains { $0.hasPrefix("  zone.a.availability  ") && $0.hasSuffix(" 0.75 ratio") })
        #expect(outcome.stdout.contains("expectations: 8 passed, 0 failed"))
        #expect(outcome.stdout.contains("stored as run 1 in \(db)"))
    }

    @Test func checkExitsZeroWhenEveryExpectationHolds() throws {
        let outcome = try hasim("check", Self.zoneOutage, Self.crashRestart)
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("PASS \(Self.zoneOutage)"))
        #expect(outcome.stdout.contains("  PASS  zone.a.availability atLeast 0.74 atMost 0.76: observed 0.75, expected >= 0.74 and <= 0.76"))
    }

    @Test func checkExitsOneAndShowsTheObservedValueWhenAnExpectationFails() throws {
        let outcome = try hasim("check", Self.fixtures.appendingPathComponent("failing-expectation.yaml").path)
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("  PASS  never noMasterUp: observed 0, expected 0 s holding"))
        #expect(outcome.stdout.contains("  FAIL  never anyZoneDown: observed 600, expected 0 s holding"))
    }

    @Test func invalidInputExitsTwoWithTheLocatedErrorAndWritesNothing() throws {
        let db = temporaryDatabase()
        let path = Self.fixtures.appendingPathComponent("invalid.yaml").path
        let expected = "error: \(path):5:3: topology.wrkers: unknown key \"wrkers\"; expected one of zones, masters, workers, etcd, network, leaderElection, scaling, access, addonManager, kubelet, nodeLifecycle, scheduler, ... (14 in all) (did you mean \"workers\"?)\n"
        let run = try hasim("run", path, "--db", db)
        #expect(run.status == 2)
        #expect(run.stderr == expected)
        #expect(run.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: db))
        let check = try hasim("check", path, Self.zoneOutage)
        #expect(check.status == 2)
        #expect(check.stderr == expected)
        #expect(check.stdout.contains("PASS \(Self.zoneOutage)"))
        let validate = try hasim("validate", path)
        #expect(validate.status == 2)
        #expect(validate.stderr == expected)
    }

    @Test func validateReportsEachValidFile() throws {
        let outcome = try hasim("validate", Self.zoneOutage)
        #expect(outcome.status == 0)
        #expect(outcome.stdout == "ok \(Self.zoneOutage): three-zones-zone-outage, 3 masters and 300 workers over 3 zones, 1 fault, 8 expectations; about 4.9e4 events (under a second at 2.0e6 events/s)\n")
    }

    @Test func versionAndHelpAnswer() throws {
        let version = try hasim("--version")
        #expect(version.status == 0)
        #expect(version.stdout == "0.1.0\n")
        for command in ["run", "check", "validate", "analyze", "bench"] {
            let help = try hasim(command, "--help")
            #expect(help.status == 0)
            #expect(help.stdout.contains("USAGE: hasim \(command)"))
        }
    }
}
