/// A key path into a scenario file, as `--set` and a sweep's `vary:` write
/// it: keys joined by dots, list entries by index, e.g. `faults[0].at` or
/// `topology.etcd.electionTimeout`. Printed back exactly as the parser prints
/// key paths in its errors, so the two can be compared.
struct ScenarioKeyPath: Equatable, CustomStringConvertible {
    enum Component: Equatable {
        case key(String)
        case index(Int)
    }

    var components: [Component]

    /// Parses `text`; nil when it is not a key path (empty keys, a bad index).
    init?(_ text: String) {
        var components: [Component] = []
        for segment in text.split(separator: ".", omittingEmptySubsequences: false) {
            // "faults[1]" is the key "faults" then the index 1; "[1]" alone is not a key.
            var rest = Substring(segment)
            guard let keyEnd = rest.firstIndex(of: "[") ?? Optional(rest.endIndex) else { return nil }
            let key = rest[..<keyEnd]
            guard !key.isEmpty, !key.contains("]") else { return nil }
            components.append(.key(String(key)))
            rest = rest[keyEnd...]
            while !rest.isEmpty {
                guard rest.first == "[", let close = rest.firstIndex(of: "]"),
                      let index = Int(rest[rest.index(after: rest.startIndex)..<close]), index >= 0 else { return nil }
                components.append(.index(index))
                rest = rest[rest.index(after: close)...]
            }
        }
        guard !components.isEmpty else { return nil }
        self.components = components
    }

    init(components: [Component]) { self.components = components }

    var description: String {
        var text = ""
        for component in components {
            switch component {
            case .key(let key): text += text.isEmpty ? key : ".\(key)"
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }

    /// Whether `path` (as printed in an error) is this path or lies under it.
    func contains(_ path: String) -> Bool {
        let mine = description
        guard path.hasPrefix(mine) else { return false }
        let rest = path.dropFirst(mine.count)
        return rest.isEmpty || rest.hasPrefix(".") || rest.hasPrefix("[")
    }
}
