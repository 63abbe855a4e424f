import Foundation
import Yams

/// The output of `kubectl get ... -o json`, composed as YAML (JSON is YAML's
/// flow style) so that every value keeps its line and column: a mistake is
/// reported as `nodes.json:12:7: items[3].status.allocatable.cpu: ...`, the
/// JSON path of what is wrong, as the scenario reader reports key paths.
struct KubectlJSON {
    /// A cluster's `get nodes` for 5,000 nodes, each with its image list,
    /// is millions of values; more than this is not a kubectl listing.
    static let valueLimit = 20_000_000
    static let byteLimit = 512 << 20

    let file: String
    let root: Node

    /// Reads and composes the file; a missing, unreadable or malformed file
    /// is a located error.
    init(path: String) throws(ScenarioError) {
        file = path
        let failure = { (reason: String) in
            ScenarioError(file: path, line: 1, column: 1, keyPath: "", message: "cannot read the file: \(reason); expected the output of kubectl ... -o json")
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw failure("no such file") }
        guard !isFolder.boolValue, let handle = FileHandle(forReadingAtPath: path) else { throw failure("it is a folder or cannot be opened") }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: Self.byteLimit + 1) ?? Data()
        } catch {
            throw failure("reading failed")
        }
        guard data.count <= Self.byteLimit else { throw failure("larger than \(Self.byteLimit >> 20) MiB") }
        guard let text = String(data: data, encoding: .utf8) else { throw failure("it is not UTF-8 text") }
        guard !text.allSatisfy(\.isWhitespace) else { throw failure("it is empty") }
        do {
            root = try YAMLDocument.compose(text, file: path, nodeLimit: Self.valueLimit)
        } catch {
            // Composed by the YAML reader, but the user wrote JSON.
            var located = error
            if located.message.hasPrefix("YAML syntax error: ") {
                located.message = "malformed JSON: " + located.message.dropFirst("YAML syntax error: ".count)
            }
            throw located
        }
    }

    func error(_ node: Node, _ path: String, _ message: String) -> ScenarioError {
        ScenarioError(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1, keyPath: path, message: message)
    }

    /// A mapping's value for `key`, or nil.
    func value(_ node: Node, _ key: String) -> Node? {
        node.mapping?.first { $0.key.scalar?.string == key }?.value
    }

    func mapping(_ node: Node, _ path: String, what: String = "an object") throws(ScenarioError) -> Node {
        guard node.mapping != nil else { throw error(node, path, "expected \(what), found \(describe(node))") }
        return node
    }

    /// `key` of the object `node`, which must be there.
    func required(_ node: Node, _ path: String, _ key: String, what: String = "it") throws(ScenarioError) -> Node {
        guard let value = value(node, key) else {
            throw error(node, path, "missing \(key); expected \(what) as kubectl ... -o json writes it")
        }
        return value
    }

    func string(_ node: Node, _ path: String, what: String = "a string") throws(ScenarioError) -> String {
        guard let scalar = node.scalar, node.mapping == nil, node.sequence == nil else {
            throw error(node, path, "expected \(what), found \(describe(node))")
        }
        return scalar.string
    }

    func items(_ node: Node, _ path: String) throws(ScenarioError) -> [Node] {
        guard let sequence = node.sequence else { throw error(node, path, "expected a list, found \(describe(node))") }
        return Array(sequence)
    }

    /// The listing's `items`: `kubectl get` writes a `List` (or a typed list
    /// such as `NodeList`) with them; a single object is read as a list of one.
    func listItems() throws(ScenarioError) -> [(node: Node, path: String)] {
        let root = try mapping(root, "", what: "the output of kubectl get ... -o json, an object with items")
        guard let items = value(root, "items") else {
            if value(root, "kind") != nil { return [(root, "")] }
            throw error(root, "", "missing items; expected the output of kubectl get ... -o json")
        }
        return try self.items(items, "items").enumerated().map { ($1, "items[\($0)]") }
    }

    func describe(_ node: Node) -> String {
        if node.mapping != nil { return "an object" }
        if node.sequence != nil { return "a list" }
        let text = node.scalar?.string ?? ""
        return text.count > 40 ? "\"\(text.prefix(40))...\"" : "\"\(text)\""
    }

    static func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }
}
