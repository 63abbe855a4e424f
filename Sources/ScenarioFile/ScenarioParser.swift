import SimKernel
import Simulation
import Yams

/// Reads a scenario file (DESIGN.md §5) into a validated `Scenario`.
///
/// The YAML is composed into a node tree rather than decoded with Codable so
/// that every error can point at the exact line, column and key path.
public enum ScenarioParser {
    static let topLevelKeys = [
        "name", "description", "duration", "seed", "topology", "operations", "workloads", "clients", "faults", "failures", "expect", "fastForward",
        "occurrences", "cost", "maintenance",
    ]
    static let topologyKeys = [
        "zones", "masters", "workers", "etcd", "network", "leaderElection", "scaling", "access", "addonManager",
        "kubelet", "nodeLifecycle", "scheduler", "autoscaler", "apiserver",
    ]
    static let expectationKinds = ["metric", "never", "always", "slo"]
    static let expectationKeys = expectationKinds + ["atLeast", "atMost", "longerThan"] + sloKeys
    static let addonManagerKeys = ["leaderElection"]
    static let apiServerKeys = ["shutdownDelay", "etcdKeepaliveTime", "etcdKeepaliveTimeout"]

    /// Parses `text`, naming `file` in errors; throws the first mistake.
    public static func parse(_ text: String, file: String) throws(ScenarioError) -> Scenario {
        do {
            return try parseReportingAll(text, file: file)
        } catch {
            throw error.all[0]
        }
    }

    /// Parses `text`, naming `file` in errors; throws every mistake found.
    public static func parseReportingAll(_ text: String, file: String) throws(ScenarioErrors) -> Scenario {
        let root: Node
        do {
            root = try YAMLDocument.compose(text, file: file)
        } catch {
            throw ScenarioErrors([error])
        }
        return try parseReportingAll(root: root, file: file)
    }

    /// The YAML node tree of `text` (a scenario or a sweep file), checked
    /// for depth, aliases and duplicate keys first, or a located error.
    static func compose(_ text: String, file: String, what: String) throws(ScenarioError) -> Node {
        try YAMLDocument.compose(text, file: file)
    }

    /// Builds the scenario from a composed tree (the file's, or one with
    /// overrides applied); throws the first mistake.
    static func parse(root: Node, file: String) throws(ScenarioError) -> Scenario {
        do {
            return try parseReportingAll(root: root, file: file)
        } catch {
            throw error.all[0]
        }
    }

