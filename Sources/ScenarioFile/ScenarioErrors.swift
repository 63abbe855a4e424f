/// Every mistake found in one scenario file, in file order. The parser goes
/// on after an error in one top-level section (or one fault, one expectation)
/// so that `hasim validate` can report them all at once; a section that
/// depends on a broken one (faults on a broken topology) is not judged.
public struct ScenarioErrors: Error, CustomStringConvertible {
    public var all: [ScenarioError]

    public init(_ all: [ScenarioError]) { self.all = all }

    public var description: String { all.map(\.description).joined(separator: "\n") }
}

/// Collects errors section by section instead of stopping at the first.
struct ErrorCollector {
    private(set) var errors: [ScenarioError] = []

    /// The section's value, or nil after recording its error.
    @discardableResult
    mutating func attempt<T>(_ section: () throws(ScenarioError) -> T) -> T? {
        do {
            return try section()
        } catch {
            errors.append(error)
            return nil
        }
    }

    /// An error found outside a section that throws (a limit over several entries).
    mutating func record(_ error: ScenarioError) {
        errors.append(error)
    }

    /// The errors sorted by place, as a reader goes through the file.
    var sorted: [ScenarioError] {
        errors.enumerated().sorted { a, b in
            (a.element.line, a.element.column, a.offset) < (b.element.line, b.element.column, b.offset)
        }.map(\.element)
    }
}
