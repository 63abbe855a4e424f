import Foundation
import ScenarioFile

/// The one JSON style of the command line: sorted keys, indented, slashes as is.
enum JSONText {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// A string as a JSON value, quoted and escaped (`"zone-outage:a"`).
    static func string(_ text: String) -> String {
        (try? encode(text)) ?? "\"\""
    }
}

/// A scenario error as JSON, its place in separate fields.
struct ScenarioErrorJSON: Encodable {
    var file: String
    var line: Int
    var column: Int
    var keyPath: String
    var message: String
    /// The same text the command prints on standard error.
    var description: String

    init(_ error: ScenarioError) {
        file = error.file
        line = error.line
        column = error.column
        keyPath = error.keyPath
        message = error.message
        description = error.description
    }
}
