import Simulation
import Yams

/// `KEY.PATH = VALUE` applied to a scenario's YAML node tree before it is
/// parsed: the one mechanism behind `--set` and a sweep's `vary:`. Working on
/// the tree rather than on the parsed `Scenario` means an override goes
/// through exactly the validation the file does, and its mistakes are
/// reported where the override was written.
public struct ScenarioOverride {
    /// Where the override was written: a sweep file's key, or a `--set` argument.
    public struct Source: Equatable, Sendable {
        public var file: String
        public var line: Int
        public var column: Int
    }

    let keyPath: ScenarioKeyPath
    let value: Node
    public let source: Source
    /// The position nodes created along the path are given, so that an error
    /// about a key the override added points at the override.
    let mark: Mark?
    /// `--set` has no lines of its own: every error about it points at the argument.
    let pinsLocation: Bool

    public var path: String { keyPath.description }

    /// The value as flow-style YAML text, e.g. `{a: 1, b: 1}`.
    public var valueText: String { NodeText.flow(value) }

    /// The value as JSON, for the run's `parameters` column.
    public var valueJSON: String { NodeText.json(value) }

    init(keyPath: ScenarioKeyPath, value: Node, source: Source, mark: Mark?, pinsLocation: Bool) {
        self.keyPath = keyPath
        self.value = value
        self.source = source
        self.mark = mark
        self.pinsLocation = pinsLocation
    }

    /// `KEY.PATH=VALUE` from the command line; the value is YAML (`2s`, `{a: 1}`, `[1, 2]`).
    public static func commandLine(_ argument: String) throws(ScenarioError) -> ScenarioOverride {
        let file = "--set \(argument)"
        guard let equals = argument.firstIndex(of: "=") else {
            throw ScenarioError(file: file, line: 1, column: 1, keyPath: "", message: "expected KEY.PATH=VALUE, such as topology.etcd.electionTimeout=2s")
        }
        let key = String(argument[..<equals])
        let valueText = String(argument[argument.index(after: equals)...])
        let valueColumn = key.count + 2
        guard let keyPath = ScenarioKeyPath(key) else {
            throw ScenarioError(file: file, line: 1, column: 1, keyPath: key, message: "expected a key path such as topology.etcd.electionTimeout or faults[0].at")
        }
        let node: Node
        do {
            guard let composed = try Yams.compose(yaml: valueText) else {
                throw ScenarioError(file: file, line: 1, column: valueColumn, keyPath: key, message: "expected a value after \"=\"")
            }
            node = composed
        } catch let error as ScenarioError {
            throw error
        } catch {
            throw ScenarioError(file: file, line: 1, column: valueColumn, keyPath: key, message: "the value is not YAML: \(error)")
        }
        return ScenarioOverride(keyPath: keyPath, value: node, source: Source(file: file, line: 1, column: valueColumn),
                                mark: node.mark, pinsLocation: true)
    }

    /// Sets the value in `root`, creating the mappings the path runs through.
    func apply(to root: Node) throws(ScenarioError) -> Node {
        try set(keyPath.components[...], in: root, at: ScenarioKeyPath(components: []))
    }

    /// `apply(to:)` for a tool that writes the changed tree back out (the
    /// mutation campaign writes overrides into a file's text).
    public func applying(to root: Node) throws(ScenarioError) -> Node { try apply(to: root) }

    private func set(_ rest: ArraySlice<ScenarioKeyPath.Component>, in node: Node?, at path: ScenarioKeyPath) throws(ScenarioError) -> Node {
        guard let component = rest.first else { return value }
        let childPath = ScenarioKeyPath(components: path.components + [component])
        switch component {
        case .key(let key):
            var mapping: Node.Mapping
            if let node {
                guard let existing = node.mapping else { throw notA("a mapping", node, at: path) }
                mapping = existing
            } else {
                mapping = Node.Mapping([], .implicit, .any, mark)
            }
            if let index = mapping.firstIndex(where: { $0.key.scalar?.string == key }) {
                let child = try set(rest.dropFirst(), in: mapping[index].value, at: childPath)
                var pairs = mapping.map { ($0.key, $0.value) }
                pairs[index].1 = child
                return .mapping(Node.Mapping(pairs, mapping.tag, mapping.style, mapping.mark))
            }
            let child = try set(rest.dropFirst(), in: nil, at: childPath)
            let pairs = mapping.map { ($0.key, $0.value) } + [(Node.scalar(Node.Scalar(key, .implicit, .any, mark)), child)]
            return .mapping(Node.Mapping(pairs, mapping.tag, mapping.style, mapping.mark))
        case .index(let index):
            guard let node, let sequence = node.sequence else {
                throw node.map { notA("a list", $0, at: path) } ?? located(path, "\(path) is not in the scenario; expected a list to index")
            }
            guard index < sequence.count else {
                throw located(childPath, "\(path) has \(sequence.count) \(sequence.count == 1 ? "entry" : "entries"); expected an index from 0 to \(sequence.count - 1)")
            }
            var nodes = Array(sequence)
            nodes[index] = try set(rest.dropFirst(), in: nodes[index], at: childPath)
            return .sequence(Node.Sequence(nodes, sequence.tag, sequence.style, sequence.mark))
        }
    }

    private func notA(_ what: String, _ node: Node, at path: ScenarioKeyPath) -> ScenarioError {
        let found = YAMLReader(file: source.file).describe(node)
        return located(path, "\(path.components.isEmpty ? "the scenario" : path.description) is \(found), not \(what); cannot set \(keyPath)")
    }

    private func located(_ path: ScenarioKeyPath, _ message: String) -> ScenarioError {
        ScenarioError(file: source.file, line: source.line, column: source.column, keyPath: keyPath.description, message: message)
    }

    /// An error the parser found under this override's path was written
    /// where the override was: name that place, not the scenario file.
    func relocate(_ error: ScenarioError) -> ScenarioError? {
        guard keyPath.contains(error.keyPath) else { return nil }
        var moved = error
        moved.file = source.file
        if pinsLocation {
            moved.line = source.line
            moved.column = source.column
        }
        return moved
    }
}

extension ScenarioOverride {
    /// Applies `overrides` in order to `root` and parses the result, so an
    /// override is checked exactly as the file's own text would be.
    static func parse(_ root: Node, file: String, overrides: [ScenarioOverride]) throws(ScenarioError) -> Scenario {
        var tree = root
        for override in overrides { tree = try override.apply(to: tree) }
        do {
            return try ScenarioParser.parse(root: tree, file: file)
        } catch {
            // The last override to touch a path is the one that set it.
            for override in overrides.reversed() {
                if let moved = override.relocate(error) { throw moved }
            }
            throw error
        }
    }
}

extension ScenarioOverride {
    /// The run's `parameters` column: the seed, then each override in order,
    /// e.g. `{"seed":3,"topology.etcd.electionTimeout":"2s"}`.
    public static func parametersJSON(seed: UInt64?, overrides: [(path: String, json: String)]) -> String {
        let fields = (seed.map { ["\"seed\":\($0)"] } ?? []) + overrides.map { "\(NodeText.quoted($0.path)):\($0.json)" }
        return "{" + fields.joined(separator: ",") + "}"
    }
}
