import Foundation
import GRDB
import Testing

/// The cost a year beside each topology (docs/COST.md): `run`, `seeds` and
/// `sweep` print it when the scenario gives prices, and every stored run
/// has its cross-zone traffic in the `traffic` table.
@Suite struct CostCommandTests {
    static let priced = HASimProcess.fixtures.appendingPathComponent("cost/priced.yaml").path
    static let sweep = HASimProcess.fixtures.appendingPathComponent("cost/priced-sweep.yaml").path

    /// Hosts: 3 masters at 0.2 and 3 workers at 0.1 for 8,760 hours; the
    /// load balancer at 0.025; the traffic from the run.
    @Test func runPrintsTheCostAndStoresTheTraffic() throws {
        let db = SweepProcess.temporary("cost.sqlite")
        defer { SweepProcess.cleanUp(db) }
        let run = try hasim("run", Self.priced, "--db", db)
        #expect(run.status == 0, "\(run.stderr)")
        let line = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("cost ") })
        #expect(line.contains("a year: hosts 7,884.00, load balancer 219.00, cross-zone traffic "))
        let rows = try DatabaseQueue(path: db).read { db in
            try Row.fetchAll(db, sql: "SELECT kind, messages, bytes FROM traffic ORDER BY kind")
        }
        #expect(rows.map { $0["kind"] as String } == ["api-request", "etcd-client", "etcd-peer"])
        let peer = try #require(rows.last)
        #expect((peer["messages"] as Int) > 0 && (peer["bytes"] as Int) > (peer["messages"] as Int) * 74)
        // An empty section prices nothing; without one, no cost line at all.
        let unpriced = try hasim("run", Self.priced, "--set", "cost={}")
        #expect(unpriced.status == 0)
        #expect(unpriced.stdout.contains("cost 0.00 a year: hosts 0.00, load balancer 0.00, cross-zone traffic 0.00"))
        let none = try hasim("run", HASimProcess.fixtures.appendingPathComponent("quick.yaml").path)
        #expect(!none.stdout.contains("cost "))
    }

    @Test func seedsAndSweepPrintTheCostOfEachTopology() throws {
        let seeds = try hasim("seeds", Self.priced, "--count", "2")
        #expect(seeds.status == 0, "\(seeds.stderr)")
        #expect(seeds.stdout.contains("load balancer 219.00, cross-zone traffic "))
        #expect(seeds.stdout.contains("(cross-zone traffic: the mean of 2 runs)"))
        let sweep = try hasim("sweep", Self.sweep, "--jobs", "2")
        #expect(sweep.status == 0, "\(sweep.stderr)")
        let lines = sweep.stdout.split(separator: "\n").map(String.init)
        let title = try #require(lines.firstIndex { $0.hasPrefix("cost a year") })
        #expect(lines[title + 1].hasPrefix("point  topology.masters"))
        // One master: no load balancer, no zone to cross.
        #expect(lines[title + 2].contains("4,380.00  4,380.00  0.00           0.00        0"))
        #expect(lines[title + 3].contains("7,884.00  219.00"))
    }
}
