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
            "operations:\n  - {at: 10m, drainNode: {timeout: 5m}}\n",
            "s.yaml:8:26: operations[0].drainNode.node: missing required key"
        ),
    ])
    func budgetAndDrainMistakesAreLocated(text: String, message: String) {
        #expect(error(workers + text) == message)
    }
}
