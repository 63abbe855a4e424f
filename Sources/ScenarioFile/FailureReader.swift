import SimKernel
import Simulation
import Yams

/// One entry of `failures`: exactly one target key (`every`, `host`, `zone`
/// or `loadBalancer`) and the times to failure and to repair, `mtbf` and
/// `mttr`: a duration is the mean of an exponential time (`mtbf: 90d`), a
/// mapping any distribution (`mttr: {lognormal: {median: 30m, sigma: 1}}`).
extension ScenarioParser {
    static let failureTargetKeys = ["every", "host", "zone", "loadBalancer"]
    static let failureKeys = failureTargetKeys + ["mtbf", "mttr"]
    /// What `every` takes, in the order messages list them.
    static let failureClasses: [(name: String, target: FailureTarget)] = [
        ("master", .everyMaster), ("worker", .everyWorker), ("zone", .everyZone), ("etcd", .everyEtcdMember), ("apiserver", .everyAPIServer),
    ]

    static func parseFailures(_ node: Node, topology: Topology, _ reader: YAMLReader, _ errors: inout ErrorCollector) -> [FailureProcess] {
        guard let items = errors.attempt({ () throws(ScenarioError) in try reader.sequence(node, "failures") }) else { return [] }
        var processes: [FailureProcess] = []
        var targets = 0
        for (index, item) in items.enumerated() {
            let path = "failures[\(index)]"
            guard let process = errors.attempt({ () throws(ScenarioError) in try parseFailure(item, path, topology: topology, reader) }) else { continue }
            targets += process.target.count(in: topology)
            // Each target is two random streams and a pending event: bounded
            // like every other count read from a file (docs/RELIABILITY.md).
            guard targets <= ScenarioLimits.failureTargets else {
                errors.record(reader.error(at: item, path, "the failure processes so far have \(targets) targets; expected at most \(ScenarioLimits.failureTargets) in all"))
                break
            }
            processes.append(process)
        }
        return processes
    }

    static func parseFailure(_ node: Node, _ path: String, topology: Topology, _ reader: YAMLReader) throws(ScenarioError) -> FailureProcess {
        let fields = try reader.mapping(node, path, allowed: failureKeys, what: "a failure process such as {every: master, mtbf: 90d, mttr: 30m}")
        let (key, value) = try fields.exactlyOne(of: failureTargetKeys, naming: "target", reader)
        let targetPath = fields.path(key)
        let target: FailureTarget
        switch key {
        case "every":
            let name = try reader.string(value, targetPath, what: "a class of targets")
            guard let known = failureClasses.first(where: { $0.name == name }) else {
                throw unknownName("failure class", name, known: failureClasses.map(\.name), at: value, targetPath, reader)
            }
            if known.target == .everyWorker, topology.workerSlots == 0 {
                throw reader.error(at: value, targetPath, "the topology has no workers; expected one of \(failureClasses.map(\.name).filter { $0 != "worker" }.joined(separator: ", "))")
            }
            target = known.target
        case "host":
            let name = try reader.string(value, targetPath, what: "a host name such as master-a-1")
            guard let host = topology.hosts.first(where: { $0.name == name }) else {
                throw unknownName("host", name, known: topology.hosts.map(\.name), at: value, targetPath, reader)
            }
            target = .host(host.id)
        case "zone":
            let name = try reader.string(value, targetPath, what: "a zone name")
            guard let zone = topology.zones.firstIndex(of: name) else {
                throw unknownName("zone", name, known: topology.zones, at: value, targetPath, reader)
            }
            target = .zone(zone)
        default:
            guard value.bool == true else { throw reader.error(at: value, targetPath, "expected true, found \(reader.describe(value))") }
            target = .loadBalancer
        }
        return FailureProcess(target: target, timeToFailure: try meanTime(fields, "mtbf", reader), timeToRepair: try meanTime(fields, "mttr", reader))
    }

    /// `90d` is an exponential time with that mean; a mapping is any
    /// distribution. Either way the mean must be above zero: a process
    /// whose times are all zero would fail and recover forever at one instant.
    static func meanTime(_ fields: Fields, _ key: String, _ reader: YAMLReader) throws(ScenarioError) -> Distribution {
        let node = try reader.required(fields, key)
        let distribution: Distribution = node.scalar != nil
            ? .exponential(mean: try reader.duration(node, fields.path(key)))
            : try reader.distribution(node, fields.path(key))
        guard distribution.meanSeconds > 0 else {
            throw reader.error(at: node, fields.path(key), "expected a mean above zero, found \(distribution)")
        }
        return distribution
    }
}
