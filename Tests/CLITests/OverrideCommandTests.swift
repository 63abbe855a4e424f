import Foundation
import GRDB
import Testing

/// `--set KEY.PATH=VALUE` on `run`, `check` and `seeds`.
@Suite struct OverrideCommandTests {
    static let failover = HASimProcess.scenario("etcd-leader-failover.yaml")

    @Test func anUnknownKeyIsInvalidInputNamingTheArgument() throws {
        for command in ["run", "check", "seeds"] {
            let outcome = try hasim(command, Self.failover, "--set", "topology.zoness=3")
            #expect(outcome.status == 2)
            #expect(outcome.stderr == #"""
                error: --set topology.zoness=3:1:17: topology.zoness: unknown key "zoness"; expected one of zones, masters, workers, etcd, network, leaderElection, scaling, access, addonManager, kubelet, nodeLifecycle, scheduler, ... (14 in all) (did you mean "zones"?)

                """#)
        }
    }

    @Test func anOverrideChangesTheRunAndIsStoredInItsParameters() throws {
        let db = SweepProcess.temporary("set.sqlite")
        defer { SweepProcess.cleanUp(db) }
        let metric = ["--metric", "etcd.leaderless.longest.seconds", "--count", "3"]
        let plain = try hasim(["seeds", Self.failover] + metric)
        let slower = try hasim(["seeds", Self.failover, "--set", "topology.etcd.electionTimeout=3s"] + metric)
        #expect(plain.status == 0 && slower.status == 0)
        #expect(plain.stdout != slower.stdout)
        let run = try hasim("run", Self.failover, "--db", db, "--seed", "2", "--set", "topology.etcd.electionTimeout=3s", "--set", "topology.masters={a: 5}")
        #expect(run.status == 0)
        let parameters = try SweepProcess.read(db) { db in try String.fetchOne(db, sql: "SELECT parameters FROM run") }
        #expect(parameters == #"{"seed":2,"topology.etcd.electionTimeout":"3s","topology.masters":{"a":5}}"#)
    }

    /// `--no-fast-forward` runs every event (docs/FAST-FORWARD.md): the run
    /// skips nothing, says nothing of it, and the choice is stored with the
    /// run's parameters, as `--set fastForward=false` would be.
    @Test func noFastForwardRunsEveryEventAndIsStored() throws {
        let restart = HASimProcess.scenario("master-crash-restart.yaml")
        let db = SweepProcess.temporary("no-fast-forward.sqlite")
        defer { SweepProcess.cleanUp(db) }
        let skipping = try hasim("run", restart, "--json", "--db", db)
        let full = try hasim("run", restart, "--json", "--db", db, "--no-fast-forward")
        #expect(skipping.status == 0 && full.status == 0)
        func skips(_ json: String) throws -> Int? {
            let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
            return object?["quietSkips"] as? Int
        }
        #expect(try skips(skipping.stdout)! > 0)
        #expect(try skips(full.stdout) == 0)
        let text = try hasim("run", restart, "--db", db, "--no-fast-forward")
        #expect(!text.stdout.contains("fast-forward:"))
        let parameters = try SweepProcess.read(db) { db in try String.fetchAll(db, sql: "SELECT parameters FROM run ORDER BY id") }
        #expect(parameters == ["{}", #"{"fastForward":false}"#, #"{"fastForward":false}"#])
    }
}
