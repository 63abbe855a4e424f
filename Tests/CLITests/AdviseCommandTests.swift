import Foundation
import GRDB
import ResultStore
import ScenarioFile
import Simulation
import Testing

@testable import HASimCLI

/// `hasim advise`: the point a race picks is the one a brute-force sweep
/// over every seed picks, for fewer runs; its runs are stored as a sweep's,
/// a rerun runs nothing, shards run a round each, and a bad file is refused
/// with nothing written.
@Suite struct AdviseCommandTests {
    static let masters = SweepProcess.sweep("advise-masters.yaml")

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// Every point over every seed, with the sweep's runner, judged directly:
    /// each SLO's Wilson interval over all the windows, the cost at the mean
    /// traffic, the cheapest point whose every lower end reaches the target.
    static func bruteForce(_ definition: SweepDefinition) throws -> Int? {
        let work = definition.points.flatMap { point in definition.seeds.map { SweepRunner.Work(point: point, seed: $0) } }
        let results = Results()
        try SweepRunner().run(work, jobs: 2) { work, result, _ in results.add(work.point.index, result) }
        var best: (point: Int, cents: Int64)?
        for point in definition.points {
            let runs = results.of(point.index)
            #expect(runs.count == definition.seedCount)
            let downtime = runs.map {
                YearlyDowntime.Run(duration: $0.duration, downtime: $0.downtime, objectives: point.scenario.serviceLevelObjectives)
            }
            let meets = point.scenario.expectations.allSatisfy { expectation in
                guard case .slo(let objective) = expectation else { return true }
                return ServiceLevelSummary(objective, runs: downtime)!.low >= definition.advice.target
            }
            let bytes = runs.reduce(0.0) { $0 + Double($1.traffic.totalBytes) } / Double(runs.count)
            let cost = point.scenario.cost!.yearly(point.scenario.topology, crossZoneBytes: bytes, over: point.scenario.duration).total
            let cents = Int64((cost * 100).rounded())
            if meets, best.map({ cents < $0.cents }) ?? true { best = (point.index, cents) }
        }
        return best?.point
    }

    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var byPoint: [Int: [RunResult]] = [:]

        func add(_ point: Int, _ result: RunResult) {
            lock.lock()
            byPoint[point, default: []].append(result)
            lock.unlock()
        }

