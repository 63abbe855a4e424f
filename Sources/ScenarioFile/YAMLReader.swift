import Foundation
import SimKernel
import Yams

/// Typed access to a composed YAML tree that turns every mismatch into a
/// `ScenarioError` carrying the node's line, column and key path.
struct YAMLReader {
    let file: String

    /// The longest duration a scenario may write anywhere.
    static let longestDuration = SimDuration.days(36_500)

    func error(at node: Node, _ path: String, _ message: String) -> ScenarioError {
        let mark = node.mark
        return ScenarioError(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, keyPath: path, message: message)
    }

    /// A mapping's entries, checked against the keys it may have.
    /// `anyKey` accepts every plain key (a sweep's axes are key paths, not a fixed set).
    func mapping(_ node: Node, _ path: String, allowed: [String], what: String = "a mapping", anyKey: Bool = false) throws(ScenarioError) -> Fields {
        guard let mapping = node.mapping else {
            throw error(at: node, path, "expected \(what), found \(describe(node))")
        }
        var fields = Fields(node: node, path: path, entries: [])
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                throw error(at: keyNode, path, "expected a plain key, found \(describe(keyNode))")
            }
            let keyPath = Fields.join(path, key)
            guard anyKey || allowed.contains(key) else {
                throw error(at: keyNode, keyPath, NearestName.unknownMessage("key", key, known: allowed))
            }
            if fields.entries.contains(where: { $0.key == key }) {
                throw error(at: keyNode, keyPath, "duplicate key \(quoted(key))")
            }
            fields.entries.append((key, keyNode, value))
        }
        return fields
    }

    /// A list's items, refused before they are copied when there are more than `limit`.
    func sequence(_ node: Node, _ path: String, what: String = "a list", limit: Int = ScenarioLimits.listItems) throws(ScenarioError) -> [Node] {
        guard let sequence = node.sequence else {
            throw error(at: node, path, "expected \(what), found \(describe(node))")
        }
        guard sequence.count <= limit else {
            throw error(at: node, path, "expected at most \(limit) items, found \(sequence.count)")
        }
        return Array(sequence)
    }

    func string(_ node: Node, _ path: String, what: String = "a string") throws(ScenarioError) -> String {
        guard let scalar = node.scalar else { throw error(at: node, path, "expected \(what), found \(describe(node))") }
        return scalar.string
    }

    /// A whole number written as a YAML integer.
    func integer(_ node: Node, _ path: String, what: String = "a whole number") throws(ScenarioError) -> Int {
        guard node.scalar != nil, node.tag == Tag(.int), let value = Int(node.scalar!.string.replacingUnderscores) else {
            throw error(at: node, path, "expected \(what), found \(describe(node))")
        }
        return value
    }

    /// A count: a whole number from `minimum` (1 unless said) to `maximum`.
    /// The bound is checked here, before any caller allocates from the count
    /// or adds it to another.
    func count(_ node: Node, _ path: String, minimum: Int = 1, maximum: Int) throws(ScenarioError) -> Int {
        let value = try integer(node, path, what: "a count of at least \(minimum)")
        guard value >= minimum else { throw error(at: node, path, "expected a count of at least \(minimum), found \(value)") }
        guard value <= maximum else { throw error(at: node, path, "expected a count of at most \(maximum), found \(value)") }
        return value
    }

    /// A number, or a percentage written as `99.9%`.
    func number(_ node: Node, _ path: String) throws(ScenarioError) -> Double {
        guard let text = node.scalar?.string else {
            throw error(at: node, path, "expected a number such as 0.999 or 99.9%, found \(describe(node))")
        }
        if text.hasSuffix("%"), let percent = Double(text.dropLast()), percent.isFinite {
            // 99.9% is the decimal 0.999; dividing by 100 would give 0.9990000000000001.
            return PercentText.fraction(String(text.dropLast())) ?? percent / 100
        }
        guard node.tag == Tag(.int) || node.tag == Tag(.float), let value = Double(text.replacingUnderscores), value.isFinite else {
            throw error(at: node, path, "expected a number such as 0.999 or 99.9%, found \(describe(node))")
        }
        return value
    }

    func duration(_ node: Node, _ path: String) throws(ScenarioError) -> SimDuration {
        guard let text = node.scalar?.string else {
            throw error(at: node, path, "expected a duration such as 250ms, 1.5s or 1h30m, found \(describe(node))")
        }
        // No duration is this long; refusing it here keeps the message from echoing it.
        guard text.count <= ScenarioLimits.quotedCharacters else {
            throw error(at: node, path, "expected a duration such as 250ms, 1.5s or 1h30m, found \(quoted(text))")
        }
        let value: SimDuration
        do {
            value = try DurationText.parse(text)
        } catch {
            throw self.error(at: node, path, error.description)
        }
        // Virtual time is Int64 nanoseconds (±292 years): bounding every
        // duration keeps every sum of a time and a delay far from overflow.
        guard value <= Self.longestDuration else {
            throw self.error(at: node, path, "expected at most \(Self.longestDuration) (100 years), found \(value)")
        }
        return value
    }

    /// How a node looks to the user, for "found ..." in messages.
    func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar):
            if node.tag == Tag(.null) { return "nothing" }
            return quoted(scalar.string)
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }
}

