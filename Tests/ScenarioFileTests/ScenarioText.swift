import ScenarioFile
import Simulation

/// Scenario text for parser tests: a three-zone head to append keys to, and
/// the parse result or the error message as text.
protocol ScenarioText {}

extension ScenarioText {
    var head: String { "name: t\nduration: 1h\ntopology:\n  zones: [a, b, c]\n  masters: {a: 1, b: 1, c: 1}\n  workers: {a: 1}\n" }

    func parse(_ text: String) throws -> Scenario { try ScenarioParser.parse(text, file: "s.yaml") }

    func error(_ text: String) -> String {
        do {
            _ = try parse(text)
            return "parsed"
        } catch {
            return "\(error)"
        }
    }
}
