import Foundation
import Simulation

/// `check --junit FILE`: JUnit XML as CI systems read it (Jenkins, GitLab,
/// GitHub test reporters): one <testsuite> per scenario file, one <testcase>
/// per expectation, a <failure> with the observed value and the bound, and a
/// single <error> case for a file that could not be read.
enum JUnitReport {
    static func xml(_ outcomes: [CheckOutcome]) -> String {
        var suites: [String] = []
        var tests = 0, failures = 0, errors = 0
        for outcome in outcomes {
            switch outcome {
            case .ran(let report):
                let result = report.result
                let name = result.scenarioName
                let path = report.run.loaded.path
                var cases: [String] = []
                for expectation in result.expectations {
                    let head = "    <testcase classname=\"\(escape(name))\" name=\"\(escape(expectation.name))\" file=\"\(escape(path))\" time=\"0\""
                    if expectation.passed {
                        cases.append(head + "/>")
                    } else {
                        let message = "observed \(RunReport.format(expectation.observed)), expected \(expectation.bound)"
                        let detail = "\(expectation.name): \(message)\nreproduce: hasim check \(path) --seed \(result.seed) (digest \(hex16(result.digest)))"
                        cases.append(head + ">\n      <failure type=\"expectation\" message=\"\(escape(message))\">\(escape(detail))</failure>\n    </testcase>")
                    }
                }
                let failed = result.expectations.filter { !$0.passed }.count
                tests += result.expectations.count
                failures += failed
                suites.append("""
                      <testsuite name="\(escape(name))" tests="\(result.expectations.count)" failures="\(failed)" errors="0" time="\(wall(report.run.wallSeconds))">
                        <properties>
                          <property name="file" value="\(escape(path))"/>
                          <property name="seed" value="\(result.seed)"/>
                          <property name="digest" value="\(hex16(result.digest))"/>
                        </properties>
                    \(cases.joined(separator: "\n"))
                      </testsuite>
                    """.replacingOccurrences(of: "\n\n", with: "\n"))
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
