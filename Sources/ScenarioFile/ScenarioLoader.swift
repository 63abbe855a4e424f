import Foundation
import Simulation

/// Reads scenario files from disk; the only place in the module that touches files.
public enum ScenarioLoader {
    public struct Loaded: Sendable {
        public var scenario: Scenario
        /// The file's bytes, kept to hash them for the run record.
        public var contents: Data
        public var path: String
        /// The `--set` overrides applied, as (key path, value as JSON), in order.
        public var overrides: [(path: String, json: String)] = []
    }

    public static func load(path: String, overrides: [ScenarioOverride] = []) throws(ScenarioError) -> Loaded {
        let (text, data) = try read(path: path)
        let root = try ScenarioParser.compose(text, file: path, what: "a scenario mapping with name and topology")
        let scenario = try ScenarioOverride.parse(root, file: path, overrides: overrides)
        return Loaded(scenario: scenario, contents: data, path: path, overrides: overrides.map { ($0.path, $0.valueJSON) })
    }

    /// A file's text and bytes, or a located error saying why it cannot be read.
    static func read(path: String) throws(ScenarioError) -> (String, Data) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScenarioError(file: path, line: 1, column: 1, keyPath: "", message: "cannot read the file; expected a readable scenario file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ScenarioError(file: path, line: 1, column: 1, keyPath: "", message: "the file is not UTF-8 text")
        }
        return (text, data)
    }
}
