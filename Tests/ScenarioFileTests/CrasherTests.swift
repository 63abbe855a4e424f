import Foundation
import ScenarioFile
import Testing

/// Inputs that once crashed hasim or exhausted the machine (issue 10), each
/// minimised into a fixture that must now give exactly this located message.
/// The same folder seeds the fuzzer's corpus (Fuzz/README.md).
@Suite struct CrasherTests {
    static let crashers = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/crashers")

    /// The error loading `path` gives, or "loaded".
    func loadError(_ path: String) -> String {
        do {
            _ = try ScenarioLoader.load(path: path)
            return "loaded"
        } catch {
            return error.description
        }
    }

    /// The error parsing `text` gives, or "parsed".
    func parseError(_ text: String) -> String {
        do {
            _ = try ScenarioParser.parse(text, file: "s.yaml")
            return "parsed"
        } catch {
            return error.description
        }
    }

    @Test(arguments: [
        ("huge-master-count", "4:16: topology.masters.a: expected a count of at most 64, found 9223372036854775807"),
        ("huge-worker-count", "5:16: topology.workers.a: expected a count of at most 5000, found 9223372036854775807"),
        ("huge-workers-with-access", "5:16: topology.workers.a: expected a count of at most 5000, found 1000000000"),
        ("huge-scale-masters", "6:32: operations[0].scaleMasters.a: expected a count of at most 64, found 1000000000"),
        ("scale-masters-overflow", "6:32: operations[0].scaleMasters.a: expected a count of at most 64, found 9223372036854775807"),
        ("many-zones", "3:10: topology.zones: expected at most 100 items, found 101"),
        ("many-faults", "4:3: faults: expected at most 1000 items, found 1001"),
        ("threshold-overflow", "6:66: topology.access.healthCheck.unhealthyThreshold: expected a count of at most 10, found 9223372036854775807"),
        ("health-check-1ns", "6:29: topology.access.healthCheck.interval: expected at least 1s, found 1ns"),
        ("duplicate-key", #"3:1: duplicate key "name", first at line 1; expected each key once in a mapping"#),
        ("control-character", "1:14: YAML error: control characters are not allowed (U+0001); expected printable text"),
        ("billion-laughs", "6:36: the YAML has more than 100000 values, aliases counted at their full size; expected a scenario"),
        ("deep-block-nesting", "1:129: the YAML is nested more than 64 levels deep; expected a scenario"),
        ("trailing-dot-duration", #"3:11: duration: bad duration "1s.": "." has no digits; expected a number and a unit (ns, us, ms, s, m, h, d), e.g. 250ms, 1.5s, 1h30m"#),
        ("deep-flow-nesting", "1:8: YAML syntax error: Maximum nesting level reached, set with yaml_set_max_nest_level())"),
    ])
    func crasherGivesALocatedError(fixture: String, message: String) {
        let path = Self.crashers.appendingPathComponent("\(fixture).yaml").path
        do {
            _ = try ScenarioLoader.load(path: path)
            Issue.record("\(fixture) loaded without an error")
        } catch {
            #expect(error.description == "\(path):\(message)")
        }
    }

    /// A fuzzed file with 159 misspelt metric names took more than the
    /// fuzzer's 10 s: every name was compared in full with every metric.
    /// The comparison is now bounded; the errors and suggestions are the same.
    @Test func manyUnknownNamesAreEachReportedWithTheirSuggestion() {
        // Beside the crashers, not among them: it gives 152 errors, not one.
        let path = Self.crashers.deletingLastPathComponent().appendingPathComponent("many-unknown-metric-names.yaml").path
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        var lines: [String] = []
        do {
            _ = try ScenarioParser.parseReportingAll(text, file: "s.yaml")
        } catch {
            lines = error.all.map(\.description)
        }
        #expect(lines.count == 152)
        #expect(lines.first?.hasSuffix(#"(did you mean "masterMajorityDown"?)"#) == true)
        #expect(lines.count { $0.hasSuffix(#"(did you mean "hosts.masters.up.fraction"?)"#) } == 39)
    }

    /// A duplicate key in a large file once printed the whole file.
    @Test func aYAMLErrorNeverEchoesTheInput() {
        let filler = String(repeating: "x", count: 100_000)
        let text = "name: t\ndescription: \(filler)\ntopology: {zones: [a], masters: {a: 1}}\ndescription: again\n"
        #expect(parseError(text) == #"s.yaml:4:1: duplicate key "description", first at line 2; expected each key once in a mapping"#)
    }

    @Test func aLongValueIsCutInTheMessage() {
        let zone = String(repeating: "z", count: 1_000)
        let message = parseError("name: t\ntopology: {zones: [a], masters: {\(zone): 1}}\n")
        #expect(message.count < 300)
        #expect(message.hasPrefix(#"s.yaml:2:34: topology.masters.zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz...: unknown zone "zzzz"#))
        #expect(message.hasSuffix(#"..." (1000 characters); expected one of a"#))
    }

    /// A NUL written as an escape reaches the parser; it would cut the name in the database.
    @Test func aNameWithAControlCharacterIsRefused() {
        #expect(parseError("name: \"a\\0b\"\ntopology: {zones: [a], masters: {a: 1}}\n") == "s.yaml:1:7: name: expected a name of at most 200 characters without control characters, found \"a\\u{0}b\"")
    }

    @Test func aFileLargerThanAnyScenarioIsRefusedUnread() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hasim-large-\(ProcessInfo.processInfo.processIdentifier).yaml").path
        let text = "name: t\ntopology: {zones: [a], masters: {a: 1}}\ndescription: " + String(repeating: "x", count: ScenarioLimits.fileBytes)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(loadError(path) == "\(path):1:1: cannot read the file: it is larger than 1024 KiB, the most a scenario may be; expected a readable scenario file")
    }

    @Test func aFolderIsNotAScenario() {
        let path = Self.crashers.path
        #expect(loadError(path) == "\(path):1:1: cannot read the file: it is a folder; expected a readable scenario file")
    }

    /// Root reads any file, so the reason can only be observed as another user.
    @Test(.enabled(if: getuid() != 0)) func anUnreadableFileSaysPermissionDenied() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hasim-noperm-\(ProcessInfo.processInfo.processIdentifier).yaml").path
        try Data("name: t\n".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: path)
        #expect(loadError(path) == "\(path):1:1: cannot read the file: permission denied; expected a readable scenario file")
    }

    /// Zone names are checked with a set: 100 zones with every count cost no more than a few.
    @Test func theZoneLimitIsAccepted() throws {
        let zones = (0..<ScenarioLimits.zones).map { "z\($0)" }
        let masters = zones.prefix(64).map { "\($0): 1" }.joined(separator: ", ")
        let scenario = try ScenarioParser.parse("name: t\ntopology: {zones: [\(zones.joined(separator: ", "))], masters: {\(masters)}}\n", file: "s.yaml")
        #expect(scenario.topology.zones.count == 100)
        #expect(scenario.topology.masterCount == 64)
    }
}
