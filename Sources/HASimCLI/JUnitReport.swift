import Foundation
import Simulation

/// `check --junit FILE`: JUnit XML as CI systems read it (Jenkins, GitLab,
/// GitHub test reporters): one <testsuite> per scenario file (or case that
/// `--each` generated), one <testcase> per expectation, a <failure> with the
/// observed value and the bound (over many seeds: the failing seeds and
/// their observed values), the command that reproduces it, and a single
/// <error> case for a file that could not be read.
enum JUnitReport {
    static func xml(_ outcomes: [CheckOutcome]) -> String {
        var suites: [String] = []
        var tests = 0, failures = 0, errors = 0
        for outcome in outcomes {
            switch outcome {
            case .ran(let report, let checked):
                let result = report.result
                let name = result.scenarioName + checked.label
                let path = report.run.loaded.path
                var cases: [String] = []
                for expectation in result.expectations {
                    let head = testCaseHead(name, expectation.name, path)
                    if expectation.passed {
                        cases.append(head + "/>")
                    } else {
                        let message = "observed \(RunReport.format(expectation.observed)), expected \(expectation.bound)" + (expectation.detail.map { "; \($0)" } ?? "")
                        let detail = "\(expectation.name): \(message)\nreproduce: \(checked.reproduce.line(seed: result.seed)) (digest \(hex16(result.digest)))"
                        cases.append(head + failure(message, detail))
                    }
                }
                if result.expectations.isEmpty { cases.append(noExpectationsCase(name, path, strict: checked.strict)) }
                let failed = cases.filter { $0.contains("<failure") }.count
                tests += cases.count
                failures += failed
                suites.append(suite(name, tests: cases.count, failures: failed, wall: report.run.wallSeconds, properties: [
                    ("file", path), ("seed", "\(result.seed)"), ("digest", hex16(result.digest)),
                ] + (checked.caseName.map { [("case", $0)] } ?? []), cases: cases))
            case .seeds(let gate):
                let name = gate.scenarioName + (gate.caseName.map { " [\($0)]" } ?? "")
                var cases: [String] = []
                for expectation in gate.expectations {
                    let head = testCaseHead(name, expectation.name, gate.path)
                    let count = expectation.failures.count
                    if let first = expectation.failures.first, gate.failsGate(expectation) {
                        let message = "failed in \(count) of \(gate.runs) seeds (fail if \(gate.rule)): seeds \(CheckOverSeeds.seedList(expectation.failures)); observed \(CheckOverSeeds.observedRange(expectation.failures)), expected \(expectation.bound)"
                        let detail = "\(expectation.name): \(message)\nreproduce: \(gate.reproduce.line(seed: first.seed)) (digest \(hex16(first.digest)))"
                        cases.append(head + failure(message, detail))
                    } else if let first = expectation.failures.first {
                        // Within the rule: passes, and says what it tolerated.
                        let note = "failed in \(count) of \(gate.runs) seeds, within fail if \(gate.rule): seeds \(CheckOverSeeds.seedList(expectation.failures))\nreproduce: \(gate.reproduce.line(seed: first.seed))"
                        cases.append(head + ">\n      <system-out>\(escape(note))</system-out>\n    </testcase>")
                    } else {
                        cases.append(head + "/>")
                    }
                }
                if gate.expectations.isEmpty { cases.append(noExpectationsCase(name, gate.path, strict: gate.strict)) }
                let failed = cases.filter { $0.contains("<failure") }.count
                tests += cases.count
                failures += failed
                suites.append(suite(name, tests: cases.count, failures: failed, wall: gate.wallSeconds, properties: [
                    ("file", gate.path), ("seeds", gate.seeds.description), ("runs", "\(gate.runs)"), ("failIf", gate.rule.description),
                ] + (gate.caseName.map { [("case", $0)] } ?? []), cases: cases))
            case .invalid(let path, let error):
                tests += 1
                errors += 1
                suites.append("""
                      <testsuite name="\(escape(path))" tests="1" failures="0" errors="1" time="0">
                        <testcase classname="\(escape(path))" name="valid scenario file" file="\(escape(path))" time="0">
                          <error type="invalidScenario" message="\(escape(error.description))"/>
                        </testcase>
                      </testsuite>
                    """)
            }
        }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuites name="hasim check" tests="\(tests)" failures="\(failures)" errors="\(errors)">
            \(suites.joined(separator: "\n"))
            </testsuites>

            """
    }

    static func testCaseHead(_ suite: String, _ name: String, _ path: String) -> String {
        "    <testcase classname=\"\(escape(suite))\" name=\"\(escape(name))\" file=\"\(escape(path))\" time=\"0\""
    }

    static func failure(_ message: String, _ detail: String) -> String {
        ">\n      <failure type=\"expectation\" message=\"\(escape(message))\">\(escape(detail))</failure>\n    </testcase>"
    }

    /// A scenario with nothing to judge: skipped, or with `--strict` a failure,
    /// so that a CI dashboard shows it either way rather than a silent pass.
    static func noExpectationsCase(_ suite: String, _ path: String, strict: Bool) -> String {
        let message = "the scenario has no expectations, so nothing was judged"
        return testCaseHead(suite, "expectations", path)
            + (strict ? ">\n      <failure type=\"noExpectations\" message=\"\(escape(message)) (--strict)\"/>\n    </testcase>"
                      : ">\n      <skipped message=\"\(escape(message))\"/>\n    </testcase>")
    }

    static func suite(_ name: String, tests: Int, failures: Int, wall seconds: Double, properties: [(String, String)], cases: [String]) -> String {
        let props = properties.map { "      <property name=\"\($0.0)\" value=\"\(escape($0.1))\"/>" }
        return (["  <testsuite name=\"\(escape(name))\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"0\" time=\"\(wall(seconds))\">",
                 "    <properties>"] + props + ["    </properties>"] + cases + ["  </testsuite>"]).joined(separator: "\n")
    }

    /// Writes the report whole or not at all (a temporary file renamed into place).
    static func write(_ outcomes: [CheckOutcome], to path: String) throws {
        do {
            try Data(xml(outcomes).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            printError("error: cannot write the JUnit report to \(path): \(error.localizedDescription)")
            throw ExitCodes.storeFailed
        }
    }

    /// Text safe inside an attribute or element; control characters other
    /// than tab and newline are not allowed in XML 1.0 at all.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            case "\t": out += "&#9;"
            case _ where scalar.value < 0x20: out += "?"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func wall(_ seconds: Double) -> String { String(format: "%.3f", seconds) }
}
