import Foundation

/// The scenario `hasim init --from-nodes` writes: the cluster's topology as
/// its nodes and workloads say, every choice the listing cannot make (how
/// long to run, what fails) commented, so that it validates and runs as
/// written and says where to go next.
public struct ImportedScenario {
    public let nodes: ClusterNodes
    public let workloads: ClusterWorkloads?
    public let nodesFile: String
    public let workloadsFile: String?
    public let name: String

    public init(nodes: ClusterNodes, workloads: ClusterWorkloads?, nodesFile: String, workloadsFile: String?, name: String) {
        self.nodes = nodes
        self.workloads = workloads
        self.nodesFile = nodesFile
        self.workloadsFile = workloadsFile
        self.name = name
    }

    /// A managed control plane (GKE, EKS, AKS) runs on nodes the cluster
    /// does not list: the listing has no control-plane node at all.
    public var isManaged: Bool {
        nodes.zones.allSatisfy { $0.controlPlane.isEmpty }
    }

    /// What the user should know about the import, one sentence each; also
    /// written into the file as comments.
    public var notes: [String] {
        var notes: [String] = []
        if isManaged {
            notes.append(
                "no control-plane nodes in \(nodesFile): the control plane is managed (GKE, EKS, AKS) and not visible to kubectl; "
                    + "the masters below are an assumption, one per zone as a regional control plane spreads them: change topology.masters to what your provider documents"
            )
        }
        let minors = nodes.kubeletMinorVersions
        if minors.count > 1 {
            let seen = minors.map { "1.\($0.minor) on \($0.nodes) nodes" }.joined(separator: ", ")
            notes.append("the kubelets run several versions (\(seen)); the node lifecycle defaults are those of the most common")
        }
        if let minor = nodes.kubernetesMinorVersion, !ScenarioParser.kubernetesMinorVersions.contains(minor) {
            notes.append(
                "kubelet version 1.\(minor) is outside the versions hasim models (1.\(ScenarioParser.kubernetesMinorVersions.lowerBound) to 1.\(ScenarioParser.kubernetesMinorVersions.upperBound)); the current defaults are used"
            )
        }
        for zone in nodes.zones where Set(zone.workers.map(Self.shape)).count > 1 {
            notes.append("zone \(zone.name)'s workers differ in allocatable resources; the scenario gives every worker of the zone the most common")
        }
        if let workloads {
            for budget in workloads.unmatchedBudgets {
                notes.append("the PodDisruptionBudget \(budget) selects no Deployment or StatefulSet of \(workloadsFile ?? "the workloads"); it is left out")
            }
            let unrequested = workloads.workloads.filter { $0.milliCPU == 0 && $0.memoryBytes == 0 }.map { "\($0.namespace)/\($0.name)" }
            if !unrequested.isEmpty {
                notes.append(
                    "\(unrequested.count) workloads request no CPU or memory (\(unrequested.prefix(3).joined(separator: ", "))\(unrequested.count > 3 ? ", ..." : "")); they get hasim's defaults, 100m and 128Mi"
                )
            }
        }
        return notes
    }

    static func shape(_ worker: ClusterNodes.Worker) -> String {
        "\(worker.milliCPU)m/\(worker.memoryBytes)/\(worker.pods)"
    }

    /// The zone's most common worker, the first of the listing among equals.
    static func typical(_ workers: [ClusterNodes.Worker]) -> ClusterNodes.Worker? {
        var counts: [String: Int] = [:]
        for worker in workers { counts[shape(worker), default: 0] += 1 }
        let most = counts.values.max() ?? 0
        return workers.first { counts[shape($0)] == most }
    }

