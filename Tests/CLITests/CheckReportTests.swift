import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// `hasim check --junit` and `--json`: reports that CI systems read.
@Suite struct CheckReportTests {
    static let report = HASimProcess.fixtures.appendingPathComponent("ci-report.yaml").path
    static let invalid = HASimProcess.fixtures.appendingPathComponent("invalid.yaml").path
    static let zoneOutage = HASimProcess.scenario("three-zones-zone-outage.yaml")

    func temporaryFile(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("hasim-\(ProcessInfo.processInfo.processIdentifier)-\(UInt64.random(in: 0...UInt64.max))-\(name)").path
    }

    @Test func junitHasOneTestCasePerScenarioAndExpectationWithObservedAndBound() throws {
        let file = temporaryFile("junit.xml")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let outcome = try hasim("check", Self.report, Self.zoneOutage, Self.invalid, "--junit", file)
        #expect(outcome.status == 2)  // an invalid file outranks a failed expectation
        let document = try XMLDocument(contentsOf: URL(fileURLWithPath: file))
        let root = try #require(document.rootElement())
        #expect(root.name == "testsuites")
        #expect(root.attribute(forName: "tests")?.stringValue == "13")
        #expect(root.attribute(forName: "failures")?.stringValue == "1")
        #expect(root.attribute(forName: "errors")?.stringValue == "1")
        let suites = root.elements(forName: "testsuite")
        #expect(suites.map { $0.attribute(forName: "name")?.stringValue } == ["ci-report", "three-zones-zone-outage", Self.invalid])
        let cases = suites[0].elements(forName: "testcase")
        #expect(cases.map { $0.attribute(forName: "name")?.stringValue ?? "" } == [
            "never etcdMajorityDown", "never etcdQuorumLost longerThan 5s", "never anyZoneDown", "zone.b.availability atLeast 0.999",
        ])
        #expect(cases.allSatisfy { $0.attribute(forName: "classname")?.stringValue == "ci-report" })
        let failures = cases.map { $0.elements(forName: "failure") }
        #expect(failures.map(\.count) == [0, 0, 1, 0])
        #expect(failures[2].first?.attribute(forName: "message")?.stringValue == "observed 600, expected 0 s holding")
        #expect(failures[2].first?.stringValue?.contains("reproduce: hasim check \(Self.report) --seed 1 (digest ") == true)
        #expect(suites[1].elements(forName: "testcase").count == 8)
        let error = try #require(suites[2].elements(forName: "testcase").first?.elements(forName: "error").first)
        #expect(error.attribute(forName: "message")?.stringValue?.hasPrefix("\(Self.invalid):5:3: topology.wrkers: unknown key") == true)
        let properties = suites[0].elements(forName: "properties").first?.elements(forName: "property") ?? []
        #expect(properties.map { $0.attribute(forName: "name")?.stringValue ?? "" } == ["file", "seed", "digest"])
    }

    @Test func junitIsWrittenWhenEveryExpectationPassesAndTheExitIsZero() throws {
        let file = temporaryFile("junit.xml")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let outcome = try hasim("check", Self.zoneOutage, "--junit", file)
        #expect(outcome.status == 0)
        let root = try #require(try XMLDocument(contentsOf: URL(fileURLWithPath: file)).rootElement())
        #expect(root.attribute(forName: "failures")?.stringValue == "0")
        #expect(root.elements(forName: "testsuite").first?.elements(forName: "testcase").count == 8)
    }

    @Test func checkJSONIsOneObjectPerFileInOrder() throws {
        let outcome = try hasim("check", Self.report, Self.invalid, "--json")
        #expect(outcome.status == 2)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [[String: Any]])
        #expect(array.count == 2)
        #expect(array[0]["scenario"] as? String == "ci-report")
        #expect(array[0]["passed"] as? Bool == false)
        let expectations = try #require(array[0]["expectations"] as? [[String: Any]])
        #expect(expectations.map { $0["passed"] as? Bool } == [true, true, false, true])
        #expect(expectations[3]["bound"] as? String == ">= 0.999")
        #expect(array[1]["scenarioPath"] as? String == Self.invalid)
        let error = try #require(array[1]["error"] as? [String: Any])
        #expect(error["line"] as? Int == 5 && error["column"] as? Int == 3 && error["keyPath"] as? String == "topology.wrkers")
    }

    @Test func validateReportsEveryMistakeOfAFileAndJSONWhenAsked() throws {
        let file = temporaryFile("many-mistakes.yaml")
        defer { try? FileManager.default.removeItem(atPath: file) }
        try Data("""
            name: many
            seed: -1
            topology: {zones: [a], masters: {a: 1}}
            expect:
              - {metric: etcd.quorum.availability, atLeast: 99.9}
              - {never: quorumLost}
            """.utf8).write(to: URL(fileURLWithPath: file))
        let text = try hasim("validate", file)
        #expect(text.status == 2)
        #expect(text.stderr.split(separator: "\n").map { $0.split(separator: ":").prefix(4).joined(separator: ":") } == [
            "error: \(file):2:7", "error: \(file):5:49", "error: \(file):6:13",
        ])
        #expect(text.stderr.contains("expect[0].atLeast: etcd.quorum.availability is a ratio; expected a bound from 0 to 1 (or 0% to 100%), found 99.9; for a percentage write 99.9%"))
        let json = try hasim("validate", file, Self.zoneOutage, "--json")
        #expect(json.status == 2)
        let files = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(files.map { $0["valid"] as? Bool } == [false, true])
        #expect((files[0]["errors"] as? [[String: Any]])?.map { $0["keyPath"] as? String } == ["seed", "expect[0].atLeast", "expect[1].never"])
        #expect(files[1]["scenario"] as? String == "three-zones-zone-outage")
    }
}
