import Yams

/// A cluster's nodes as `kubectl get nodes -o json` lists them, reduced to
/// what a scenario's topology needs: zones, control-plane nodes and workers
/// per zone with their allocatable resources, and the Kubernetes version.
///
/// - The zone is the `topology.kubernetes.io/zone` label (the older
///   `failure-domain.beta.kubernetes.io/zone` when it is the only one), as
///   the scheduler's zone spreading reads it (kubernetes.io, "Well-Known
///   Labels, Annotations and Taints").
/// - A control-plane node carries the `node-role.kubernetes.io/control-plane`
///   label or taint (kubeadm sets both; `node-role.kubernetes.io/master`
///   before 1.24).
/// - Allocatable is `status.allocatable`: `cpu`, `memory` and `pods`, what
///   the scheduler may place, as hasim's workers count it.
/// - The version is `status.nodeInfo.kubeletVersion` (`v1.31.2`).
public struct ClusterNodes: Equatable, Sendable {
    public struct Worker: Equatable, Sendable {
        public var name: String
        public var milliCPU: Int64
        public var memoryBytes: Int64
        public var pods: Int
    }

    public struct Zone: Equatable, Sendable {
        public var name: String
        public var controlPlane: [String] = []
        public var workers: [Worker] = []
    }

    /// Zones in the order of their first node in the listing.
    public private(set) var zones: [Zone] = []
    public struct VersionCount: Equatable, Sendable {
        public var minor: Int
        public var nodes: Int
    }

    /// The kubelet versions' minor numbers seen, with how many nodes run each.
    public private(set) var kubeletMinorVersions: [VersionCount] = []

    static let zoneLabels = ["topology.kubernetes.io/zone", "failure-domain.beta.kubernetes.io/zone"]
    static let controlPlaneKeys = ["node-role.kubernetes.io/control-plane", "node-role.kubernetes.io/master"]

    public init(path: String) throws(ScenarioError) {
        let json = try KubectlJSON(path: path)
        for (item, path) in try json.listItems() {
            try read(item, path, json)
        }
        guard !zones.isEmpty else {
            throw ScenarioError(file: json.file, line: 1, column: 1, keyPath: "items", message: "no nodes; expected the output of kubectl get nodes -o json")
        }
    }