/// `text` in quotes for a message, cut short so that an error never echoes
/// a large part of the input.
/// Control characters are shown escaped (`\u{0}`), never written to the terminal.
func quoted(_ text: String) -> String {
    let limit = ScenarioLimits.quotedCharacters
    var shown = ""
    for scalar in text.unicodeScalars.prefix(limit) {
        if scalar.properties.generalCategory == .control {
            shown += "\\u{\(String(scalar.value, radix: 16))}"
        } else {
            shown.unicodeScalars.append(scalar)
        }
    }
    let count = text.unicodeScalars.count
    return count > limit ? "\"\(shown)...\" (\(count) characters)" : "\"\(shown)\""
}

/// The entries of one YAML mapping, in file order.
struct Fields {
    let node: Node
    let path: String
    var entries: [(key: String, keyNode: Node, value: Node)]

    subscript(key: String) -> Node? { entries.first { $0.key == key }?.value }

    func path(_ key: String) -> String { Fields.join(path, key) }

    /// The one entry whose key is among `keys` (a fault's kind, a failure's
    /// target, an expectation's kind), or a located error saying none or
    /// several were given.
    func exactlyOne(of keys: [String], naming what: String, _ reader: YAMLReader) throws(ScenarioError) -> (key: String, value: Node) {
        let named = entries.filter { keys.contains($0.key) }
        guard named.count == 1, let entry = named.first else {
            let problem = named.isEmpty ? "missing the \(what)" : "more than one \(what)"
            throw reader.error(at: node, path, "\(problem); expected exactly one of \(keys.joined(separator: ", "))")
        }
        return (entry.key, entry.value)
    }

    static func join(_ path: String, _ key: String) -> String {
        // A key path names keys the user wrote; a huge unknown key is cut as in messages.
        let key = key.count > ScenarioLimits.quotedCharacters ? "\(key.prefix(ScenarioLimits.quotedCharacters))..." : key
        return path.isEmpty ? key : "\(path).\(key)"
    }
}

extension String {
    /// YAML 1.1 allows `1_000`; Swift's parsers do not.
    var replacingUnderscores: String { filter { $0 != "_" } }
}

extension YAMLReader {
    func boolean(_ node: Node, _ path: String) throws(ScenarioError) -> Bool {
        guard node.scalar != nil, node.tag == Tag(.bool), let value = node.bool else {
            throw error(at: node, path, "expected true or false, found \(describe(node))")
        }
        return value
    }

    /// A steady rate per second (`unit` such as "requests per second"): 0
    /// (none), or from one event in the longest duration (100 years) to
    /// `maximum`. A smaller positive rate would have a period past what
    /// virtual time can hold; it means "never" in any run, so it is refused
    /// with what to write instead (0). Every rate key is read here, so the
    /// model's `SimDuration.period(perSecond:)` never sees one out of range.
    func rate(_ node: Node, _ path: String, unit: String, maximum: Double, allowZero: Bool = true) throws(ScenarioError) -> Double {
        let value = try number(node, path)
        let minimum = 1 / Self.longestDuration.seconds
        guard (allowZero && value == 0) || (value >= minimum && value <= maximum) else {
            let lowest = (allowZero ? "0, or " : "") + "from one in 100 years (\(String(format: "%.2g", minimum)))"
            throw error(at: node, path, "expected \(unit) of \(lowest) to \(Int(maximum)), found \(value)")
        }
        return value
    }

    /// A probability: a number or percentage from 0 to 1.
    func fraction(_ node: Node, _ path: String) throws(ScenarioError) -> Double {
        let value = try number(node, path)
        guard (0...1).contains(value) else { throw error(at: node, path, "expected a fraction from 0 to 1 (or 0% to 100%), found \(value)") }
        return value
    }
}
