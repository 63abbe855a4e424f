import CYaml
import Yams

/// Composes a scenario's YAML into a node tree, refusing first what could
/// exhaust the machine, and turning every YAML-layer error into a located
/// `ScenarioError` that never echoes the input.
///
/// Yams composes recursively and resolves an alias by sharing its anchor's
/// node, so a deeply nested file overflows the stack and a "billion laughs"
/// file (aliases of aliases) makes any walk of the tree exponential. One pass
/// over libyaml's event stream, which is iterative, measures both first: the
/// nesting depth, and the node count with every alias counted at its
/// anchor's full size.
enum YAMLDocument {
    /// Deeper than any scenario (the deepest the parser reads is about 6).
    static let maximumDepth = 64

    static func compose(_ text: String, file: String, nodeLimit: Int = ScenarioLimits.documentNodes) throws(ScenarioError) -> Node {
        try checkShape(text, file: file, nodeLimit: nodeLimit)
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw ScenarioError(file: file, line: 1, column: 1, keyPath: "", message: "the file is empty; expected a scenario mapping with name and topology")
            }
            return node
        } catch let error as ScenarioError {
            throw error
        } catch let error as YamlError {
            throw located(error, in: text, file: file)
        } catch {
            throw ScenarioError(file: file, line: 1, column: 1, keyPath: "", message: "cannot read the YAML")
        }
    }

    /// The location and problem of a YAML-layer error; the library's own
    /// description quotes the input, so only its parts are used.
    static func located(_ error: YamlError, in text: String, file: String) -> ScenarioError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return ScenarioError(file: file, line: mark.line, column: mark.column, keyPath: "", message: "YAML syntax error: \(problem)")
        case .reader(let problem, let offset, let value, _):
            // libyaml refuses control characters and invalid encodings while reading.
            let (line, column) = offset.map { position(ofCharacter: $0, in: text) } ?? (1, 1)
            let hex = String(value, radix: 16, uppercase: true)
            let what = value >= 0 ? " (U+\(String(repeating: "0", count: max(0, 4 - hex.count)))\(hex))" : ""
            return ScenarioError(file: file, line: line, column: column, keyPath: "", message: "YAML error: \(problem)\(what); expected printable text")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.prefix(3).map(quoted).joined(separator: ", ")
            return ScenarioError(file: file, line: context.mark.line, column: context.mark.column, keyPath: "",
                                 message: "duplicate key \(keys) in one mapping; expected each key once")
        default:
            return ScenarioError(file: file, line: 1, column: 1, keyPath: "", message: "cannot read the YAML")
        }
    }

    /// 1-based line and column of the character at `offset` (in characters from the start).
    static func position(ofCharacter offset: Int, in text: String) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for character in text.prefix(offset) {
            if character.isNewline { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }

    /// Walks libyaml's events, refusing a document nested deeper than
    /// `maximumDepth`, larger than `ScenarioLimits.documentNodes` nodes with
    /// aliases expanded, or with a key twice in one mapping. Syntax errors
    /// are left for the composer to report.
    static func checkShape(_ text: String, file: String, nodeLimit: Int = ScenarioLimits.documentNodes) throws(ScenarioError) {
        var bytes = Array(text.utf8)
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return }
        defer { yaml_parser_delete(&parser) }
        let limit = nodeLimit
        var problem: ScenarioError?
        bytes.withUnsafeMutableBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            // One frame per open collection: its anchor, its size so far, and
            // for a mapping the line of each plain key seen, to locate a
            // duplicate at its second use (Yams reports the first).
            var open: [(anchor: String?, size: Int, isMapping: Bool, values: Int, keys: [String: Int])] = []
            var anchorSizes: [String: Int] = [:]
            var total = 0
            func anchorName(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
                pointer.map { String(cString: $0) }
            }
            func add(_ size: Int) {
                if open.isEmpty { total = min(limit + 1, total + size) } else { open[open.count - 1].size = min(limit + 1, open[open.count - 1].size + size) }
            }
            while problem == nil {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return }
                defer { yaml_event_delete(&event) }
                let mark = event.start_mark
                func fail(_ message: String) {
                    problem = ScenarioError(file: file, line: mark.line + 1, column: mark.column + 1, keyPath: "", message: message)
                }
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    let anchor = event.type == YAML_SEQUENCE_START_EVENT ? anchorName(event.data.sequence_start.anchor) : anchorName(event.data.mapping_start.anchor)
                    if let parent = open.indices.last { open[parent].values += 1 }
                    open.append((anchor, 1, event.type == YAML_MAPPING_START_EVENT, 0, [:]))
                    if open.count > maximumDepth { fail("the YAML is nested more than \(maximumDepth) levels deep; expected a scenario") }
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    guard let frame = open.popLast() else { return }
                    if let anchor = frame.anchor { anchorSizes[anchor] = frame.size }
                    add(frame.size)
                case YAML_SCALAR_EVENT:
                    if let anchor = anchorName(event.data.scalar.anchor) { anchorSizes[anchor] = 1 }
                    if let parent = open.indices.last {
                        if open[parent].isMapping, open[parent].values % 2 == 0 {
                            let scalar = event.data.scalar
                            let key = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
                            if let first = open[parent].keys[key] {
                                fail("duplicate key \(quoted(key)), first at line \(first); expected each key once in a mapping")
                            }
                            open[parent].keys[key] = mark.line + 1
                        }
                        open[parent].values += 1
                    }
                    add(1)
                case YAML_ALIAS_EVENT:
                    if let parent = open.indices.last { open[parent].values += 1 }
                    add(anchorName(event.data.alias.anchor).flatMap { anchorSizes[$0] } ?? 1)
                default:
                    break
                }
                let size = total + open.reduce(0) { min(limit + 1, $0 + $1.size) }
                if problem == nil, size > limit {
                    fail("the YAML has more than \(limit) values, aliases counted at their full size; expected a scenario")
                }
            }
        }
        if let problem { throw problem }
    }
}
