import Foundation
import Simulation
import Yams

/// The Deployments, StatefulSets and PodDisruptionBudgets of
/// `kubectl get deploy,sts,pdb -A -o json`, reduced to what a scenario's
/// `workloads:` can say: replicas, each pod's requests (summed over its
/// containers, as the scheduler counts them), zone spreading, the NoExecute
/// tolerations of unreachable and not-ready nodes, and the floor a
/// PodDisruptionBudget sets. Field meanings are the Kubernetes API's
/// (apps/v1 DeploymentSpec and StatefulSetSpec, policy/v1
/// PodDisruptionBudgetSpec).
public struct ClusterWorkloads: Sendable {
    public struct Workload: Sendable {
        public var namespace: String
        public var name: String
        public var kind: String
        /// `spec.replicas`; Kubernetes defaults it to 1.
        public var replicas: Int
        public var milliCPU: Int64
        public var memoryBytes: Int64
        /// The `topologySpreadConstraints` entry over `topology.kubernetes.io/zone`.
        public var spread: (maxSkew: Int, whenUnsatisfiable: String, nodeTaintsPolicy: String?)?
        public var unreachableToleration: String?
        public var notReadyToleration: String?
        /// A StatefulSet's `spec.podManagementPolicy` when it names one
        /// (the API defaults it to OrderedReady, as hasim does).
        public var podManagementPolicy: String?
        /// From the PodDisruptionBudget that selects the pods, when one does.
        public var minAvailable: Int?
        public var disruptionBudget: String?
        var templateLabels: [String: String]
    }

    public private(set) var workloads: [Workload] = []
    /// Budgets that select no workload of the listing, by namespace/name.
    public private(set) var unmatchedBudgets: [String] = []

    static let zoneKey = "topology.kubernetes.io/zone"

    public init(path: String) throws(ScenarioError) {
        let json = try KubectlJSON(path: path)
        var budgets: [(namespace: String, name: String, selector: [String: String], node: Node, path: String)] = []
        for (item, path) in try json.listItems() {
            _ = try json.mapping(item, path, what: "a Deployment, StatefulSet or PodDisruptionBudget")
            let kindPath = KubectlJSON.join(path, "kind")
            let kindNode = try json.required(item, path, "kind", what: "the object's kind")
            let kind = try json.string(kindNode, kindPath)
            let metadataPath = KubectlJSON.join(path, "metadata")
            let metadata = try json.mapping(try json.required(item, path, "metadata", what: "the object's metadata"), metadataPath)
            let name = try json.string(try json.required(metadata, metadataPath, "name"), KubectlJSON.join(metadataPath, "name"))
            let namespace =
                try json.value(metadata, "namespace").map { node throws(ScenarioError) in
                    try json.string(node, KubectlJSON.join(metadataPath, "namespace"))
                } ?? "default"
            let specPath = KubectlJSON.join(path, "spec")
            let spec = try json.mapping(try json.required(item, path, "spec", what: "the object's spec"), specPath)
            switch kind {
            case "Deployment", "StatefulSet":
                workloads.append(try Self.workload(kind, namespace, name, spec, specPath, json))
            case "PodDisruptionBudget":
                let selectorPath = KubectlJSON.join(specPath, "selector")
                let selector = try Self.matchLabels(try json.required(spec, specPath, "selector", what: "the budget's selector"), selectorPath, json)
                budgets.append((namespace, name, selector, spec, specPath))
            default:
                throw json.error(
                    kindNode, kindPath,
                    "unexpected kind \(json.describe(kindNode)); expected Deployment, StatefulSet or PodDisruptionBudget (kubectl get deploy,sts,pdb -A -o json)"
                )
            }
        }
        for budget in budgets {
            let selected = workloads.indices.filter { index in
                workloads[index].namespace == budget.namespace && !budget.selector.isEmpty
                    && budget.selector.allSatisfy { workloads[index].templateLabels[$0.key] == $0.value }
            }
            guard !selected.isEmpty else {
                unmatchedBudgets.append("\(budget.namespace)/\(budget.name)")
                continue
            }
            for index in selected {
                workloads[index].minAvailable = try Self.floor(of: budget.node, budget.path, replicas: workloads[index].replicas, json)
                workloads[index].disruptionBudget = "\(budget.namespace)/\(budget.name)"
            }
        }
    }

