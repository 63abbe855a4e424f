import ScenarioFile
import SimKernel
import Simulation
import Testing

/// `replaceMasters`: Cluster API's KubeadmControlPlane rollout with
/// maxSurge 1 (cluster-api controlplane/kubeadm/internal/controllers
/// scale.go: scaleUpControlPlane, then scaleDownControlPlane, which picks
/// the oldest outdated machine, forwards etcd leadership off it, removes its
/// etcd member and deletes the machine).
@Suite struct ReplaceMastersScenarioTests {
    let head = "name: t\nduration: 1h\ntopology:\n  zones: [a, b, c]\n  masters: {a: 1, b: 1, c: 1}\n"

    func parse(_ text: String) throws -> Scenario { try ScenarioParser.parse(text, file: "s.yaml") }

    /// Scale up before scale down, one machine at a time, the new one in
    /// the failure domain of the one it replaces, the oldest first.
    @Test func eachOldMasterIsReplacedInItsZoneNewFirst() throws {
        let scenario = try parse(head + "operations:\n  - {at: 10m, replaceMasters: {}}\n")
        let names = scenario.topology.hosts.map(\.name)
        let steps = scenario.operations.map { operation -> String in
            switch operation.kind {
            case .add(let host): return "add \(names[host])"
            case .remove(let host): return "remove \(names[host])\(operation.graceful ? " gracefully" : "")"
            case .upgrade: return "upgrade"
            case .drain: return "drain"
            case .upgradeWorkers: return "upgradeWorkers"
            }
        }
        #expect(
            steps == [
                "add master-a-2", "remove master-a-1 gracefully", "add master-b-2", "remove master-b-1 gracefully",
                "add master-c-2", "remove master-c-1 gracefully",
            ])
    }

    @Test func replaceMastersTakesNoSettingsYet() {
        do {
            _ = try parse(head + "operations:\n  - {at: 10m, replaceMasters: {maxSurge: 2}}\n")
            Issue.record("parsed")
        } catch {
            #expect("\(error)".hasPrefix("s.yaml:7:32: operations[0].replaceMasters.maxSurge: unknown key"), "\(error)")
        }
    }

    func run(_ operations: String, seed: UInt64) throws -> RunResult {
        let text = head + "  access: {preset: kubeadm-keepalived-haproxy}\noperations:\n" + operations
        return simulate(try parse(text), seed: seed)
    }

    /// Under kubeadm's HA set-up the rolling replacement costs a long-lived
    /// client about one request per removed master (GOAWAY, a redial
    /// through the virtual IP and HAProxy), where the same replacement with
    /// abrupt removals pins it to a deleted VM for the HTTP/2 health
    /// check's 45 s. Where the removed master holds the virtual IP the
    /// client also waits out keepalived's master-down interval (about
    /// 3.6 s: the VM's deletion stops its adverts), so about 4 s at most.
    /// Each new master has joined before the old one goes,
    /// and each old member is removed from etcd before its VM is deleted
    /// (scale.go scaleDownControlPlane: RemoveEtcdMemberForMachine, then
    /// Delete).
    @Test func aRollingReplacementCostsAboutOneRequestNotFortyFiveSeconds() throws {
        var pinnedAbruptly = 0.0
        for seed in UInt64(1)...3 {
            let rolled = try run("  - {at: 5m, replaceMasters: {}}\n", seed: seed)
            #expect(rolled.metric(.externalPinnedSeconds)! <= 5, "seed \(seed)")
            #expect(rolled.metric(.externalDeadBackendRequests)! <= 5, "seed \(seed)")
            #expect(rolled.metric(.externalLongestOutageSeconds)! < 5, "seed \(seed)")
            for (old, new) in [("master-a-1", "master-a-2"), ("master-b-1", "master-b-2"), ("master-c-1", "master-c-2")] {
                let joined = rolled.events.firstIndex { $0.kind == .memberStarted && $0.entity == "etcd/\(new)" }!
                let removed = rolled.events.firstIndex { $0.kind == .memberRemoved && $0.entity == "etcd/\(old)" }!
                let deleted = rolled.events.firstIndex { $0.kind == .vmDeleted && $0.entity == old }!
                #expect(joined < removed && removed < deleted, "seed \(seed) \(old)")
            }
            let abrupt = try run(
                """
                  - {at: 5m, addMaster: a}
                  - {at: 5m, removeMaster: master-a-1}
                  - {at: 5m, addMaster: b}
                  - {at: 5m, removeMaster: master-b-1}
                  - {at: 5m, addMaster: c}
                  - {at: 5m, removeMaster: master-c-1}

                """, seed: seed)
            pinnedAbruptly += abrupt.metric(.externalPinnedSeconds)!
        }
        // The outside client sits on one of the old masters, each deleted
        // in turn: the HTTP/2 health check's 45 s, in most seeds.
        #expect(pinnedAbruptly > 80)
    }
}