    /// Builds the scenario from a composed tree; throws every mistake found.
    static func parseReportingAll(root: Node, file: String) throws(ScenarioErrors) -> Scenario {
        let reader = YAMLReader(file: file)
        let fields: Fields
        do {
            fields = try reader.mapping(root, "", allowed: topLevelKeys, what: "a scenario mapping with name and topology")
        } catch {
            throw ScenarioErrors([error])
        }
        var errors = ErrorCollector()
        let name = errors.attempt { () throws(ScenarioError) -> String in
            let nameNode = try reader.required(fields, "name")
            let name = try reader.string(nameNode, "name")
            // A NUL would cut the name in SQLite's C strings but not in JSON; no control character belongs in a name.
            guard !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }), name.count <= 200 else {
                throw reader.error(at: nameNode, "name", "expected a name of at most 200 characters without control characters, found \(quoted(name))")
            }
            return name
        }
        let description = errors.attempt { () throws(ScenarioError) in
            try fields["description"].map { node throws(ScenarioError) in try reader.string(node, "description") } ?? ""
        }
        let duration = errors.attempt { () throws(ScenarioError) -> SimDuration in
            guard let node = fields["duration"] else { return Scenario.defaultDuration }
            let value = try reader.duration(node, "duration")
            guard value > .zero else { throw reader.error(at: node, "duration", "expected a duration above zero, found \(value)") }
            return value
        }
        let seed = errors.attempt { () throws(ScenarioError) -> UInt64 in
            guard let node = fields["seed"] else { return Scenario.defaultSeed }
            // Seeds are stored as SQLite's signed 64-bit integers.
            guard node.tag == Tag(.int), let value = UInt64(node.scalar?.string.replacingUnderscores ?? ""), value <= UInt64(Int64.max) else {
                throw reader.error(at: node, "seed", "expected a whole number from 0 to \(Int64.max), found \(reader.describe(node))")
            }
            return value
        }
        let fastForward = errors.attempt { () throws(ScenarioError) -> Bool in
            try fields["fastForward"].map { node throws(ScenarioError) in try reader.boolean(node, "fastForward") } ?? true
        }
        var topology = errors.attempt { () throws(ScenarioError) in try parseTopology(try reader.required(fields, "topology"), reader) }
        // Operations, faults and expectations name zones, hosts and metrics of
        // the topology and times within the duration: judged only when those are sound.
        var operations: [MasterOperation] = []
        var faults: [Fault] = []
        var failures: [FailureProcess] = []
        var expectations: [RunExpectation] = []
        var workloads: [Workload] = []
        if var sound = topology, let duration {
            // Expectations name the client classes' metrics: read them first.
            if let node = fields["clients"] {
                sound.access.clients = errors.attempt { () throws(ScenarioError) in try parseClients(node, topology: sound, reader) }
                topology = sound
            }
            if fields["operations"] != nil || fields["maintenance"] != nil {
                let (node, key) = fields["operations"].map { ($0, "operations") } ?? (fields["maintenance"]!, "maintenance")
                errors.attempt { () throws(ScenarioError) in
                    let parsed = try parseOperations(fields["operations"], maintenance: fields["maintenance"], topology: sound, duration: duration, reader)
                    operations = parsed.operations
                    if parsed.capacity != sound.mastersPerZone { sound.masterCapacityPerZone = parsed.capacity }
                    sound.workerSurgePerZone = parsed.workerSurge
                    let masters = parsed.capacity.reduce(0, +)
                    if sound.externalEtcdPerZone == nil, masters > 64 {
                        throw reader.error(
                            at: node, key,
                            "these operations create \(masters) masters over the run, each with a stacked etcd member; expected at most 64")
                    }
                }
                topology = sound
            }
            if let node = fields["workloads"] {
                workloads = errors.attempt { () throws(ScenarioError) in try parseWorkloads(node, topology: sound, reader) } ?? []
            }
            let targets = TargetReader(reader: reader, topology: sound, hosts: sound.hosts)
            if let node = fields["faults"], let items = errors.attempt({ () throws(ScenarioError) in try reader.sequence(node, "faults") }) {
                for (index, item) in items.enumerated() {
                    if let fault = errors.attempt({ () throws(ScenarioError) in try parseFault(item, "faults[\(index)]", targets: targets, duration: duration) }
                    ) {
                        faults.append(fault)
                    }
                }
            }
            if let node = fields["failures"] {
                failures = parseFailures(node, topology: sound, reader, &errors)
            }
            if let node = fields["expect"], let items = errors.attempt({ () throws(ScenarioError) in try reader.sequence(node, "expect") }) {
                for (index, item) in items.enumerated() {
                    if let expectation = errors.attempt({ () throws(ScenarioError) in
                        try parseExpectation(
                            item, "expect[\(index)]", topology: sound, workloads: workloads, failures: failures, operations: operations, duration: duration,
                            reader)
                    }) {
                        expectations.append(expectation)
                    }
                }
            }
        }
        guard errors.errors.isEmpty, let name, let description, let duration, let seed, let topology, let fastForward else {
            throw ScenarioErrors(errors.sorted)
        }
        var scenario = Scenario(
            name: name, description: description, duration: duration, seed: seed,
            topology: topology, faults: faults, expectations: expectations)
        scenario.operations = operations
        scenario.workloads = workloads
        scenario.failures = failures
        scenario.fastForward = fastForward
        if let node = fields["cost"] {
            do {
                scenario.cost = try parseCost(node, reader)
            } catch {
                throw ScenarioErrors([error])
            }
        }
        if let node = fields["occurrences"] {
            // Read last: whether a rate applies depends on the faults and operations.
            guard let rate = node.scalar.flatMap({ OccurrenceRate.parse($0.string) }) else {
                throw ScenarioErrors([reader.error(at: node, "occurrences", "\(OccurrenceRate.expected), found \(reader.describe(node))")])
            }
            if let refusal = DowntimeFigures.rateRefusal(scenario) {
                throw ScenarioErrors([reader.error(at: node, "occurrences", refusal)])
            }
            scenario.occurrencesPerYear = rate
        }
        return scenario
    }

    static func parseTopology(_ node: Node, _ reader: YAMLReader) throws(ScenarioError) -> Topology {
        let fields = try reader.mapping(node, "topology", allowed: topologyKeys)
        let zonesNode = try reader.required(fields, "zones")
        var zones: [String] = []
        var listed = Set<String>()
        let zoneItems = try reader.sequence(zonesNode, "topology.zones", what: "a list of zone names", limit: ScenarioLimits.zones)
        for (index, item) in zoneItems.enumerated() {
            let zone = try reader.string(item, "topology.zones[\(index)]", what: "a zone name")
            guard !zone.isEmpty, zone.count <= ScenarioLimits.quotedCharacters, zone.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
                throw reader.error(
                    at: item, "topology.zones[\(index)]",
                    "expected a zone name of letters, digits and dashes, at most \(ScenarioLimits.quotedCharacters) characters, found \(quoted(zone))")
            }
            guard listed.insert(zone).inserted else { throw reader.error(at: item, "topology.zones[\(index)]", "zone \(quoted(zone)) is listed twice") }
            zones.append(zone)
        }
        guard !zones.isEmpty else { throw reader.error(at: zonesNode, "topology.zones", "expected at least one zone") }
        let mastersNode = try reader.required(fields, "masters")
        let masters = try perZoneCounts(mastersNode, "topology.masters", zones: zones, maximum: ScenarioLimits.masters, reader)
        guard masters.contains(where: { $0 > 0 }) else {
            throw reader.error(at: mastersNode, "topology.masters", "expected at least one master")
        }
        // Each count is at most the limit, so these sums cannot overflow.
        guard masters.reduce(0, +) <= ScenarioLimits.masters else {
            throw reader.error(at: mastersNode, "topology.masters", "expected at most \(ScenarioLimits.masters) masters in all, found \(masters.reduce(0, +))")
        }
        // Kubernetes' documented scale limit is checked as they are read, before any host is listed.
        let (workers, workerSettings) =
            try fields["workers"].map { node throws(ScenarioError) in
                try parseWorkers(node, zones: zones, reader)
            } ?? (Array(repeating: 0, count: zones.count), WorkerSettings())
        var topology = Topology(zones: zones, mastersPerZone: masters, workersPerZone: workers)
        topology.workerNodes = workerSettings
        if let node = fields["kubelet"] { try parseKubelet(node, into: &topology.workerNodes, reader) }
        if let node = fields["nodeLifecycle"] { try parseNodeLifecycle(node, into: &topology.workerNodes, reader) }
        if let node = fields["scheduler"] { try parseScheduler(node, into: &topology.workerNodes, reader) }
        if let node = fields["autoscaler"] { try parseAutoscaler(node, into: &topology.workerNodes, reader) }
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
        if let node = fields["leaderElection"] { topology.leaderElection = try parseLeaderElection(node, reader) }
        if let node = fields["apiserver"] {
            let apiserver = try reader.mapping(node, "topology.apiserver", allowed: apiServerKeys)
            if let delay = apiserver["shutdownDelay"] {
                let path = apiserver.path("shutdownDelay")
                topology.apiServerShutdownDelay = try reader.duration(delay, path)
                guard topology.apiServerShutdownDelay >= .zero else {
                    throw reader.error(at: delay, path, "expected a duration of 0s or more, found \(topology.apiServerShutdownDelay)")
                }
            }
            if apiserver["etcdKeepaliveTime"] != nil { topology.apiServerEtcdKeepaliveTime = try reader.positiveDuration(apiserver, "etcdKeepaliveTime") }
            if apiserver["etcdKeepaliveTimeout"] != nil {
                topology.apiServerEtcdKeepaliveTimeout = try reader.positiveDuration(apiserver, "etcdKeepaliveTimeout")
            }
        }
        if let node = fields["addonManager"] {
            let addons = try reader.mapping(node, "topology.addonManager", allowed: addonManagerKeys)
            if let flag = addons["leaderElection"] {
                topology.addonManagerLeaderElection = try reader.boolean(flag, addons.path("leaderElection"))
            }
        }
        return topology
    }

    /// `{a: 1, b: 2}`: a count for each named zone; zones left out get none.
    /// Each count is checked against `maximum` as it is read, so the caller
    /// can add them without overflow and allocate from them safely.
    static func perZoneCounts(_ node: Node, _ path: String, zones: [String], maximum: Int, _ reader: YAMLReader, allowZero: Bool = false) throws(ScenarioError)
        -> [Int]
    {
        guard let mapping = node.mapping else {
            throw reader.error(at: node, path, "expected counts per zone such as {\(zones[0]): 1}, found \(reader.describe(node))")
        }
        let indexOfZone = Dictionary(uniqueKeysWithValues: zones.enumerated().map { ($1, $0) })
        var counts = Array(repeating: 0, count: zones.count)
        var seen = Set<Int>()
        for (keyNode, value) in mapping {
            let zone = keyNode.scalar?.string ?? ""
            let keyPath = Fields.join(path, zone)
            guard let index = indexOfZone[zone] else {
                throw unknownName("zone", zone, known: zones, at: keyNode, keyPath, reader)
            }
            guard seen.insert(index).inserted else { throw reader.error(at: keyNode, keyPath, "duplicate key \(quoted(zone))") }
            counts[index] = try reader.count(value, keyPath, minimum: allowZero ? 0 : 1, maximum: maximum)
        }
        return counts
    }

    static func unknownName(_ what: String, _ name: String, known: [String], at node: Node, _ path: String, _ reader: YAMLReader) -> ScenarioError {
        reader.error(at: node, path, NearestName.unknownMessage(what, name, known: known))
    }

    static func parseExpectation(
        _ node: Node, _ path: String, topology: Topology, workloads: [Workload], failures: [FailureProcess], operations: [MasterOperation] = [],
        duration: SimDuration, _ reader: YAMLReader
    ) throws(ScenarioError) -> RunExpectation {
        let fields = try reader.mapping(
            node, path, allowed: expectationKeys,
            what: "an expectation such as {metric: hosts.masters.up.fraction, atLeast: 0.99} or {never: noMasterUp}")
        let (kindName, value) = try fields.exactlyOne(of: expectationKinds, naming: "expectation kind", reader)
        let kindPath = fields.path(kindName)
        if kindName == "slo" {
            return .slo(try parseSLO(value, fields, topology: topology, workloads: workloads, duration: duration, reader))
        }
        if let key = fields.entries.first(where: { sloKeys.contains($0.key) }) {
            throw reader.error(
                at: key.keyNode, fields.path(key.key),
                "\(key.key) goes with slo; \(kindName) takes \(kindName == "metric" ? "atLeast and atMost" : "longerThan")")
        }
        if kindName == "metric" {
            let name = try reader.string(value, kindPath, what: "a metric name")
            let catalog = MetricCatalog.entries(for: topology, workloads: workloads, failures: failures, operations: operations)
            guard let entry = catalog.first(where: { $0.name == name }) else {
                throw unknownName("metric", name, known: catalog.map(\.name), at: value, kindPath, reader)
            }
            if let limit = fields.entries.first(where: { $0.key == "longerThan" }) {
                throw reader.error(at: limit.keyNode, fields.path("longerThan"), "longerThan goes with never and always; a metric takes atLeast and atMost")
            }
            let low = try fields["atLeast"].map { node throws(ScenarioError) in try metricBound(node, fields.path("atLeast"), entry, reader) }
            let high = try fields["atMost"].map { node throws(ScenarioError) in try metricBound(node, fields.path("atMost"), entry, reader) }
            guard low != nil || high != nil else {
                throw reader.error(at: node, path, "a metric expectation needs a bound; expected atLeast, atMost or both")
            }
            return .metric(name: name, atLeast: low, atMost: high)
        }
        for bound in ["atLeast", "atMost"] where fields[bound] != nil {
            throw reader.error(
                at: fields.entries.first { $0.key == bound }!.keyNode, fields.path(bound),
                "\(kindName) takes no bound; bounds go with metric")
        }
        let conditionName = try reader.string(value, kindPath, what: "a condition name")
        let known = ClusterCondition.allCases.map(\.rawValue)
        guard let condition = ClusterCondition(rawValue: conditionName) else {
            throw unknownName("condition", conditionName, known: known, at: value, kindPath, reader)
        }
        if let node = fields["longerThan"] {
            let limit = try reader.duration(node, fields.path("longerThan"))
            guard limit > .zero else {
                throw reader.error(
                    at: node, fields.path("longerThan"), "expected a duration above zero such as 5s, found \(limit); without longerThan any stretch fails")
            }
            return kindName == "never" ? .neverLongerThan(condition, limit) : .alwaysExceptShorterThan(condition, limit)
        }
        return kindName == "never" ? .never(condition) : .always(condition)
    }

    /// A metric's bound; a ratio's must lie in [0, 1], so that `atLeast: 99.9`
    /// (meant as a percentage) is refused instead of never passing.
    static func metricBound(_ node: Node, _ path: String, _ entry: MetricCatalog.Entry, _ reader: YAMLReader) throws(ScenarioError) -> Double {
        let value = try reader.number(node, path)
        guard entry.unit == "ratio", !(0...1).contains(value) else { return value }
        let hint = value > 1 && value <= 100 ? "; for a percentage write \(node.scalar?.string ?? "")%" : ""
        throw reader.error(
            at: node, path,
            "\(entry.name) is a ratio; expected a bound from 0 to 1 (or 0% to 100%), found \(node.scalar?.string ?? reader.describe(node))\(hint)")
    }
}
