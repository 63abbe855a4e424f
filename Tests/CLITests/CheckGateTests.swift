import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// `hasim check` as a CI gate (docs/CI-GATES.md): many seeds with a failure
/// rule, one JUnit case per expectation over all seeds, reproduce lines that
/// reproduce, the generated single-failure suites, the warning for a
/// scenario without expectations, `seeds --check` and `analyze --fail-on`.
@Suite struct CheckGateTests {
    static func fixture(_ name: String) -> String { HASimProcess.fixtures.appendingPathComponent(name).path }
    /// "No election" fails exactly on the seeds whose etcd leader was in the dark zone.
    static let leaderZone = fixture("gate-leader-zone.yaml")
    static let suite = fixture("gate-suite.yaml")
    static let twoZones = fixture("gate-two-zones.yaml")
    static let quick = fixture("quick.yaml")

    func temporaryFile(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent(
            "hasim-gate-\(ProcessInfo.processInfo.processIdentifier)-\(UInt64.random(in: 0...UInt64.max))-\(name)"
        ).path
    }

    /// The JUnit report's suites, read back.
    func junitSuites(_ file: String) throws -> [XMLElement] {
        let root = try #require(try XMLDocument(contentsOf: URL(fileURLWithPath: file)).rootElement())
        return root.elements(forName: "testsuite")
    }

