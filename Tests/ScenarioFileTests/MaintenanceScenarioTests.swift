import ScenarioFile
import SimKernel
import Simulation
import Testing

/// `maintenance:`: procedures that recur on a fixed schedule, resolved
/// before the run into operations that run one at a time among the
/// scenario's own (docs/UPGRADES.md, "Maintenance over a year").
@Suite struct MaintenanceScenarioTests: ScenarioText {
    func yearHead(_ rest: String) -> String {
        "name: t\nduration: 365d\ntopology:\n  zones: [a, b, c]\n  masters: {a: 1, b: 1, c: 1}\n" + rest
    }

    /// A monthly upgrade in a Sunday 02:00 window: each occurrence 30 days
    /// after the last nominal one, moved on to the next Sunday at 02:00,
    /// counted from the run's start on a Monday at 00:00.
    @Test func aMonthlyUpgradeFallsInItsWeeklyWindow() throws {
        let scenario = try parse(yearHead("maintenance:\n  - {every: 30d, at: {weekday: sun, hour: 2}, upgradeMasters: {}}\n"))
        let times = scenario.operations.map(\.at)
        // Nominal days 30, 60, ..., 360; day d is weekday d mod 7 (0 Monday).
        let expected: [SimDuration] = stride(from: 30, through: 360, by: 30).map { day in
            let sunday = day + (6 - day % 7 + 7) % 7
            return .hours(Int64(sunday * 24 + 2))
        }
        #expect(times == expected)
        #expect(scenario.operations.allSatisfy { $0.isMaintenance && $0.entry == .init(index: 0, kind: "upgradeMasters", maintenance: true) })
        #expect(
            scenario.operations.allSatisfy {
                if case .upgrade(let upgrade) = $0.kind { return upgrade.hosts == [0, 1, 2] }
                return false
            })
        #expect(DowntimeFigures.isStationary(scenario) && DowntimeFigures.splitsMaintenance(scenario))
    }

    /// Occurrences merge with `operations:` in time order; an upgrade
    /// after a master was added upgrades it too, and a one-off operation
    /// keeps its own index.
    @Test func occurrencesRunAmongTheOperationsInTimeOrder() throws {
        let scenario = try parse(
            yearHead(
                """
                operations:
                  - {at: 45d, addMaster: a}
                maintenance:
                  - {every: 30d, first: 15d, upgradeMasters: {}}

                """))
        let prefix = scenario.operations.prefix(3)
        #expect(prefix.map(\.at) == [.days(15), .days(45), .days(45)])
        #expect(prefix.map(\.isMaintenance) == [true, false, true])
        guard case .upgrade(let later) = scenario.operations[2].kind else {
            Issue.record("not an upgrade")
            return
        }
        #expect(later.hosts.count == 4)
        #expect(
            !DowntimeFigures.isStationary(
                try parse(
                    "name: t\nduration: 30d\ntopology: {zones: [a], masters: {a: 1}}\noperations:\n  - {at: 1d, addMaster: a}\n")))
    }

    /// A daily schedule without a weekday: each day at the hour; a window
    /// longer than the period does not run the procedure twice in it.
    @Test func aWindowLongerThanThePeriodMeetsItOnce() throws {
        let scenario = try parse(
            "name: t\nduration: 21d\ntopology: {zones: [a], masters: {a: 1}}\nmaintenance:\n  - {every: 1d, at: {weekday: wed}, upgradeMasters: {}}\n")
        #expect(scenario.operations.map(\.at) == [.days(2), .days(9), .days(16)])
    }

    func workersHead(_ rest: String, workers: Int = 2, duration: String = "365d") -> String {
        "name: t\nduration: \(duration)\ntopology:\n  zones: [a, b, c]\n  masters: {a: 1, b: 1, c: 1}\n  workers: {a: \(workers), b: \(workers), c: \(workers)}\n"
            + rest
    }

    /// A recurring node pool upgrade: each occurrence replaces the nodes
    /// that exist at its turn, those the previous one created, handing the
    /// zone's pool from one set of host names to the other (docs/UPGRADES.md,
    /// "Maintenance over a year"); a `zone` upgrades that zone's pool only,
    /// and only it gets surge hosts.
    @Test func aRecurringPoolUpgradeReplacesTheNodesTheLastOneCreated() throws {
        let scenario = try parse(workersHead("maintenance:\n  - {every: 7d, first: 0s, upgradeWorkers: {zone: b, maxSurge: 2}}\n", duration: "21d"))
        let names = scenario.topology.hosts.map(\.name)
        let pools: [(old: [String], new: [String])] = scenario.operations.compactMap {
            guard case .upgradeWorkers(let upgrade) = $0.kind else { return nil }
            #expect(upgrade.maxSurge == 2 && upgrade.batch == 2)
            return (upgrade.old.map { names[$0] }, upgrade.new.map { names[$0] })
        }
        let first = ["worker-b-1", "worker-b-2"]
        let second = ["worker-b-3", "worker-b-4"]
        #expect(pools.map(\.old) == [first, second, first])
        #expect(pools.map(\.new) == [second, first, second])
        #expect(scenario.topology.workerSurgePerZone == [0, 2, 0])
        #expect(scenario.operations.map(\.at) == [.zero, .days(7), .days(14)])
    }

    /// The work estimate counts a pool upgrade's batches, not its nodes:
    /// 50 nodes at a time run in detail about as long as one (a VM's boot,
    /// a drain), so 100 nodes at maxSurge 50 are two steps.
    @Test func theWorkEstimateCountsAnUpgradesBatches() throws {
        func scenario(_ surge: Int) throws -> Scenario {
            try parse(workersHead("operations:\n  - {at: 1h, upgradeWorkers: {maxSurge: \(surge)}}\n", workers: 100, duration: "30d"))
        }
        let (one, fifty) = (try scenario(1), try scenario(50))
        let extra = WorkEstimate.events(one) - WorkEstimate.events(fifty)
        #expect(abs(extra - WorkEstimate.rate(one) * 300 * (300 - 6)) < 1e-3 * extra)
    }

    /// A maintenance drain uncordons its node by default (kubectl
    /// uncordon, pkg/drain/default.go `RunCordonOrUncordon`); a one-off
    /// `drainNode` leaves it cordoned, as `kubectl drain` does, unless told.
    @Test func aMaintenanceDrainUncordonsByDefault() throws {
        let scenario = try parse(
            workersHead(
                """
                operations:
                  - {at: 1h, drainNode: {node: worker-a-1}}
                  - {at: 2h, drainNode: {node: worker-a-1, uncordon: true}}
                maintenance:
                  - {every: 7d, drainNode: {node: worker-a-2}}
                  - {every: 7d, drainNode: {node: worker-a-2, uncordon: false}}

                """, duration: "8d"))
        let uncordons: [Bool] = scenario.operations.compactMap {
            guard case .drain(let drain) = $0.kind else { return nil }
            return drain.uncordon
        }
        #expect(uncordons == [false, true, true, false])
    }

    @Test(arguments: [
        ("  - {every: 30d}", "7:5: maintenance[0]: missing the procedure; expected exactly one of upgradeMasters, replaceMasters, upgradeWorkers, drainNode"),
        ("  - {every: 0s, upgradeMasters: {}}", "7:13: maintenance[0].every: expected a duration above zero, found 0s"),
        (
            "  - {every: 30d, at: {weekday: sunday}, upgradeMasters: {}}",
            #"7:32: maintenance[0].at.weekday: unknown weekday "sunday"; expected one of mon, tue, wed, thu, fri, sat, sun"#
        ),
        ("  - {every: 30d, at: {hour: 24}, upgradeMasters: {}}", "7:29: maintenance[0].at.hour: expected a count of at most 23, found 24"),
        ("  - {every: 30m, upgradeMasters: {}}", "7:13: maintenance[0].every: every 30m makes more than 10000 occurrences in 365d; expected a longer period"),
        (
            "  - {every: 30d, upgradeWorkers: {}, drainNode: {node: worker-a-1}}",
            "7:5: maintenance[0]: more than one procedure; expected exactly one of upgradeMasters, replaceMasters, upgradeWorkers, drainNode"
        ),
        (
            "  - {every: 30d, drainNode: {node: worker-a-1, reboot: 5m}}",
            #"7:48: maintenance[0].drainNode.reboot: unknown key "reboot"; expected one of node, timeout, uncordon"#
        ),
    ])
    func badMaintenanceIsLocated(line: String, message: String) {
        #expect(error(yearHead("maintenance:\n" + line + "\n")) == "s.yaml:\(message)")
    }
}