        func of(_ point: Int) -> [RunResult] {
            lock.lock()
            defer { lock.unlock() }
            return byPoint[point] ?? []
        }
    }

    @Test func theRacePicksTheBruteForcePointWithFewerRuns() throws {
        let advised = try hasim("advise", Self.masters, "--json", "--jobs", "2")
        #expect(advised.status == 0, "\(advised.stderr)")
        let front = try Self.object(advised.stdout)
        let definition = try SweepParser.loadForAdvice(path: Self.masters)
        let expected = try Self.bruteForce(definition)
        #expect(expected != nil)
        #expect(front["chosen"] as? Int == expected)
        #expect(front["decided"] as? Bool == true)
        let runs = try #require(front["runs"] as? Int)
        #expect(front["bruteForceRuns"] as? Int == definition.points.count * definition.seedCount)
        #expect(runs < definition.points.count * definition.seedCount / 2, "the race ran \(runs) runs")
        // One master is shown to fail, five masters are dominated by three.
        let points = try #require(front["points"] as? [[String: Any]])
        #expect(points.map { $0["verdict"] as? String } == ["fails SLO", "fails SLO", "chosen", "dominated"])
        #expect(points[3]["dominatedBy"] as? Int == 2)
    }

    @Test func theRunsAreStoredAsASweepsAndARerunRunsNothing() throws {
        let db = SweepProcess.temporary("advise.sqlite")
        let page = SweepProcess.temporary("advise.html")
        defer { SweepProcess.cleanUp(db, page) }
        let first = try hasim("advise", Self.masters, "--db", db, "--jobs", "2", "--report", page)
        #expect(first.status == 0, "\(first.stderr)")
        let stored = try SweepProcess.sweepRuns(db)
        let again = try hasim("advise", Self.masters, "--db", db, "--report", page)
        #expect(again.status == 0)
        #expect(again.stdout == first.stdout)
        #expect(again.stderr.contains("every run the race needs is stored"))
        #expect(!again.stderr.contains("running"))
        #expect(try SweepProcess.sweepRuns(db) == stored)
        #expect(first.stdout.contains("runs: \(stored.count), against 80 for every point over every seed"))
        #expect(first.stdout.contains("chosen: point 2 (topology.masters={a: 1, b: 1, c: 1})"))
        // The same tables as a sweep's: the sweep reads them back, and so does the sweep page.
        let table = try hasim("sweep", Self.masters, "--db", db, "--report-only")
        #expect(table.status == 0)
        #expect(table.stdout.contains("\(stored.count) runs stored or run"))
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.contains("<h2 id=\"front\">The front: cost against downtime</h2>"))
        #expect(html.contains("<td class=\"pass\">chosen</td>"))
        #expect(html.contains("<svg class=\"chart front-chart\""))
        #expect(html.contains("<g class=\"point\" data-point=\"2\" data-verdict=\"chosen\">"))
        #expect(html.contains("shown to fail in round 1"))
    }

    /// An Indexed Job a round: each shard runs its share of the round into
    /// its own copy of the merged database; merged, the next round can be
    /// decided, and at the end the answer is the single machine's.
    @Test func shardsRunARoundAtATimeAndMergeToTheSingleMachineAnswer() throws {
        let single = SweepProcess.temporary("single.sqlite")
        let merged = SweepProcess.temporary("merged.sqlite")
        let shards = (0..<2).map { SweepProcess.temporary("shard-\($0).sqlite") }
        defer { for path in [single, merged] + shards { SweepProcess.cleanUp(path) } }
        let alone = try hasim("advise", Self.masters, "--db", single, "--jobs", "2")
        #expect(alone.status == 0)
        var rounds = 0
        var last = ""
        repeat {
            rounds += 1
            for path in shards {
                SweepProcess.cleanUp(path)
                if FileManager.default.fileExists(atPath: merged) { try FileManager.default.copyItem(atPath: merged, toPath: path) }
            }
            let outcomes = try shards.enumerated().map { index, path in
                try hasim("advise", Self.masters, "--shard", "\(index)/2", "--db", path, "--jobs", "1")
            }
            last = outcomes[0].stdout
            let merge = try hasim(["merge", merged + ".new"] + (FileManager.default.fileExists(atPath: merged) ? [merged] : []) + shards)
            #expect(merge.status == 0)
            SweepProcess.cleanUp(merged)
            try FileManager.default.moveItem(atPath: merged + ".new", toPath: merged)
        } while last.contains("merge the shards' databases") && rounds < 6
        let fromMerged = try hasim("advise", Self.masters, "--db", merged)
        #expect(fromMerged.stdout == alone.stdout)
        #expect(fromMerged.stderr.contains("every run the race needs is stored"))
        #expect(try SweepProcess.sweepRuns(merged) == SweepProcess.sweepRuns(single))
    }

    /// Seeds run out before the race is over: the points still racing are
    /// listed as undecided and the exit status says nothing was chosen.
    @Test func pointsStillRacingWhenTheSeedsRunOutAreUndecided() throws {
        let folder = SweepProcess.temporary("undecided")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/strict.yaml"
        let base = SweepProcess.sweep("advise-zone-failures.yaml")
        try
            "name: strict\nscenario: \(base)\nseeds: {count: 5}\nadvise: {target: 99%}\nvary:\n  topology.masters: [{a: 1}, {a: 1, b: 1, c: 1}, {a: 2, b: 2, c: 1}]\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let advised = try hasim("advise", file, "--json", "--jobs", "2")
        #expect(advised.status == 1)
        let front = try Self.object(advised.stdout)
        #expect(front["chosen"] == nil)
        #expect(front["decided"] as? Bool == false)
        let points = try #require(front["points"] as? [[String: Any]])
        #expect(points.map { $0["verdict"] as? String } == ["fails SLO", "undecided", "undecided"])
        #expect(
            (points[1]["reason"] as? String)?.hasPrefix("undecided after every seed (5): slo api.external 99% per 10m, 1m periods: 30 of 30 windows met")
                == true)
        let text = try hasim("advise", file, "--jobs", "2")
        #expect(text.stdout.contains("no point was shown to meet every SLO over the seeds; the undecided points need more seeds"))
    }

    @Test func aBadFileIsLocatedAndNothingIsWritten() throws {
        let folder = SweepProcess.temporary("bad")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let base = SweepProcess.sweep("advise-zone-failures.yaml")
        let badTarget = folder + "/target.yaml"
        try "name: bad\nscenario: \(base)\nseeds: {count: 5}\nadvise: {target: 150%}\n".write(toFile: badTarget, atomically: true, encoding: .utf8)
        let db = folder + "/runs.sqlite"
        let refused = try hasim("advise", badTarget, "--db", db, "--report", folder + "/page.html")
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("\(badTarget):4:18: advise.target: expected a fraction from 0 to 1"), "\(refused.stderr)")
        let noCost = folder + "/cost.yaml"
        try "name: no-cost\nscenario: \(HASimProcess.scenario("three-zones-zone-outage.yaml"))\n".write(toFile: noCost, atomically: true, encoding: .utf8)
        let unpriced = try hasim("advise", noCost, "--db", db)
        #expect(unpriced.status == 2)
        #expect(unpriced.stderr.contains("\(noCost):2:1: scenario: the scenario has no slo expectation"), "\(unpriced.stderr)")
        #expect(unpriced.stderr.contains("\(noCost):2:1: scenario: the scenario has no cost:"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["cost.yaml", "target.yaml"])
    }
}