    /// The seeds `check --seeds` names as failing an expectation are exactly
    /// those where a one-seed `check` fails it: the gate adds no verdict of
    /// its own. The JUnit report has one case per expectation, not per run.
    @Test func manySeedsNameTheFailingSeedsOfEachExpectation() throws {
        let junit = temporaryFile("junit.xml")
        defer { try? FileManager.default.removeItem(atPath: junit) }
        let gate = try hasim("check", Self.leaderZone, "--seeds", "1-12", "--junit", junit)
        #expect(gate.status == 1)
        var failing: [Int] = []
        for seed in 1...12 {
            let one = try hasim("check", Self.leaderZone, "--seed", "\(seed)")
            if one.stdout.contains("FAIL  etcd.elections atMost 0") { failing.append(seed) }
        }
        // Some seeds and not all: otherwise the fixture tests nothing.
        #expect(!failing.isEmpty && failing.count < 12)
        let lines = gate.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0] == "FAIL \(Self.leaderZone) (gate-leader-zone, 12 seeds 1-12, fail if any; expectations failed in \(failing.count) runs)")
        #expect(lines[1] == "  PASS  never etcdMajorityDown: failed in 0 of 12 seeds (0%)")
        #expect(lines[2].hasPrefix("  FAIL  etcd.elections atMost 0: failed in \(failing.count) of 12 seeds ("))
        #expect(lines[2].contains(": seeds \(failing.map(String.init).joined(separator: ", ")); observed 1, expected <= 0"))
        #expect(lines[3] == "        reproduce: hasim check \(Self.leaderZone) --seed \(failing[0])")

        let suites = try junitSuites(junit)
        #expect(suites.count == 1)
        let cases = suites[0].elements(forName: "testcase")
        #expect(cases.map { $0.attribute(forName: "name")?.stringValue ?? "" } == ["never etcdMajorityDown", "etcd.elections atMost 0"])
        #expect(cases[0].elements(forName: "failure").isEmpty)
        let failure = try #require(cases[1].elements(forName: "failure").first)
        #expect(
            failure.attribute(forName: "message")?.stringValue?.hasPrefix(
                "failed in \(failing.count) of 12 seeds (fail if any): seeds \(failing.map(String.init).joined(separator: ", "));") == true)
        let properties = suites[0].elements(forName: "properties").first?.elements(forName: "property") ?? []
        #expect(properties.map { $0.attribute(forName: "name")?.stringValue ?? "" } == ["file", "seeds", "runs", "failIf"])
    }

    /// `--fail-if` decides from the count of failing seeds: within the rule
    /// the check passes and the JUnit case says what it tolerated.
    @Test func failIfRuleToleratesAFractionOrACount() throws {
        let tolerant = try hasim("check", Self.leaderZone, "--count", "12", "--fail-if", "fraction > 90%")
        #expect(tolerant.status == 0)
        #expect(tolerant.stdout.hasPrefix("PASS \(Self.leaderZone) (gate-leader-zone, 12 seeds 1-12, fail if fraction > 90%;"))
        let strictCount = try hasim("check", Self.leaderZone, "--count", "12", "--fail-if", "count > 0")
        #expect(strictCount.status == 1)
        let junit = temporaryFile("junit.xml")
        defer { try? FileManager.default.removeItem(atPath: junit) }
        #expect(try hasim("check", Self.leaderZone, "--seeds", "1-12", "--fail-if", "count>11", "--junit", junit).status == 0)
        let cases = try junitSuites(junit)[0].elements(forName: "testcase")
        #expect(cases[1].elements(forName: "failure").isEmpty)
        #expect(cases[1].elements(forName: "system-out").first?.stringValue?.contains("within fail if count > 11") == true)
        // Nonsense rules are usage errors (64), before anything runs.
        #expect(try hasim("check", Self.leaderZone, "--count", "2", "--fail-if", "fraction > 120%").status == 64)
        #expect(try hasim("check", Self.leaderZone, "--fail-if", "count > 1").status == 64)
    }

    /// `--count N --seed-from S` is `--seeds S-(S+N-1)`.
    @Test func countFromIsTheSameGateAsASeedRange() throws {
        let counted = try hasim("check", Self.leaderZone, "--count", "4", "--seed-from", "3", "--json")
        let ranged = try hasim("check", Self.leaderZone, "--seeds", "3-6", "--json")
        #expect(counted.status == ranged.status)
        #expect(counted.stdout == ranged.stdout)
        #expect(counted.stdout.contains("\"seeds\" : \"3-6\""))
        #expect(try hasim("check", Self.leaderZone, "--seeds", "5-2").status == 64)
        #expect(try hasim("check", Self.leaderZone, "--seeds", "1-5,3").status == 64)
        #expect(try hasim("check", Self.leaderZone, "--seeds", "1-2", "--seed", "1").status == 64)
    }

    /// The printed reproduce line carries the `--set` overrides and the
    /// seed: run as printed, through a shell, it fails the same way with the
    /// same digest. Without the override (zone b dark instead of a) the same
    /// seed would be another run.
    @Test func theReproduceLineReproducesTheFailingRun() throws {
        let junit = temporaryFile("junit.xml")
        defer { try? FileManager.default.removeItem(atPath: junit) }
        let gate = try hasim(
            "check", Self.leaderZone, "--seeds", "1-12", "--set", "faults[0].zoneOutage=b",
            "--set", "expect=[{metric: etcd.elections, atMost: 0}]", "--junit", junit)
        #expect(gate.status == 1)
        let failure = try #require(try junitSuites(junit)[0].elements(forName: "testcase").first?.elements(forName: "failure").first)
        let detail = try #require(failure.stringValue)
        let reproduce = try #require(detail.split(separator: "\n").first { $0.hasPrefix("reproduce: ") })
        // "reproduce: hasim check FILE --set ... --seed N (digest D)"
        let command = try #require(reproduce.dropFirst("reproduce: ".count).components(separatedBy: " (digest ").first)
        let digest = try #require(reproduce.components(separatedBy: " (digest ").last?.dropLast())
        #expect(command.contains("--set 'faults[0].zoneOutage=b' --set 'expect=[{metric: etcd.elections, atMost: 0}]' --seed "))
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "\"$0\" " + command.dropFirst("hasim ".count), HASimProcess.binary.path]
        let out = Pipe()
        shell.standardOutput = out
        try shell.run()
        let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        shell.waitUntilExit()
        #expect(shell.terminationStatus == 1)
        #expect(printed.hasPrefix("FAIL \(Self.leaderZone) (gate-leader-zone, seed "))
        #expect(printed.contains("digest \(digest))"))
        #expect(printed.contains("FAIL  etcd.elections atMost 0: observed 1"))
    }

    /// A scenario without expectations passes with a warning, or fails with --strict.
    @Test func aCheckWithoutExpectationsWarnsOrFailsWhenStrict() throws {
        let lenient = try hasim("check", Self.quick)
        #expect(lenient.status == 0)
        #expect(lenient.stderr.contains("warning: \(Self.quick): no expectations, so nothing is judged and the check passes; --strict makes this a failure"))
        let junit = temporaryFile("junit.xml")
        defer { try? FileManager.default.removeItem(atPath: junit) }
        let strict = try hasim("check", Self.quick, "--strict", "--junit", junit)
        #expect(strict.status == 1)
        #expect(strict.stdout.hasPrefix("FAIL \(Self.quick)"))
        let testCase = try #require(try junitSuites(junit)[0].elements(forName: "testcase").first)
        #expect(testCase.attribute(forName: "name")?.stringValue == "expectations")
        #expect(testCase.elements(forName: "failure").first?.attribute(forName: "type")?.stringValue == "noExpectations")
        #expect(try hasim("check", Self.quick, "--count", "2", "--strict").status == 1)
    }

    /// `--each zone-outage=5m@5m`: one case per zone, named in the output and
    /// the JUnit report; its zone-a case is the hand-written fault of
    /// gate-leader-zone.yaml exactly (same digest: the fault appended is
    /// `faults[0]` there too, so it draws from the same stream).
    @Test func eachZoneOutageGeneratesOneCasePerZone() throws {
        let junit = temporaryFile("junit.xml")
        defer { try? FileManager.default.removeItem(atPath: junit) }
        let suite = try hasim("check", Self.suite, "--each", "zone-outage=5m@5m", "--seed", "3", "--junit", junit)
        #expect(suite.status == 0)
        let headers = suite.stdout.split(separator: "\n").filter { $0.hasPrefix("PASS") || $0.hasPrefix("FAIL") }
        #expect(headers.map { $0.components(separatedBy: " (").first ?? "" } == ["a", "b", "c"].map { "PASS \(Self.suite) [zone-outage:\($0)]" })
        #expect(try junitSuites(junit).map { $0.attribute(forName: "name")?.stringValue } == ["a", "b", "c"].map { "gate-suite [zone-outage:\($0)]" })
        let handWritten = try hasim("run", Self.leaderZone, "--seed", "3")
        let digest = try #require(handWritten.stdout.split(separator: "\n").first { $0.hasPrefix("digest ") }?.split(separator: " ")[1])
        #expect(headers[0].contains("digest \(digest))"))
    }

    /// Losing the zone that holds two of three members costs the quorum;
    /// over several seeds the one failing case fails the check, and its
    /// reproduce line names the case.
    @Test func eachSuiteOverSeedsFailsOnlyTheCaseThatLosesQuorum() throws {
        let outcome = try hasim("check", Self.twoZones, "--each", "zone-outage=5m", "--seeds", "1-3")
        #expect(outcome.status == 1)
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        #expect(
            lines.filter { $0.hasPrefix("PASS") || $0.hasPrefix("FAIL") }.map { $0.components(separatedBy: " (").first ?? "" }
                == ["FAIL \(Self.twoZones) [zone-outage:a]", "PASS \(Self.twoZones) [zone-outage:b]"])
        #expect(lines.contains("        reproduce: hasim check \(Self.twoZones) --each zone-outage=5m --case zone-outage:a --seed 1"))
        let only = try hasim("check", Self.twoZones, "--each", "zone-outage=5m", "--case", "zone-outage:a", "--seed", "1")
        #expect(only.status == 1)
        #expect(only.stdout.split(separator: "\n").filter { $0.hasPrefix("FAIL") || $0.hasPrefix("PASS") }.count == 1)
        let unknown = try hasim("check", Self.twoZones, "--each", "zone-outage=5m", "--case", "zone-outage:z")
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("--case zone-outage:z: no such generated case; expected one of zone-outage:a, zone-outage:b"))
    }

    /// master-crash and zone-isolation name their cases by master and by
    /// zone. Unlike its outage, cutting zone a off keeps the quorum: its two
    /// members still reach each other, a majority of three. A start at or
    /// after the end of the run is refused (exit 2).
    @Test func masterCrashAndZoneIsolationSuites() throws {
        let crash = try hasim("check", Self.twoZones, "--each", "master-crash", "--each", "zone-isolation=2m", "--json")
        #expect(crash.status == 0)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(crash.stdout.utf8)) as? [[String: Any]])
        #expect(
            array.map { $0["case"] as? String } == [
                "master-crash:master-a-1", "master-crash:master-a-2", "master-crash:master-b-1",
                "zone-isolation:a", "zone-isolation:b",
            ])
        #expect(array.allSatisfy { $0["passed"] as? Bool == true })
        let late = try hasim("check", Self.twoZones, "--each", "zone-outage=5m@15m")
        #expect(late.status == 2)
        #expect(late.stderr.contains("--each zone-outage=5m@15m: the fault would start at 15m, at or after the end of the run (15m)"))
        #expect(try hasim("check", Self.twoZones, "--each", "zone-flood").status == 64)
    }

    /// `seeds --check` prints the table and exits 1 when a run failed.
    @Test func seedsCheckExitsOneWhenRunsFail() throws {
        let plain = try hasim("seeds", Self.leaderZone, "--count", "6", "--metric", "etcd.elections")
        #expect(plain.status == 0)
        let checked = try hasim("seeds", Self.leaderZone, "--count", "6", "--metric", "etcd.elections", "--check")
        #expect(checked.status == 1)
        #expect(checked.stdout == plain.stdout)
        #expect(checked.stderr.contains("error: expectations failed in "))
        #expect(try hasim("seeds", Self.suite, "--count", "2", "--check").status == 0)
    }

    /// `analyze --fail-on CODE` exits 1 when a listed warning is found, and
    /// `--set` changes the topology analysed.
    @Test func analyzeFailsOnListedWarningCodes() throws {
        #expect(try hasim("analyze", Self.twoZones, "--fail-on", "no-zone-loss-tolerated").status == 0)
        let hit = try hasim("analyze", Self.twoZones, "--fail-on", "even-members,zone-holds-quorum-critical")
        #expect(hit.status == 1)
        #expect(hit.stderr.contains("error: --fail-on: \(Self.twoZones): zone-holds-quorum-critical"))
        #expect(try hasim("analyze", Self.suite, "--fail-on", "no-zone-loss-tolerated").status == 0)
        let moved = try hasim("analyze", Self.suite, "--set", "topology.masters={a: 2, b: 1, c: 1}", "--fail-on", "no-zone-loss-tolerated")
        #expect(moved.status == 1)
        #expect(moved.stdout.contains("4 etcd members over 3 zones (a: 2, b: 1, c: 1)"))
        let typo = try hasim("analyze", Self.suite, "--fail-on", "no-zone-loss")
        #expect(typo.status == 64)
        #expect(typo.stderr.contains("unknown warning code \"no-zone-loss\""))
    }
}