    static func workload(_ kind: String, _ namespace: String, _ name: String, _ spec: Node, _ specPath: String, _ json: KubectlJSON) throws(ScenarioError)
        -> Workload
    {
        let replicas =
            try json.value(spec, "replicas").map { node throws(ScenarioError) in
                try count(node, KubectlJSON.join(specPath, "replicas"), json)
            } ?? 1
        let templatePath = KubectlJSON.join(specPath, "template")
        let template = try json.mapping(try json.required(spec, specPath, "template", what: "the pod template"), templatePath)
        var labels: [String: String] = [:]
        if let metadata = json.value(template, "metadata"), let labelNode = json.value(metadata, "labels") {
            labels = try stringMap(labelNode, KubectlJSON.join(templatePath, "metadata.labels"), json)
        }
        let podPath = KubectlJSON.join(templatePath, "spec")
        let pod = try json.mapping(try json.required(template, templatePath, "spec", what: "the pod spec"), podPath)
        var cpu: Int64 = 0, memory: Int64 = 0
        let containersPath = KubectlJSON.join(podPath, "containers")
        let reader = YAMLReader(file: json.file)
        for (index, container) in try json.items(try json.required(pod, podPath, "containers", what: "the pod's containers"), containersPath).enumerated() {
            let path = "\(containersPath)[\(index)]"
            guard let resources = json.value(try json.mapping(container, path, what: "a container"), "resources"),
                let requests = json.value(resources, "requests")
            else { continue }
            let requestsPath = path + ".resources.requests"
            _ = try json.mapping(requests, requestsPath)
            if let node = json.value(requests, "cpu") { cpu += try ScenarioParser.milliCPU(node, requestsPath + ".cpu", reader) }
            if let node = json.value(requests, "memory") { memory += try ScenarioParser.bytes(node, requestsPath + ".memory", reader) }
        }
        var workload = Workload(namespace: namespace, name: name, kind: kind, replicas: replicas, milliCPU: cpu, memoryBytes: memory, templateLabels: labels)
        if kind == "StatefulSet", let node = json.value(spec, "podManagementPolicy") {
            let path = KubectlJSON.join(specPath, "podManagementPolicy")
            let policy = try json.string(node, path)
            guard Simulation.Workload.PodManagementPolicy(rawValue: policy) != nil else {
                throw json.error(node, path, "unknown podManagementPolicy \(json.describe(node)); expected OrderedReady or Parallel")
            }
            workload.podManagementPolicy = policy
        }
        if let constraints = json.value(pod, "topologySpreadConstraints") {
            let path = KubectlJSON.join(podPath, "topologySpreadConstraints")
            for (index, constraint) in try json.items(constraints, path).enumerated() {
                let itemPath = "\(path)[\(index)]"
                _ = try json.mapping(constraint, itemPath, what: "a topology spread constraint")
                let key = try json.string(try json.required(constraint, itemPath, "topologyKey"), itemPath + ".topologyKey")
                guard key == zoneKey else { continue }
                let skew = try count(try json.required(constraint, itemPath, "maxSkew"), itemPath + ".maxSkew", json)
                let when = try json.string(try json.required(constraint, itemPath, "whenUnsatisfiable"), itemPath + ".whenUnsatisfiable")
                let policy = try json.value(constraint, "nodeTaintsPolicy").map { node throws(ScenarioError) in
                    try json.string(node, itemPath + ".nodeTaintsPolicy")
                }
                workload.spread = (skew, when, policy)
            }
        }
        if let tolerations = json.value(pod, "tolerations") {
            let path = KubectlJSON.join(podPath, "tolerations")
            for (index, toleration) in try json.items(tolerations, path).enumerated() {
                let itemPath = "\(path)[\(index)]"
                _ = try json.mapping(toleration, itemPath, what: "a toleration")
                guard let key = json.value(toleration, "key")?.scalar?.string,
                    key == "node.kubernetes.io/unreachable" || key == "node.kubernetes.io/not-ready"
                else { continue }
                let seconds =
                    try json.value(toleration, "tolerationSeconds").map { node throws(ScenarioError) in
                        String(try count(node, itemPath + ".tolerationSeconds", json))
                    } ?? "forever"
                if key == "node.kubernetes.io/unreachable" { workload.unreachableToleration = seconds } else { workload.notReadyToleration = seconds }
            }
        }
        return workload
    }

    /// `minAvailable` (a count or a percentage of the replicas, rounded up as
    /// the disruption controller does), or replicas minus `maxUnavailable`.
    static func floor(of spec: Node, _ specPath: String, replicas: Int, _ json: KubectlJSON) throws(ScenarioError) -> Int {
        func resolve(_ node: Node, _ path: String, roundUp: Bool) throws(ScenarioError) -> Int {
            let text = try json.string(node, path, what: "a count or a percentage")
            if text.hasSuffix("%"), let percent = Double(text.dropLast()), percent >= 0, percent <= 100 {
                let exact = percent * Double(replicas) / 100
                return Int(roundUp ? exact.rounded(.up) : exact.rounded(.down))
            }
            return try count(node, path, json)
        }
        if let node = json.value(spec, "minAvailable") {
            return min(replicas, try resolve(node, KubectlJSON.join(specPath, "minAvailable"), roundUp: true))
        }
        if let node = json.value(spec, "maxUnavailable") {
            return max(0, replicas - (try resolve(node, KubectlJSON.join(specPath, "maxUnavailable"), roundUp: true)))
        }
        throw json.error(spec, specPath, "expected minAvailable or maxUnavailable in the budget's spec")
    }

    static func count(_ node: Node, _ path: String, _ json: KubectlJSON) throws(ScenarioError) -> Int {
        guard let value = Int(node.scalar?.string ?? ""), value >= 0, value <= ScenarioLimits.pods, node.mapping == nil else {
            throw json.error(node, path, "expected a whole number from 0 to \(ScenarioLimits.pods), found \(json.describe(node))")
        }
        return value
    }

    static func stringMap(_ node: Node, _ path: String, _ json: KubectlJSON) throws(ScenarioError) -> [String: String] {
        guard let mapping = node.mapping else { throw json.error(node, path, "expected an object of labels, found \(json.describe(node))") }
        var result: [String: String] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string else { continue }
            result[name] = try json.string(value, KubectlJSON.join(path, name))
        }
        return result
    }

    static func matchLabels(_ selector: Node, _ path: String, _ json: KubectlJSON) throws(ScenarioError) -> [String: String] {
        _ = try json.mapping(selector, path, what: "a label selector")
        guard let labels = json.value(selector, "matchLabels") else { return [:] }
        return try stringMap(labels, KubectlJSON.join(path, "matchLabels"), json)
    }
}
