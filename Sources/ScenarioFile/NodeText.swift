import Yams

/// A YAML value written back as one line: flow-style YAML for people
/// (`{a: 2, b: 2, c: 1}`), JSON for the database. Keys keep the file's
/// order, so the same value always gives the same text.
enum NodeText {
    static func flow(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar):
            return scalar.string.isEmpty || scalar.string.contains(where: { ",:{}[]#\"'".contains($0) }) ? quoted(scalar.string) : scalar.string
        case .mapping(let mapping):
            return "{" + mapping.map { "\(flow($0.key)): \(flow($0.value))" }.joined(separator: ", ") + "}"
        case .sequence(let sequence):
            return "[" + sequence.map(flow).joined(separator: ", ") + "]"
        case .alias:
            return "*alias"
        }
    }

    static func json(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar):
            if node.tag == Tag(.null) { return "null" }
            if node.tag == Tag(.bool), let value = node.bool { return value ? "true" : "false" }
            if node.tag == Tag(.int), let value = Int(scalar.string.replacingUnderscores) { return String(value) }
            if node.tag == Tag(.float), let value = Double(scalar.string.replacingUnderscores), value.isFinite { return String(value) }
            return quoted(scalar.string)
        case .mapping(let mapping):
            return "{" + mapping.map { "\(quoted($0.key.scalar?.string ?? flow($0.key))):\(json($0.value))" }.joined(separator: ",") + "}"
        case .sequence(let sequence):
            return "[" + sequence.map(json).joined(separator: ",") + "]"
        case .alias:
            return "null"
        }
    }

    /// A JSON string literal (also valid flow YAML).
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 {
                    out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
