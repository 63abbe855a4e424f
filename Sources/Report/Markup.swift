/// The one way the report writes HTML and SVG: elements and attributes built
/// here, and every text and attribute value escaped on the way in. Scenario
/// names, descriptions, entity names and event details all come from files a
/// user wrote, so no caller ever appends raw text but through `raw`, which
/// takes only a `StaticString` (text fixed in this module's source).
struct Markup {
    private(set) var output = ""

    init() {
        output.reserveCapacity(1 << 16)
    }

    /// `<name a="v" ...>`; attributes keep the order given, for stable bytes.
    mutating func open(_ name: StaticString, _ attributes: [(StaticString, String)] = []) {
        output += "<"
        output += name.description
        for (key, value) in attributes {
            output += " "
            output += key.description
            output += "=\""
            output += Markup.escape(value)
            output += "\""
        }
        output += ">"
    }

    mutating func close(_ name: StaticString) {
        output += "</"
        output += name.description
        output += ">"
    }

    /// An element with escaped text content (or none).
    mutating func element(_ name: StaticString, _ attributes: [(StaticString, String)] = [], text: String? = nil) {
        open(name, attributes)
        if let text { self.text(text) }
        close(name)
    }

    /// An element with no content, written `<name .../>` (SVG shapes).
    mutating func empty(_ name: StaticString, _ attributes: [(StaticString, String)]) {
        open(name, attributes)
        output.removeLast()
        output += "/>"
    }

    /// Text content, escaped.
    mutating func text(_ value: String) {
        output += Markup.escape(value)
    }

    /// Markup fixed in this module's source: the style sheet, the doctype.
    mutating func raw(_ trusted: StaticString) {
        output += trusted.description
    }

    /// Another writer's output, already escaped by it.
    mutating func append(_ other: Markup) {
        output += other.output
    }

    mutating func newline() {
        output += "\n"
    }

    /// Escapes the five characters that can end a text or an attribute value
    /// or start markup. Fast path: most names have none of them.
    static func escape(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return value }
        var escaped = ""
        escaped.reserveCapacity(value.utf8.count + 16)
        for character in value.unicodeScalars {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }
}
