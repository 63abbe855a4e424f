import Foundation
import Simulation

/// Reads scenario files from disk; the only place in the module that touches files.
public enum ScenarioLoader {
    public struct Loaded: Sendable {
        public var scenario: Scenario
        /// The file's bytes, kept to hash them for the run record.
        public var contents: Data
        public var path: String
    }

    public static func load(path: String) throws(ScenarioError) -> Loaded {
        do {
            return try loadReportingAll(path: path)
        } catch {
            throw error.all[0]
        }
    }

    /// As `load`, but throws every mistake of the file (`hasim validate`).
    public static func loadReportingAll(path: String) throws(ScenarioErrors) -> Loaded {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScenarioErrors([ScenarioError(file: path, line: 1, column: 1, keyPath: "", message: "cannot read the file; expected a readable scenario file")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ScenarioErrors([ScenarioError(file: path, line: 1, column: 1, keyPath: "", message: "the file is not UTF-8 text")])
        }
        return Loaded(scenario: try ScenarioParser.parseReportingAll(text, file: path), contents: data, path: path)
    }
}
