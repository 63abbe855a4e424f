import ArgumentParser
import Foundation
import ScenarioFile

/// `hasim init --from-nodes nodes.json [--workloads objects.json] [-o scenario.yaml]`:
/// a scenario from a live cluster's listings, so nobody counts nodes per
/// zone with jq. The scenario is validated before it is written: what
/// `init` writes, `run` runs.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a scenario of a live cluster from kubectl's JSON.",
        discussion: """
            NODES is the output of `kubectl get nodes -o json`: zones from the topology.kubernetes.io/zone \
            label, masters from the node-role.kubernetes.io/control-plane label or taint, workers per zone \
            with their allocatable cpu, memory and pods, the Kubernetes version from the kubelets. \
            WORKLOADS is the output of `kubectl get deploy,sts,pdb -A -o json`: replicas, requests, zone \
            spread, tolerations and PodDisruptionBudgets. A cluster with no control-plane nodes (a managed \
            control plane) gets one master per zone, with a note. Bad input is a located error naming the \
            JSON path (exit 2); nothing is written then.
            """)

    @Option(name: .customLong("from-nodes"), help: ArgumentHelp("The output of kubectl get nodes -o json.", valueName: "nodes.json"))
    var fromNodes: String

    @Option(help: ArgumentHelp("The output of kubectl get deploy,sts,pdb -A -o json.", valueName: "objects.json"))
    var workloads: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the scenario to this file (default: standard output).", valueName: "scenario.yaml"))
    var output: String?

    @Option(help: "The scenario's name (default: the output file's name, or imported-cluster).")
    var name: String?

    @Flag(help: "Replace the output file if it exists.")
    var force = false

    func run() throws {
        if let output, !force, FileManager.default.fileExists(atPath: output) {
            printError("error: \(output) exists; pass --force to replace it, or choose another -o")
            throw ExitCodes.invalidInput
        }
        let scenario: ImportedScenario
        do {
            let nodes = try ClusterNodes(path: fromNodes)
            let objects = try workloads.map { path throws(ScenarioError) in try ClusterWorkloads(path: path) }
            scenario = ImportedScenario(nodes: nodes, workloads: objects, nodesFile: fromNodes, workloadsFile: workloads, name: scenarioName)
        } catch {
            printError("error: \(error)")
            throw ExitCodes.invalidInput
        }
        let text = scenario.yaml
        // What is written must read back: a failure here is hasim's mistake, not the input's.
        do {
            _ = try ScenarioParser.parse(text, file: output ?? "<init>")
        } catch {
            printError("error: the scenario written from \(fromNodes) does not validate: \(error)")
            throw ExitCodes.invalidInput
        }
        for note in scenario.notes { printError("note: \(note)") }
        guard let output else {
            print(text, terminator: "")
            return
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output))
        } catch {
            printError("error: cannot write \(output): \((error as NSError).localizedDescription)")
            throw ExitCodes.storeFailed
        }
        print("wrote \(output); check it with: hasim validate \(output)")
    }

    var scenarioName: String {
        if let name { return name }
        guard let output else { return "imported-cluster" }
        let file = ((output as NSString).lastPathComponent as NSString).deletingPathExtension
        let safe = String(file.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" })
        return safe.isEmpty ? "imported-cluster" : safe
    }
}
