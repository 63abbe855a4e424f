import Foundation
import Testing

/// `hasim init --from-nodes`: a scenario from kubectl's JSON that validates
/// and runs, with located errors naming the JSON path for bad input. The
/// fixtures are shaped as `kubectl get nodes -o json` and `kubectl get
/// deploy,sts,pdb -A -o json` print them.
@Suite struct InitCommandTests {
    static let kubectl = HASimProcess.fixtures.appendingPathComponent("kubectl")
    static let nodes = kubectl.appendingPathComponent("nodes-3-zones.json").path
    static let managed = kubectl.appendingPathComponent("nodes-managed-gke.json").path
    static let workloads = kubectl.appendingPathComponent("workloads.json").path

    func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("hasim-init-\(ProcessInfo.processInfo.processIdentifier)-\(UInt64.random(in: 0...UInt64.max))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// 3 zones, a control-plane node in each, 30 workers: the scenario has
    /// them all, validates, and runs.
    @Test func aThreeZoneClusterBecomesAScenarioThatRuns() throws {
        let dir = try folder()
        let scenario = dir + "/prod.yaml"
        let written = try hasim("init", "--from-nodes", Self.nodes, "--workloads", Self.workloads, "-o", scenario)
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stdout == "wrote \(scenario); check it with: hasim validate \(scenario)\n")
        let text = try String(contentsOfFile: scenario, encoding: .utf8)
        #expect(text.contains("name: prod\n"))
        #expect(text.contains("  zones: [europe-west1-b, europe-west1-c, europe-west1-d]\n"))
        #expect(text.contains("  masters: {europe-west1-b: 1, europe-west1-c: 1, europe-west1-d: 1}\n"))
        #expect(text.contains("    europe-west1-b: {count: 10, cpu: 8, memory: 31993Mi, pods: 110}\n"))
        // Zone d has one smaller worker: the zone takes its most common shape, with a note.
        #expect(text.contains("    europe-west1-d: {count: 10, cpu: 8, memory: 31993Mi, pods: 110}\n"))
        #expect(written.stderr.contains("note: zone europe-west1-d's workers differ in allocatable resources"))
        #expect(text.contains("  nodeLifecycle: {kubernetesVersion: \"1.31\"}\n"))
        // status.allocatable is already net of the kubelets' reservations.
        #expect(text.contains("  kubelet: {reserved: none, evictionHard: 0}\n"))
        // Requests summed over containers; the budget's 50 % of 6 is 3; 6 - maxUnavailable 1 of 3 is 2.
        #expect(
            text.contains(
                "  - {name: shop-web, kind: Deployment, replicas: 6, cpu: 300m, memory: 320Mi, spread: {maxSkew: 1, whenUnsatisfiable: ScheduleAnyway}, minAvailable: 3}  # minAvailable from PodDisruptionBudget shop/web-pdb\n"
            ))
        #expect(
            text.contains(
                "  - {name: shop-db, kind: StatefulSet, replicas: 3, cpu: 1, memory: 2Gi, spread: {maxSkew: 1, whenUnsatisfiable: DoNotSchedule}, tolerationSeconds: {unreachable: 60, notReady: 60}, podManagementPolicy: Parallel, minAvailable: 2}"
            ))
        #expect(text.contains("  - {name: kube-system-coredns, kind: Deployment, replicas: 2, cpu: 100m, memory: 70Mi}\n"))
        #expect(written.stderr.contains("note: the PodDisruptionBudget shop/legacy-pdb selects no Deployment or StatefulSet"))
        let validated = try hasim("validate", scenario)
        #expect(validated.status == 0, "\(validated.stdout)\(validated.stderr)")
        let run = try hasim("run", scenario, "--db", dir + "/runs.sqlite", "--json")
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let metrics = try #require(object["metrics"] as? [String: Any])
        #expect(metrics["workload.shop-web.availability"] as? Double == 1)
        #expect(metrics["hosts.workers.up.fraction"] as? Double == 1)
    }

    /// A managed control plane lists no control-plane node: one master per
    /// zone is assumed, and the file and standard error say so.
    @Test func aManagedClusterGetsAClearNote() throws {
        let dir = try folder()
        let scenario = dir + "/gke.yaml"
        let written = try hasim("init", "--from-nodes", Self.managed, "-o", scenario)
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stderr.hasPrefix("note: no control-plane nodes in \(Self.managed): the control plane is managed (GKE, EKS, AKS)"))
        let text = try String(contentsOfFile: scenario, encoding: .utf8)
        #expect(text.contains("# NOTE: no control-plane nodes in \(Self.managed): the control plane is managed"))
        #expect(text.contains("  masters: {us-central1-a: 1, us-central1-b: 1, us-central1-c: 1}\n"))
        #expect(text.contains("    us-central1-a: {count: 2, cpu: 3920m, memory: 13275Mi, pods: 110}\n"))
        #expect(text.contains("  nodeLifecycle: {kubernetesVersion: \"1.30\"}\n"))
        #expect(try hasim("validate", scenario).status == 0)
    }

    /// Without -o the scenario goes to standard output; an existing file is
    /// replaced only with --force.
    @Test func standardOutputAndNoSilentOverwrite() throws {
        let dir = try folder()
        let printed = try hasim("init", "--from-nodes", Self.nodes)
        #expect(printed.status == 0)
        #expect(printed.stdout.contains("name: imported-cluster\n"))
        let scenario = dir + "/kept.yaml"
        try "mine\n".write(toFile: scenario, atomically: true, encoding: .utf8)
        let refused = try hasim("init", "--from-nodes", Self.nodes, "-o", scenario)
        #expect(refused.status == 2)
        #expect(refused.stderr == "error: \(scenario) exists; pass --force to replace it, or choose another -o\n")
        #expect(try String(contentsOfFile: scenario, encoding: .utf8) == "mine\n")
        #expect(try hasim("init", "--from-nodes", Self.nodes, "-o", scenario, "--force").status == 0)
    }

    /// A copy of the nodes fixture changed by `edit`, written as kubectl would.
    func nodesEdited(_ dir: String, _ edit: (inout [[String: Any]]) -> Void) throws -> String {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.nodes))
        var root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var items = try #require(root["items"] as? [[String: Any]])
        edit(&items)
        root["items"] = items
        let path = dir + "/nodes-\(UInt64.random(in: 0...UInt64.max)).json"
        try JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Sets (or with nil removes) the value at `path` of a JSON object.
    static func set(_ object: inout [String: Any], _ path: [String], _ value: Any?) {
        guard let key = path.first else { return }
        if path.count == 1 {
            object[key] = value
            return
        }
        var inner = object[key] as? [String: Any] ?? [:]
        set(&inner, Array(path.dropFirst()), value)
        object[key] = inner
    }

    /// Malformed or partial input: one located error naming the JSON path,
    /// exit 2, nothing written.
    @Test func badInputIsALocatedErrorNamingTheJSONPath() throws {
        let dir = try folder()
        let scenario = dir + "/never.yaml"
        func expectError(_ arguments: [String], _ located: String, _ message: String) throws {
            let outcome = try hasim(["init"] + arguments + ["-o", scenario])
            #expect(outcome.status == 2, "\(arguments)")
            let pattern = "^error: " + NSRegularExpression.escapedPattern(for: located) + ":[0-9]+:[0-9]+: " + NSRegularExpression.escapedPattern(for: message)
            #expect(outcome.stderr.range(of: pattern, options: .regularExpression) != nil, "\(outcome.stderr)")
            #expect(!FileManager.default.fileExists(atPath: scenario))
        }
        let noCPU = try nodesEdited(dir) { Self.set(&$0[4], ["status", "allocatable", "cpu"], nil) }
        try expectError(["--from-nodes", noCPU], noCPU, "items[4].status.allocatable: missing cpu; expected allocatable cpu")
        let badMemory = try nodesEdited(dir) { Self.set(&$0[7], ["status", "allocatable", "memory"], "lots") }
        try expectError(["--from-nodes", badMemory], badMemory, "items[7].status.allocatable.memory: expected memory such as 8Gi")
        let noZone = try nodesEdited(dir) { items in
            Self.set(&items[2], ["metadata", "labels", "topology.kubernetes.io/zone"], nil)
            Self.set(&items[2], ["metadata", "labels", "failure-domain.beta.kubernetes.io/zone"], nil)
        }
        try expectError(["--from-nodes", noZone], noZone, "items[2].metadata.labels: node cp-3 has no topology.kubernetes.io/zone label")
        let badVersion = try nodesEdited(dir) { Self.set(&$0[0], ["status", "nodeInfo", "kubeletVersion"], 131) }
        try expectError(["--from-nodes", badVersion], badVersion, "items[0].status.nodeInfo.kubeletVersion: expected a Kubernetes version such as v1.31.2")
        // Workloads given as nodes, and nodes as workloads.
        try expectError(["--from-nodes", Self.workloads], Self.workloads, "items[0].kind: expected kind Node")
        try expectError(["--from-nodes", Self.nodes, "--workloads", Self.nodes], Self.nodes, "items[0].kind: unexpected kind \"Node\"")
        // A StatefulSet's policy that Kubernetes does not have.
        let workloadsText = try String(contentsOfFile: Self.workloads, encoding: .utf8)
        let badPolicy = dir + "/bad-policy.json"
        try workloadsText.replacingOccurrences(of: "\"podManagementPolicy\": \"Parallel\"", with: "\"podManagementPolicy\": \"Sometimes\"")
            .write(toFile: badPolicy, atomically: true, encoding: .utf8)
        try expectError(
            ["--from-nodes", Self.nodes, "--workloads", badPolicy], badPolicy,
            "items[1].spec.podManagementPolicy: unknown podManagementPolicy \"Sometimes\"; expected OrderedReady or Parallel")
        // Not JSON at all, cut short.
        let cut = dir + "/cut.json"
        try String(try String(contentsOfFile: Self.nodes, encoding: .utf8).prefix(2_000)).write(toFile: cut, atomically: true, encoding: .utf8)
        try expectError(["--from-nodes", cut], cut, "malformed JSON: ")
        let missing = dir + "/missing.json"
        let outcome = try hasim("init", "--from-nodes", missing)
        #expect(outcome.status == 2)
        #expect(outcome.stderr == "error: \(missing):1:1: cannot read the file: no such file; expected the output of kubectl ... -o json\n")
    }
}