    /// The scenario file's text.
    public var yaml: String {
        var lines: [String] = []
        let workerCount = nodes.zones.reduce(0) { $0 + $1.workers.count }
        let controlPlane = nodes.zones.reduce(0) { $0 + $1.controlPlane.count }
        lines.append(
            "# Written by hasim init from \(nodesFile)\(workloadsFile.map { " and \($0)" } ?? ""): \(nodes.zones.count) zones, \(controlPlane) control-plane nodes, \(workerCount) workers."
        )
        lines.append("# Every key is documented, with its default and source, in docs/SCENARIOS.md.")
        for note in notes { lines.append("# NOTE: \(note).") }
        lines.append("name: \(name)")
        lines.append("description: >")
        lines.append("  The cluster listed in \(nodesFile), with no failure yet: add faults or failures (below) and expectations.")
        lines.append("duration: 2h")
        lines.append("topology:")
        lines.append("  zones: [\(nodes.zones.map(\.name).joined(separator: ", "))]")
        let masters = nodes.zones.map { "\($0.name): \(isManaged ? 1 : $0.controlPlane.count)" }
        lines.append(
            "  # control-plane nodes per zone (label or taint node-role.kubernetes.io/control-plane)\(isManaged ? ": none listed, assumed one per zone" : "")")
        lines.append("  masters: {\(masters.joined(separator: ", "))}")
        let zonesWithWorkers = nodes.zones.filter { !$0.workers.isEmpty }
        if !zonesWithWorkers.isEmpty {
            lines.append("  # workers per zone with their allocatable cpu, memory and pods (status.allocatable)")
            lines.append("  workers:")
            for zone in zonesWithWorkers {
                guard let typical = Self.typical(zone.workers) else { continue }
                lines.append(
                    "    \(zone.name): {count: \(zone.workers.count), cpu: \(Self.cpuText(typical.milliCPU)), memory: \(Self.memoryText(typical.memoryBytes)), pods: \(typical.pods)}"
                )
            }
            lines.append("  # those are already net of the kubelets' reservations and eviction threshold: nothing more is kept back")
            lines.append("  kubelet: {reserved: none, evictionHard: 0}")
        }
        if let minor = nodes.kubernetesMinorVersion, ScenarioParser.kubernetesMinorVersions.contains(minor) {
            lines.append("  # the kubelets' version (status.nodeInfo.kubeletVersion) picks the node lifecycle defaults")
            lines.append("  nodeLifecycle: {kubernetesVersion: \"1.\(minor)\"}")
        }
        let imported = workloads?.workloads ?? []
        if !imported.isEmpty {
            lines.append("# Deployments and StatefulSets (replicas, requests summed over containers, zone spread, tolerations, PodDisruptionBudgets)")
            lines.append("workloads:")
            var used = Set<String>()
            for workload in imported {
                lines.append("  - " + workloadText(workload, used: &used))
            }
        }
        lines.append("# What fails, e.g. the zone holding the most control-plane nodes going dark for 30 minutes:")
        let darkest = nodes.zones.max { ($0.controlPlane.count, $1.name) < ($1.controlPlane.count, $0.name) }?.name ?? nodes.zones[0].name
        lines.append("# faults:")
        lines.append("#   - {at: 10m, zoneOutage: \(darkest), for: 30m}")
        lines.append("# or failures for a simulated year (duration: 365d):")
        lines.append("# failures:")
        lines.append("#   - {every: master, mtbf: 90d, mttr: 30m}")
        lines.append("#   - {every: zone, mtbf: 365d, mttr: 4h}")
        lines.append("# and what must hold, e.g.:")
        lines.append("# expect:")
        lines.append("#   - {never: etcdMajorityDown}")
        return lines.joined(separator: "\n") + "\n"
    }

    func workloadText(_ workload: ClusterWorkloads.Workload, used: inout Set<String>) -> String {
        var name = Self.scenarioName("\(workload.namespace)-\(workload.name)")
        var suffix = 2
        while !used.insert(name).inserted {
            name = Self.scenarioName("\(workload.namespace)-\(workload.name)") + "-\(suffix)"
            suffix += 1
        }
        var fields = ["name: \(name)", "kind: \(workload.kind)", "replicas: \(workload.replicas)"]
        if workload.milliCPU > 0 || workload.memoryBytes > 0 {
            fields.append("cpu: \(Self.cpuText(workload.milliCPU))")
            fields.append("memory: \(Self.memoryText(workload.memoryBytes))")
        }
        if let spread = workload.spread {
            var parts = ["maxSkew: \(spread.maxSkew)", "whenUnsatisfiable: \(spread.whenUnsatisfiable)"]
            if let policy = spread.nodeTaintsPolicy { parts.append("nodeTaintsPolicy: \(policy)") }
            fields.append("spread: {\(parts.joined(separator: ", "))}")
        }
        if workload.unreachableToleration != nil || workload.notReadyToleration != nil {
            fields.append("tolerationSeconds: {unreachable: \(workload.unreachableToleration ?? "300"), notReady: \(workload.notReadyToleration ?? "300")}")
        }
        if let policy = workload.podManagementPolicy { fields.append("podManagementPolicy: \(policy)") }
        if let floor = workload.minAvailable { fields.append("minAvailable: \(floor)") }
        var text = "{\(fields.joined(separator: ", "))}"
        if let budget = workload.disruptionBudget { text += "  # minAvailable from PodDisruptionBudget \(budget)" }
        return text
    }

    /// A workload name as scenarios take it: letters, digits and dashes.
    static func scenarioName(_ text: String) -> String {
        let safe = String(text.map { $0.isLetter || $0.isNumber ? $0 : "-" }.prefix(ScenarioLimits.quotedCharacters - 4))
        return safe.isEmpty ? "workload" : safe
    }

    static func cpuText(_ milliCPU: Int64) -> String {
        milliCPU % 1000 == 0 ? String(milliCPU / 1000) : "\(milliCPU)m"
    }

    /// Whole mebibytes (or gibibytes when exact), rounded down: a node's
    /// allocatable memory is never rounded up past what it has.
    static func memoryText(_ bytes: Int64) -> String {
        let mebibytes = bytes / (1 << 20)
        if mebibytes > 0, mebibytes % 1024 == 0 { return "\(mebibytes / 1024)Gi" }
        if mebibytes > 0 { return "\(mebibytes)Mi" }
        return "\(bytes)"
    }
}
