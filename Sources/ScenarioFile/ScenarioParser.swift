import SimKernel
import Simulation
import Yams

/// Reads a scenario file (DESIGN.md §5) into a validated `Scenario`.
///
/// The YAML is composed into a node tree rather than decoded with Codable so
/// that every error can point at the exact line, column and key path.
public enum ScenarioParser {
    static let topLevelKeys = ["name", "description", "duration", "seed", "topology", "operations", "faults", "expect"]
    static let topologyKeys = ["zones", "masters", "workers", "etcd", "network", "leaderElection", "scaling", "access"]
    static let expectationKinds = ["metric", "never", "always"]
    static let maximumWorkers = 5_000

    /// Parses `text`, naming `file` in errors.
    public static func parse(_ text: String, file: String) throws(ScenarioError) -> Scenario {
        try parse(root: try compose(text, file: file, what: "a scenario mapping with name and topology"), file: file)
    }

    /// The YAML node tree of `text`, or a located syntax error.
    static func compose(_ text: String, file: String, what: String) throws(ScenarioError) -> Node {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw ScenarioError(file: file, line: 1, column: 1, keyPath: "", message: "the file is empty; expected \(what)")
            }
            return node
        } catch let error as ScenarioError {
            throw error
        } catch let error as YamlError {
            throw syntaxError(error, file: file)
        } catch {
            throw ScenarioError(file: file, line: 1, column: 1, keyPath: "", message: "cannot read YAML: \(error)")
        }
    }

    /// Builds the scenario from a composed tree (the file's, or one with overrides applied).
    static func parse(root: Node, file: String) throws(ScenarioError) -> Scenario {
        let reader = YAMLReader(file: file)
        let fields = try reader.mapping(root, "", allowed: topLevelKeys, what: "a scenario mapping with name and topology")
        let name = try reader.string(try reader.required(fields, "name"), "name")
        let description = try fields["description"].map { node throws(ScenarioError) in try reader.string(node, "description") } ?? ""
        var duration = Scenario.defaultDuration
        if let node = fields["duration"] {
            duration = try reader.duration(node, "duration")
            guard duration > .zero else { throw reader.error(at: node, "duration", "expected a duration above zero, found \(duration)") }
        }
        var seed = Scenario.defaultSeed
        if let node = fields["seed"] {
            // Seeds are stored as SQLite's signed 64-bit integers.
            guard node.tag == Tag(.int), let value = UInt64(node.scalar?.string.replacingUnderscores ?? ""), value <= UInt64(Int64.max) else {
                throw reader.error(at: node, "seed", "expected a whole number from 0 to \(Int64.max), found \(reader.describe(node))")
            }
            seed = value
        }
        var topology = try parseTopology(try reader.required(fields, "topology"), reader)
        var operations: [MasterOperation] = []
        if let node = fields["operations"] {
            let parsed = try parseOperations(node, topology: topology, duration: duration, reader)
            operations = parsed.operations
            if parsed.capacity != topology.mastersPerZone { topology.masterCapacityPerZone = parsed.capacity }
            let masters = parsed.capacity.reduce(0, +)
            if topology.externalEtcdPerZone == nil, masters > 64 {
                throw reader.error(at: node, "operations", "these operations create \(masters) masters over the run, each with a stacked etcd member; expected at most 64")
            }
        }
        let targets = TargetReader(reader: reader, topology: topology, hosts: topology.hosts)
        var faults: [Fault] = []
        if let node = fields["faults"] {
            for (index, item) in try reader.sequence(node, "faults").enumerated() {
                faults.append(try parseFault(item, "faults[\(index)]", targets: targets, duration: duration))
            }
        }
        var expectations: [RunExpectation] = []
        if let node = fields["expect"] {
            for (index, item) in try reader.sequence(node, "expect").enumerated() {
                expectations.append(try parseExpectation(item, "expect[\(index)]", topology: topology, reader))
            }
        }
        var scenario = Scenario(name: name, description: description, duration: duration, seed: seed,
                                topology: topology, faults: faults, expectations: expectations)
        scenario.operations = operations
        return scenario
    }

    static func syntaxError(_ error: YamlError, file: String) -> ScenarioError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return ScenarioError(file: file, line: mark.line, column: mark.column, keyPath: "", message: "YAML syntax error: \(problem)")
        default:
            return ScenarioError(file: file, line: 1, column: 1, keyPath: "", message: "YAML error: \(error)")
        }
    }

    static func parseTopology(_ node: Node, _ reader: YAMLReader) throws(ScenarioError) -> Topology {
        let fields = try reader.mapping(node, "topology", allowed: topologyKeys)
        let zonesNode = try reader.required(fields, "zones")
        var zones: [String] = []
        for (index, item) in try reader.sequence(zonesNode, "topology.zones", what: "a list of zone names").enumerated() {
            let zone = try reader.string(item, "topology.zones[\(index)]", what: "a zone name")
            guard !zone.isEmpty, zone.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
                throw reader.error(at: item, "topology.zones[\(index)]", "expected a zone name of letters, digits and dashes, found \"\(zone)\"")
            }
            guard !zones.contains(zone) else { throw reader.error(at: item, "topology.zones[\(index)]", "zone \"\(zone)\" is listed twice") }
            zones.append(zone)
        }
        guard !zones.isEmpty else { throw reader.error(at: zonesNode, "topology.zones", "expected at least one zone") }
        let masters = try perZoneCounts(try reader.required(fields, "masters"), "topology.masters", zones: zones, reader)
        guard masters.contains(where: { $0 > 0 }) else {
            throw reader.error(at: fields["masters"]!, "topology.masters", "expected at least one master")
        }
        let workers = try fields["workers"].map { node throws(ScenarioError) in
            try perZoneCounts(node, "topology.workers", zones: zones, reader)
        } ?? Array(repeating: 0, count: zones.count)
        var topology = Topology(zones: zones, mastersPerZone: masters, workersPerZone: workers)
        if let node = fields["etcd"] {
            (topology.etcd, topology.externalEtcdPerZone) = try parseEtcd(node, zones: zones, reader)
        }
        // Raft node ids are bits of a 64-bit set; etcd's FAQ advises no more than seven members anyway.
        if topology.etcdMembersPerZone.reduce(0, +) > 64 {
            let node = fields["etcd"] ?? fields["masters"]!
            throw reader.error(at: node, "topology", "expected at most 64 etcd members, found \(topology.etcdMembersPerZone.reduce(0, +))")
        }
        if let node = fields["scaling"] { topology.scaling = try parseScaling(node, reader) }
        if let node = fields["access"] {
            topology.access = try parseAccess(node, TargetReader(reader: reader, topology: topology, hosts: topology.hosts))
        }
        if let node = fields["network"] {
            topology.network = try parseNetwork(node, TargetReader(reader: reader, topology: topology, hosts: topology.hosts))
        }
        // Kubernetes' documented scale limit ("Considerations for large clusters": 5,000 nodes).
        if topology.workerCount > Self.maximumWorkers {
            throw reader.error(at: fields["workers"]!, "topology.workers", "expected at most \(Self.maximumWorkers) workers in all, Kubernetes' documented limit; found \(topology.workerCount)")
        }
        if let node = fields["leaderElection"] { topology.leaderElection = try parseLeaderElection(node, reader) }
        return topology
    }

    /// `{a: 1, b: 2}`: a count for each named zone; zones left out get none.
    static func perZoneCounts(_ node: Node, _ path: String, zones: [String], _ reader: YAMLReader, allowZero: Bool = false) throws(ScenarioError) -> [Int] {
        guard let mapping = node.mapping else {
            throw reader.error(at: node, path, "expected counts per zone such as {\(zones[0]): 1}, found \(reader.describe(node))")
        }
        var counts = Array(repeating: 0, count: zones.count)
        var seen: [String] = []
        for (keyNode, value) in mapping {
            let zone = keyNode.scalar?.string ?? ""
            let keyPath = "\(path).\(zone)"
            guard let index = zones.firstIndex(of: zone) else {
                throw unknownName("zone", zone, known: zones, at: keyNode, keyPath, reader)
            }
            guard !seen.contains(zone) else { throw reader.error(at: keyNode, keyPath, "duplicate key \"\(zone)\"") }
            seen.append(zone)
            if allowZero {
                counts[index] = try reader.integer(value, keyPath, what: "a count of at least 0")
                guard counts[index] >= 0 else { throw reader.error(at: value, keyPath, "expected a count of at least 0, found \(counts[index])") }
            } else {
                counts[index] = try reader.count(value, keyPath)
            }
        }
        return counts
    }

    static func unknownName(_ what: String, _ name: String, known: [String], at node: Node, _ path: String, _ reader: YAMLReader) -> ScenarioError {
        reader.error(at: node, path, NearestName.unknownMessage(what, name, known: known))
    }

    static func parseExpectation(_ node: Node, _ path: String, topology: Topology, _ reader: YAMLReader) throws(ScenarioError) -> RunExpectation {
        let fields = try reader.mapping(node, path, allowed: expectationKinds + ["atLeast", "atMost"],
                                        what: "an expectation such as {metric: hosts.masters.up.fraction, atLeast: 0.99} or {never: noMasterUp}")
        let kinds = fields.entries.filter { expectationKinds.contains($0.key) }
        guard kinds.count == 1, let (kindName, _, value) = kinds.first else {
            let problem = kinds.isEmpty ? "missing the expectation kind" : "more than one expectation kind"
            throw reader.error(at: node, path, "\(problem); expected exactly one of \(expectationKinds.joined(separator: ", "))")
        }
        let kindPath = fields.path(kindName)
        if kindName == "metric" {
            let name = try reader.string(value, kindPath, what: "a metric name")
            let known = MetricCatalog.entries(for: topology).map(\.name)
            guard known.contains(name) else { throw unknownName("metric", name, known: known, at: value, kindPath, reader) }
            let low = try fields["atLeast"].map { node throws(ScenarioError) in try reader.number(node, fields.path("atLeast")) }
            let high = try fields["atMost"].map { node throws(ScenarioError) in try reader.number(node, fields.path("atMost")) }
            guard low != nil || high != nil else {
                throw reader.error(at: node, path, "a metric expectation needs a bound; expected atLeast, atMost or both")
            }
            return .metric(name: name, atLeast: low, atMost: high)
        }
        for bound in ["atLeast", "atMost"] where fields[bound] != nil {
            throw reader.error(at: fields.entries.first { $0.key == bound }!.keyNode, fields.path(bound),
                               "\(kindName) takes no bound; bounds go with metric")
        }
        let conditionName = try reader.string(value, kindPath, what: "a condition name")
        let known = ClusterCondition.allCases.map(\.rawValue)
        guard let condition = ClusterCondition(rawValue: conditionName) else {
            throw unknownName("condition", conditionName, known: known, at: value, kindPath, reader)
        }
        return kindName == "never" ? .never(condition) : .always(condition)
    }
}
