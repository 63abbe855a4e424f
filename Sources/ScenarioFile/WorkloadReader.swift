import SimKernel
import Simulation
import Yams

/// The scenario's `workloads:` list.
extension ScenarioParser {
    static let workloadKeys = [
        "name", "kind", "replicas", "cpu", "memory", "spread", "tolerationSeconds", "minAvailable", "startup", "podManagementPolicy",
        "pdb", "terminationGracePeriodSeconds",
    ]
    static let pdbKeys = ["minAvailable", "maxUnavailable"]
    static let spreadKeys = ["maxSkew", "whenUnsatisfiable", "nodeTaintsPolicy"]
    static let tolerationKeys = ["unreachable", "notReady"]

    static func parseWorkloads(_ node: Node, topology: Topology, _ reader: YAMLReader) throws(ScenarioError) -> [Workload] {
        var workloads: [Workload] = []
        var names = Set<String>()
        var total = 0
        for (index, item) in try reader.sequence(node, "workloads", what: "a list of workloads").enumerated() {
            let path = "workloads[\(index)]"
            let fields = try reader.mapping(item, path, allowed: workloadKeys, what: "a workload such as {name: web, replicas: 300}")
            let nameNode = try reader.required(fields, "name")
            let name = try reader.string(nameNode, fields.path("name"))
            guard !name.isEmpty, name.count <= ScenarioLimits.quotedCharacters,
                  name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
                throw reader.error(at: nameNode, fields.path("name"), "expected a name of letters, digits and dashes, at most \(ScenarioLimits.quotedCharacters) characters, found \(quoted(name))")
            }
            guard names.insert(name).inserted else { throw reader.error(at: nameNode, fields.path("name"), "workload \(quoted(name)) is listed twice") }
            let replicasNode = try reader.required(fields, "replicas")
            let replicas = try reader.count(replicasNode, fields.path("replicas"), minimum: 0, maximum: ScenarioLimits.pods)
            total += replicas
            guard total <= ScenarioLimits.pods else {
                throw reader.error(at: replicasNode, fields.path("replicas"), "expected at most \(ScenarioLimits.pods) pods in all, Kubernetes' documented limit; found \(total) so far")
            }
            var workload = Workload(name: name, replicas: replicas)
            if let node = fields["kind"] {
                let text = try reader.string(node, fields.path("kind"))
                switch text {
                case "Deployment": workload.kind = .deployment
                case "StatefulSet": workload.kind = .statefulSet
                default: throw reader.error(at: node, fields.path("kind"), "unknown kind \(quoted(text)); expected Deployment or StatefulSet")
                }
            }
            if let node = fields["podManagementPolicy"] {
                let text = try reader.string(node, fields.path("podManagementPolicy"))
                guard let policy = Workload.PodManagementPolicy(rawValue: text) else {
                    throw reader.error(at: node, fields.path("podManagementPolicy"), "unknown policy \(quoted(text)); expected OrderedReady or Parallel")
                }
                guard workload.kind == .statefulSet else {
                    throw reader.error(at: node, fields.path("podManagementPolicy"), "only a StatefulSet has a podManagementPolicy; this workload is a Deployment")
                }
                workload.podManagementPolicy = policy
            }
            if let node = fields["cpu"] { workload.milliCPU = try milliCPU(node, fields.path("cpu"), reader) }
            if let node = fields["memory"] { workload.memoryBytes = try bytes(node, fields.path("memory"), reader) }
            if let node = fields["spread"] { workload.spread = try parseSpread(node, fields.path("spread"), reader) }
            if let node = fields["tolerationSeconds"] {
                let tolerations = try reader.mapping(node, fields.path("tolerationSeconds"), allowed: tolerationKeys,
                                                     what: "{unreachable: 300, notReady: 300} (forever: no limit)")
                workload.unreachableToleration = try tolerations["unreachable"].map { node throws(ScenarioError) in
                    try tolerationSeconds(node, tolerations.path("unreachable"), reader)
                } ?? workload.unreachableToleration
                workload.notReadyToleration = try tolerations["notReady"].map { node throws(ScenarioError) in
                    try tolerationSeconds(node, tolerations.path("notReady"), reader)
                } ?? workload.notReadyToleration
            }
            if let node = fields["minAvailable"] {
                workload.minAvailable = try reader.count(node, fields.path("minAvailable"), minimum: 0, maximum: replicas)
            }
            if let node = fields["startup"] { workload.startup = try reader.distribution(node, fields.path("startup")) }
            if let node = fields["pdb"] { workload.pdb = try parseDisruptionBudget(node, fields.path("pdb"), reader) }
            if let node = fields["terminationGracePeriodSeconds"] {
                let seconds = try reader.count(node, fields.path("terminationGracePeriodSeconds"), minimum: 0, maximum: 365 * 86_400)
                workload.terminationGracePeriod = .seconds(Int64(seconds))
            }
            let fitsSomewhere = topology.zones.indices.contains { zone in
                topology.workerSlotsPerZone[zone] > 0 && workload.podsFitting(topology.workerNodes.allocatable(zone: zone)) > 0
            }
            guard replicas == 0 || fitsSomewhere else {
                throw reader.error(at: item, path, "no worker node can hold a pod of \(quoted(name)): it requests more than a node's capacity, or the topology has no workers")
            }
            workloads.append(workload)
        }
        return workloads
    }

    /// Whole seconds, or `forever` for a toleration without `tolerationSeconds`.
    static func tolerationSeconds(_ node: Node, _ path: String, _ reader: YAMLReader) throws(ScenarioError) -> Int64? {
        if node.scalar?.string == "forever" { return nil }
        return Int64(try reader.count(node, path, minimum: 0, maximum: 100 * 365 * 86_400))
    }

    /// `pdb: {minAvailable: N}` or `{maxUnavailable: N}`, N a count or a
    /// whole percentage such as "50%": exactly one of the two, as the API's
    /// validation requires (pkg/apis/policy/validation
    /// `ValidatePodDisruptionBudgetSpec`: "minAvailable and maxUnavailable
    /// cannot be both set", each a non-negative int or a percentage of at
    /// most 100%).
    static func parseDisruptionBudget(_ node: Node, _ path: String, _ reader: YAMLReader) throws(ScenarioError) -> DisruptionBudget {
        let fields = try reader.mapping(node, path, allowed: pdbKeys, what: "{minAvailable: 2} or {maxUnavailable: 1} (a count or a percentage such as \"50%\")")
        let given = fields.entries.filter { pdbKeys.contains($0.key) }
        guard given.count == 1, let (key, _, value) = given.first else {
            let problem = given.isEmpty ? "missing the budget" : "minAvailable and maxUnavailable cannot be both set"
            throw reader.error(at: node, path, "\(problem); expected exactly one of minAvailable or maxUnavailable")
        }
        let amount = try disruptionAmount(value, fields.path(key), reader)
        return DisruptionBudget(key == "minAvailable" ? .minAvailable(amount) : .maxUnavailable(amount))
    }

    static func disruptionAmount(_ node: Node, _ path: String, _ reader: YAMLReader) throws(ScenarioError) -> DisruptionBudget.Amount {
        if let text = node.scalar?.string, text.hasSuffix("%") {
            let digits = text.dropLast()
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let percent = Int(digits), percent <= 100 else {
                throw reader.error(at: node, path, "expected a whole percentage from 0% to 100%, found \(quoted(text))")
            }
            return .percent(percent)
        }
        return .count(try reader.count(node, path, minimum: 0, maximum: ScenarioLimits.pods))
    }

    static func parseSpread(_ node: Node, _ path: String, _ reader: YAMLReader) throws(ScenarioError) -> Workload.ZoneSpread {
        let fields = try reader.mapping(node, path, allowed: spreadKeys, what: "{maxSkew: 1, whenUnsatisfiable: DoNotSchedule}")
        var spread = Workload.ZoneSpread()
        if let node = fields["maxSkew"] { spread.maxSkew = try reader.count(node, fields.path("maxSkew"), maximum: ScenarioLimits.pods) }
        if let node = fields["whenUnsatisfiable"] {
            let text = try reader.string(node, fields.path("whenUnsatisfiable"))
            guard let value = Workload.ZoneSpread.WhenUnsatisfiable(rawValue: text) else {
                throw reader.error(at: node, fields.path("whenUnsatisfiable"), "unknown value \(quoted(text)); expected DoNotSchedule or ScheduleAnyway")
            }
            spread.whenUnsatisfiable = value
        }
        if let node = fields["nodeTaintsPolicy"] {
            let text = try reader.string(node, fields.path("nodeTaintsPolicy"))
            guard let value = Workload.ZoneSpread.NodeTaintsPolicy(rawValue: text) else {
                throw reader.error(at: node, fields.path("nodeTaintsPolicy"), "unknown value \(quoted(text)); expected Ignore or Honor")
            }
            spread.nodeTaintsPolicy = value
        }
        return spread
    }
}
