import ScenarioFile
import SimKernel
import Simulation
import Testing

/// `workloads[].pdb`, `terminationGracePeriodSeconds` and `drainNode`. A
/// budget takes exactly one of minAvailable and maxUnavailable, each a
/// non-negative count or a percentage of at most 100 %, as the API's
/// validation has it (kubernetes pkg/apis/policy/validation/validation.go
/// `ValidatePodDisruptionBudgetSpec`); kubectl drain's `--timeout`
/// (kubernetes/kubectl pkg/cmd/drain/drain.go) must end here.
@Suite struct DisruptionBudgetScenarioTests: ScenarioText {
    let workers = "name: t\nduration: 1h\ntopology:\n  zones: [a, b, c]\n  masters: {a: 1, b: 1, c: 1}\n  workers: {a: 2, b: 2}\n"

    @Test func readsBudgetsGracePeriodsAndDrains() throws {
        let scenario = try parse(
            workers + """
                workloads:
                  - {name: web, replicas: 6, pdb: {maxUnavailable: 1}, terminationGracePeriodSeconds: 10}
                  - {name: api, replicas: 4, pdb: {minAvailable: "50%"}}
                  - {name: db, kind: StatefulSet, replicas: 3, pdb: {minAvailable: 2}}
                operations:
                  - {at: 10m, drainNode: {node: worker-b-2, timeout: 15m}}
                  - {at: 20m, drainNode: {node: worker-a-1}}
                """)
        #expect(
            scenario.workloads.map(\.pdb) == [
                DisruptionBudget(.maxUnavailable(.count(1))), DisruptionBudget(.minAvailable(.percent(50))), DisruptionBudget(.minAvailable(.count(2))),
            ])
        #expect(scenario.workloads.map(\.terminationGracePeriod) == [.seconds(10), .seconds(30), .seconds(30)])
        let names = scenario.topology.hosts.map(\.name)
        let drains = scenario.operations.compactMap { operation -> (String, SimDuration)? in
            guard case .drain(let drain) = operation.kind else { return nil }
            return (names[drain.host], drain.timeout)
        }
        #expect(drains.map(\.0) == ["worker-b-2", "worker-a-1"])
        #expect(drains.map(\.1) == [.minutes(15), .hours(1)])
        let metrics = MetricCatalog.entries(for: scenario).map(\.name)
        #expect(metrics.contains("drains.evictionsRefused") && metrics.contains("workload.api.evictionsRefused"))
    }

    /// Every worker replaced by a new one named on from its zone's last.
    @Test func readsAWorkerUpgrade() throws {
        let scenario = try parse(workers + "operations:\n  - {at: 10m, upgradeWorkers: {maxSurge: 0, maxUnavailable: 1, timeout: 20m}}\n")
        let names = scenario.topology.hosts.map(\.name)
        guard case .upgradeWorkers(let upgrade) = scenario.operations.first?.kind else {
            Issue.record("no upgrade")
            return
        }
        #expect(upgrade.old.map { names[$0] } == ["worker-a-1", "worker-a-2", "worker-b-1", "worker-b-2"])
        #expect(upgrade.new.map { names[$0] } == ["worker-a-3", "worker-a-4", "worker-b-3", "worker-b-4"])
        #expect(upgrade.maxSurge == 0 && upgrade.maxUnavailable == 1 && upgrade.drain.timeout == .minutes(20))
        #expect(scenario.topology.hosts.filter { $0.role == .worker && !$0.initiallyProvisioned }.count == 4)
        let defaults = try parse(workers + "operations:\n  - {at: 10m, upgradeWorkers: {}}\n")
        guard case .upgradeWorkers(let surge) = defaults.operations.first?.kind else {
            Issue.record("no upgrade")
            return
        }
        #expect(surge.maxSurge == 1 && surge.maxUnavailable == 0 && surge.drain.timeout == .hours(1))
    }

    /// The upgrade's new nodes are slots of their own: beside an
    /// autoscaler's node group they are not built yet.
    @Test func anUpgradeBesideAnAutoscalerIsRefused() {
        let text =
            "name: t\nduration: 1h\ntopology:\n  zones: [a]\n  masters: {a: 1}\n  workers: {a: {count: 1, max: 2}}\n"
            + "operations:\n  - {at: 10m, upgradeWorkers: {}}\n"
        #expect(
            error(text)
                == "s.yaml:8:31: operations[0].upgradeWorkers: upgradeWorkers beside an autoscaler node group (a workers max) is not built yet; expected workers without max"
        )
    }

    @Test(arguments: [
        (
            "workloads:\n  - {name: web, replicas: 3, pdb: {minAvailable: 1, maxUnavailable: 1}}\n",
            "s.yaml:8:35: workloads[0].pdb: minAvailable and maxUnavailable cannot be both set; expected exactly one of minAvailable or maxUnavailable"
        ),
        (
            "workloads:\n  - {name: web, replicas: 3, pdb: {}}\n",
            "s.yaml:8:35: workloads[0].pdb: missing the budget; expected exactly one of minAvailable or maxUnavailable"
        ),
        (
            "workloads:\n  - {name: web, replicas: 3, pdb: {minAvailable: -1}}\n",
            "s.yaml:8:50: workloads[0].pdb.minAvailable: expected a count of at least 0, found -1"
        ),
        (
            "workloads:\n  - {name: web, replicas: 3, pdb: {maxUnavailable: 150%}}\n",
            "s.yaml:8:52: workloads[0].pdb.maxUnavailable: expected a whole percentage from 0% to 100%, found \"150%\""
        ),
        (
            "workloads:\n  - {name: web, replicas: 3, pdb: {maxUnavailable: 2.5%}}\n",
            "s.yaml:8:52: workloads[0].pdb.maxUnavailable: expected a whole percentage from 0% to 100%, found \"2.5%\""
        ),
        (
            "workloads:\n  - {name: web, replicas: 3, pdb: {minAvailable: lots}}\n",
            "s.yaml:8:50: workloads[0].pdb.minAvailable: expected a count of at least 0, found \"lots\""
        ),
        (
            "workloads:\n  - {name: web, replicas: 3, pdb: {maxSurge: 1}}\n",
            "s.yaml:8:36: workloads[0].pdb.maxSurge: unknown key \"maxSurge\"; expected one of minAvailable, maxUnavailable"
        ),
        (
            "workloads:\n  - {name: web, replicas: 3, terminationGracePeriodSeconds: -5}\n",
            "s.yaml:8:61: workloads[0].terminationGracePeriodSeconds: expected a count of at least 0, found -5"
        ),
        (
            "operations:\n  - {at: 10m, drainNode: {node: worker-c-1}}\n",
            "s.yaml:8:33: operations[0].drainNode.node: unknown worker \"worker-c-1\"; expected one of worker-a-1, worker-a-2, worker-b-1, worker-b-2 (did you mean \"worker-a-1\"?)"
        ),
        (
            "operations:\n  - {at: 10m, drainNode: {node: worker-a-1, timeout: 0s}}\n",
            "s.yaml:8:54: operations[0].drainNode.timeout: expected a duration above zero, found 0s (kubectl's --timeout=0 waits forever; a run needs its drains to end)"
        ),
        (
            "operations:\n  - {at: 10m, upgradeWorkers: {maxSurge: 1, maxUnavailable: 1}}\n",
            "s.yaml:8:31: operations[0].upgradeWorkers: maxSurge 1 and maxUnavailable 1; expected one of them above zero and the other zero (surge nodes first, or old nodes first; both at once is not built)"
        ),
        (
            "operations:\n  - {at: 10m, upgradeWorkers: {maxSurge: 0}}\n",
            "s.yaml:8:31: operations[0].upgradeWorkers: maxSurge 0 and maxUnavailable 0; expected one of them above zero and the other zero (surge nodes first, or old nodes first; both at once is not built)"
        ),
        (
            "operations:\n  - {at: 10m, upgradeWorkers: {maxSurge: 101}}\n",
            "s.yaml:8:42: operations[0].upgradeWorkers.maxSurge: expected a count of at most 100, found 101"
        ),
        (
            "operations:\n  - {at: 10m, upgradeWorkers: {zone: d}}\n",
            "s.yaml:8:38: operations[0].upgradeWorkers.zone: unknown zone \"d\"; expected one of a, b, c"
        ),
        (
            // The first upgrade hands the pool to the surge hosts' names.
            "operations:\n  - {at: 10m, upgradeWorkers: {}}\n  - {at: 20m, drainNode: {node: worker-a-1}}\n",
            "s.yaml:9:33: operations[1].drainNode.node: unknown worker \"worker-a-1\"; expected one of worker-a-3, worker-a-4, worker-b-3, worker-b-4 (did you mean \"worker-a-3\"?)"
        ),
        (
            "operations:\n  - {at: 10m, drainNode: {node: worker-a-1, uncordon: soon}}\n",
            "s.yaml:8:55: operations[0].drainNode.uncordon: expected true or false, found \"soon\""
        ),
        (
            "operations:\n  - {at: 10m, drainNode: {timeout: 5m}}\n",
            "s.yaml:8:26: operations[0].drainNode.node: missing required key"
        ),
    ])
    func budgetAndDrainMistakesAreLocated(text: String, message: String) {
        #expect(error(workers + text) == message)
    }
}
