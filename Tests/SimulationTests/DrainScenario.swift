import SimKernel

@testable import Simulation

/// The drain tests' cluster: three zones of one master each, `workers`
/// workers a zone, one workload of small pods, and drains of named workers.
enum DrainScenario {
    static func workload(
        _ name: String = "web", kind: Workload.Kind = .deployment, replicas: Int, pdb: DisruptionBudget?, startup: SimDuration? = nil
    ) -> Workload {
        var workload = Workload(name: name, kind: kind, replicas: replicas, milliCPU: 250, memoryBytes: 256 << 20)
        workload.pdb = pdb
        if let startup { workload.startup = .fixed(startup) }
        return workload
    }

    static func make(
        workers: Int, _ workload: Workload, duration: SimDuration, faults: [Fault] = [],
        drains: [(at: SimDuration, node: String)] = [(.minutes(2), "worker-a-1")], timeout: SimDuration? = nil
    ) -> Scenario {
        let topology = Topology(zones: ["a", "b", "c"], mastersPerZone: [1, 1, 1], workersPerZone: [workers, workers, workers])
        var scenario = Scenario(name: "drain", duration: duration, topology: topology, faults: faults)
        scenario.workloads = [workload]
        scenario.operations = drains.map { at, node in
            var drain = NodeDrain(host: topology.hosts.first { $0.name == node }!.id)
            if let timeout { drain.timeout = timeout }
            return MasterOperation(at: at, kind: .drain(drain))
        }
        return scenario
    }
}
