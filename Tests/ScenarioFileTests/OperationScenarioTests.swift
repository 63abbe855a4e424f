import ScenarioFile
import SimKernel
import Simulation
import Testing

/// `operations:` in scenario files: master additions and removals resolved
/// to concrete hosts before the run.
@Suite struct OperationScenarioTests {
    let head = "name: t\nduration: 1h\ntopology:\n  zones: [a, b, c]\n  masters: {a: 1}\n"

    func parse(_ text: String) throws -> Scenario { try ScenarioParser.parse(text, file: "s.yaml") }

    @Test func scalingResolvesToNamedHostsInOrder() throws {
        let scenario = try parse(
            head + """
                operations:
                  - {at: 5m, scaleMasters: {a: 1, b: 1, c: 1}}
                  - {at: 20m, addMaster: a}
                  - {at: 30m, removeMaster: master-a-1}
                  - {at: 40m, removeMaster: b}
                faults:
                  - {at: 35m, crash: master-a-2}
                """)
        let names = scenario.topology.hosts.map(\.name)
        #expect(names == ["master-a-1", "master-a-2", "master-b-1", "master-c-1"])
        #expect(scenario.topology.hosts.map(\.initiallyProvisioned) == [true, false, false, false])
        #expect(
            scenario.operations == [
                MasterOperation(at: .minutes(5), kind: .add(host: 2), entry: .init(index: 0, kind: "scaleMasters")),
                MasterOperation(at: .minutes(5), kind: .add(host: 3), entry: .init(index: 0, kind: "scaleMasters")),
                MasterOperation(at: .minutes(20), kind: .add(host: 1), entry: .init(index: 1, kind: "addMaster")),
                MasterOperation(at: .minutes(30), kind: .remove(host: 0), entry: .init(index: 2, kind: "removeMaster")),
                MasterOperation(at: .minutes(40), kind: .remove(host: 2), entry: .init(index: 3, kind: "removeMaster")),
            ])
        #expect(scenario.faults.map(\.kind) == [.hostCrash(.host(1))])
    }

    @Test(arguments: [
        (
            "  - {at: 5m, removeMaster: master-b-1}",
            #"7:28: operations[0].removeMaster: unknown running master "master-b-1"; expected one of master-a-1, a, b, c (did you mean "master-a-1"?)"#
        ),
        ("  - {at: 5m, removeMaster: a}", "7:28: operations[0].removeMaster: this would leave no master; expected at least one to remain"),
        ("  - {at: 5m, removeMaster: b}", "7:28: operations[0].removeMaster: zone b has no master to remove at 5m"),
        ("  - {at: 2h, addMaster: b}", "7:10: operations[0].at: the operation is at 2h, at or after the end of the run (1h); expected a time before 1h"),
        (
            "  - {at: 5m, addMaster: b, removeMaster: a}",
            "7:5: operations[0]: more than one operation; expected exactly one of addMaster, removeMaster, scaleMasters, upgradeMasters, replaceMasters, drainNode, upgradeWorkers"
        ),
        ("  - {at: 5m, scaleMasters: {a: -1}}", "7:32: operations[0].scaleMasters.a: expected a count of at least 0, found -1"),
    ])
    func badOperationsAreLocated(line: String, message: String) {
        do {
            _ = try parse(head + "operations:\n" + line + "\n")
            Issue.record("parsed")
        } catch {
            #expect("\(error)" == "s.yaml:\(message)")
        }
    }

    @Test func operationsMustBeInOrder() {
        do {
            _ = try parse(head + "operations:\n  - {at: 10m, addMaster: b}\n  - {at: 5m, addMaster: c}\n")
            Issue.record("parsed")
        } catch {
            #expect("\(error)" == "s.yaml:8:10: operations[1].at: operations run in order; expected 10m or later, found 5m")
        }
    }

    /// `upgradeMasters` runs over the masters running at its time, in the
    /// order they were created unless `order` says otherwise; added in the
    /// sequence where the file puts it.
    @Test func upgradeMastersResolvesTheRunningMasters() throws {
        let scenario = try parse(
            head + """
                operations:
                  - {at: 5m, scaleMasters: {a: 1, b: 1, c: 1}}
                  - {at: 20m, upgradeMasters: {}}
                  - {at: 40m, upgradeMasters: {order: [master-c-1, master-a-1, master-b-1], restart: 20s, timeout: 2m}}
                """)
        var reordered = InPlaceUpgrade(hosts: [2, 0, 1])
        reordered.restart = .fixed(.seconds(20))
        reordered.timeout = .minutes(2)
        #expect(
            scenario.operations == [
                MasterOperation(at: .minutes(5), kind: .add(host: 1), entry: .init(index: 0, kind: "scaleMasters")),
                MasterOperation(at: .minutes(5), kind: .add(host: 2), entry: .init(index: 0, kind: "scaleMasters")),
                MasterOperation(at: .minutes(20), kind: .upgrade(InPlaceUpgrade(hosts: [0, 1, 2])), entry: .init(index: 1, kind: "upgradeMasters")),
                MasterOperation(at: .minutes(40), kind: .upgrade(reordered), entry: .init(index: 2, kind: "upgradeMasters")),
            ])
    }

    @Test(arguments: [
        (
            "  - {at: 5m, upgradeMasters: {order: [master-b-1]}}",
            #"7:39: operations[0].upgradeMasters.order[0]: unknown running master "master-b-1"; expected one of master-a-1 (did you mean "master-a-1"?)"#
        ),
        (
            "  - {at: 5m, upgradeMasters: {order: [master-a-1, master-a-1]}}",
            "7:51: operations[0].upgradeMasters.order[1]: master-a-1 is named twice; expected each running master once"
        ),
        (
            "  - {at: 5m, upgradeMasters: {orders: []}}",
            #"7:31: operations[0].upgradeMasters.orders: unknown key "orders"; expected one of order, restart, timeout"#
        ),
        (
            "  - {at: 5m, upgradeMasters: {}, graceful: true}",
            "7:44: operations[0].graceful: graceful goes with removeMaster or scaleMasters: it stops a master's processes before its VM is deleted"
        ),
    ])
    func badUpgradesAreLocated(line: String, message: String) {
        do {
            _ = try parse(head + "operations:\n" + line + "\n")
            Issue.record("parsed")
        } catch {
            #expect("\(error)".hasPrefix("s.yaml:\(message)"), "\(error)")
        }
    }
}