    private mutating func read(_ item: Node, _ path: String, _ json: KubectlJSON) throws(ScenarioError) {
        _ = try json.mapping(item, path, what: "a Node object")
        if let kind = json.value(item, "kind") {
            let text = try json.string(kind, KubectlJSON.join(path, "kind"))
            guard text == "Node" else {
                throw json.error(
                    kind, KubectlJSON.join(path, "kind"),
                    "expected kind Node, found \(json.describe(kind)); give kubectl get nodes -o json (workloads go to --workloads)")
            }
        }
        let metadataPath = KubectlJSON.join(path, "metadata")
        let metadata = try json.mapping(try json.required(item, path, "metadata", what: "the node's metadata"), metadataPath)
        let name = try json.string(try json.required(metadata, metadataPath, "name", what: "the node's name"), KubectlJSON.join(metadataPath, "name"))
        let labelsPath = KubectlJSON.join(metadataPath, "labels")
        let labels = try json.mapping(try json.required(metadata, metadataPath, "labels", what: "the node's labels"), labelsPath)
        guard let (zoneLabel, zoneNode) = Self.zoneLabels.lazy.compactMap({ key in json.value(labels, key).map { (key, $0) } }).first else {
            throw json.error(labels, labelsPath, "node \(name) has no topology.kubernetes.io/zone label; expected every node to name its zone")
        }
        let zonePath = KubectlJSON.join(labelsPath, zoneLabel)
        let zone = try json.string(zoneNode, zonePath)
        guard !zone.isEmpty, zone.count <= ScenarioLimits.quotedCharacters, zone.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
            throw json.error(
                zoneNode, zonePath,
                "expected a zone name of letters, digits and dashes, at most \(ScenarioLimits.quotedCharacters) characters, found \(json.describe(zoneNode))")
        }
        let zoneIndex =
            zones.firstIndex { $0.name == zone }
            ?? {
                zones.append(Zone(name: zone))
                return zones.count - 1
            }()
        let statusPath = KubectlJSON.join(path, "status")
        let status = try json.mapping(try json.required(item, path, "status", what: "the node's status"), statusPath)
        try readVersion(status, statusPath, json)
        if try isControlPlane(item, path, labels, json) {
            zones[zoneIndex].controlPlane.append(name)
        } else {
            zones[zoneIndex].workers.append(try readAllocatable(name, status, statusPath, json))
        }
    }

    private func isControlPlane(_ item: Node, _ path: String, _ labels: Node, _ json: KubectlJSON) throws(ScenarioError) -> Bool {
        if Self.controlPlaneKeys.contains(where: { json.value(labels, $0) != nil }) { return true }
        guard let spec = json.value(item, "spec"), let taints = json.value(spec, "taints") else { return false }
        let taintsPath = KubectlJSON.join(path, "spec.taints")
        for (index, taint) in try json.items(taints, taintsPath).enumerated() {
            let taintPath = "\(taintsPath)[\(index)]"
            let key = try json.string(
                try json.required(try json.mapping(taint, taintPath, what: "a taint"), taintPath, "key", what: "the taint's key"), taintPath + ".key")
            if Self.controlPlaneKeys.contains(key) { return true }
        }
        return false
    }

    private mutating func readVersion(_ status: Node, _ statusPath: String, _ json: KubectlJSON) throws(ScenarioError) {
        let infoPath = KubectlJSON.join(statusPath, "nodeInfo")
        let info = try json.mapping(try json.required(status, statusPath, "nodeInfo", what: "the node's nodeInfo"), infoPath)
        let versionPath = KubectlJSON.join(infoPath, "kubeletVersion")
        let versionNode = try json.required(info, infoPath, "kubeletVersion", what: "the kubelet's version")
        let text = try json.string(versionNode, versionPath)
        let parts = (text.hasPrefix("v") ? String(text.dropFirst()) : text).split(separator: ".")
        guard parts.count >= 2, parts[0] == "1", let minor = Int(parts[1]) else {
            throw json.error(versionNode, versionPath, "expected a Kubernetes version such as v1.31.2, found \(json.describe(versionNode))")
        }
        if let index = kubeletMinorVersions.firstIndex(where: { $0.minor == minor }) {
            kubeletMinorVersions[index].nodes += 1
        } else {
            kubeletMinorVersions.append(VersionCount(minor: minor, nodes: 1))
        }
    }

    private func readAllocatable(_ name: String, _ status: Node, _ statusPath: String, _ json: KubectlJSON) throws(ScenarioError) -> Worker {
        let path = KubectlJSON.join(statusPath, "allocatable")
        let allocatable = try json.mapping(try json.required(status, statusPath, "allocatable", what: "the node's allocatable resources"), path)
        let reader = YAMLReader(file: json.file)
        func quantity(_ key: String) throws(ScenarioError) -> Node {
            let node = try json.required(allocatable, path, key, what: "allocatable \(key)")
            _ = try json.string(node, KubectlJSON.join(path, key), what: "a quantity")
            return node
        }
        let cpu = try ScenarioParser.milliCPU(try quantity("cpu"), KubectlJSON.join(path, "cpu"), reader)
        let memory = try ScenarioParser.bytes(try quantity("memory"), KubectlJSON.join(path, "memory"), reader)
        let podsNode = try quantity("pods")
        guard let pods = Int(podsNode.scalar?.string ?? ""), pods >= 0, pods <= 1_000 else {
            throw json.error(podsNode, KubectlJSON.join(path, "pods"), "expected a whole number of pods from 0 to 1000, found \(json.describe(podsNode))")
        }
        return Worker(name: name, milliCPU: cpu, memoryBytes: memory, pods: pods)
    }

    /// The most common kubelet minor version; nil when no node said.
    public var kubernetesMinorVersion: Int? {
        kubeletMinorVersions.max { ($0.nodes, -$0.minor) < ($1.nodes, -$1.minor) }?.minor
    }
}
