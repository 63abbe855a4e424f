import Foundation
import GRDB
import Testing

/// `hasim sweep` and `hasim merge`: results independent of --jobs and of
/// sharding, resumable after a kill, stored once.
@Suite struct SweepCommandTests {
    static let masters = SweepProcess.sweep("masters.yaml")
    /// 3 points x 4 seeds.
    static let runs = 12

    @Test func theTableIsTheSameWithOneJobOrTwo() throws {
        let one = try hasim("sweep", Self.masters, "--jobs", "1")
        let two = try hasim("sweep", Self.masters, "--jobs", "2")
        #expect(one.status == 0)
        #expect(one.stdout == two.stdout)
        #expect(one.stdout.hasPrefix("masters: 3 points, seeds 1-4, 12 runs stored or run; sweep "))
        #expect(one.stdout.contains("mean with 95% CI by percentile bootstrap, 2000 resamples"))
        // A single master in the zone that goes dark fails "never noMasterUp" in every run.
        #expect(one.stdout.contains("0      {a: 1}              1s                             4     4"))
    }

    /// The sweep page starts with what `hasim sweep` prints, cell for cell,
    /// charts the sweep's `metrics:` first and folds the rest of the catalogue.
    @Test func theSweepPageShowsTheFiguresTheSweepPrints() throws {
        let db = SweepProcess.temporary("page.sqlite")
        defer { SweepProcess.cleanUp(db) }
        let printed = try hasim("sweep", Self.masters, "--db", db, "--jobs", "2")
        #expect(printed.status == 0)
        // A name of this run's own: a page left by another run is not overwritten (exit 2).
        let page = db + ".html"
        defer { try? FileManager.default.removeItem(atPath: page) }
        let report = try hasim("report", "--sweep", "masters", "--db", db, "-o", page)
        #expect(report.status == 0)
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.contains("<h2 id=\"figures\">Figures, as hasim sweep prints them</h2>"))
        // Each table's cells are the printed table's words, row by row.
        let lines = printed.stdout.split(separator: "\n").map(String.init)
        let row = try #require(lines.first { $0.hasPrefix("1 ") && $0.contains("{a: 1, b: 1, c: 1}") })
        let cells = row.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        #expect(html.contains("<td class=\"num\">1</td><td>{a: 1, b: 1, c: 1}</td><td>1s</td><td>4</td><td>\(cells[cells.count - 6])</td>"))
        // A one-off scenario: its downtime per occurrence, as the sweep prints it, never scaled to a year.
        #expect(html.contains("<h3>etcd.quorum downtime per occurrence (each run one occurrence of the scenario&#39;s faults and operations, not scaled to a year;"))
        #expect(printed.stdout.contains("etcd.quorum downtime per occurrence (each run one occurrence"))
        // The chosen metrics' charts, then the others folded away.
        let chosen = try #require(html.range(of: "<section class=\"metric\" data-metric=\"etcd.quorum.availability\">"))
        let folded = try #require(html.range(of: "<details class=\"other-metrics\">"))
        #expect(chosen.lowerBound < folded.lowerBound)
        #expect(html.range(of: "data-metric=\"etcd.leaderless.longest.seconds\"")!.lowerBound < folded.lowerBound)
        #expect(html.range(of: "data-metric=\"hosts.masters.up.fraction\"").map { $0.lowerBound > folded.lowerBound } ?? true)
    }

    @Test func storingChangesNothingInTheTableAndARerunRunsNothing() throws {
        let db = SweepProcess.temporary("store.sqlite")
        defer { SweepProcess.cleanUp(db) }
        let memory = try hasim("sweep", Self.masters, "--csv", "--jobs", "2")
        let stored = try hasim("sweep", Self.masters, "--csv", "--jobs", "2", "--db", db)
        let again = try hasim("sweep", Self.masters, "--csv", "--db", db)
        let report = try hasim("sweep", Self.masters, "--csv", "--db", db, "--report-only")
        #expect(stored.status == 0 && again.status == 0 && report.status == 0)
        #expect(memory.stdout == stored.stdout && stored.stdout == again.stdout && again.stdout == report.stdout)
        #expect(again.stderr.contains("12 of 12 runs already stored"))
        #expect(try SweepProcess.sweepRuns(db).count == Self.runs)
        let summary = try SweepProcess.read(db) { db in
            try Row.fetchAll(db, sql: "SELECT point, n FROM sweep_summary WHERE metric = 'etcd.quorum.availability' ORDER BY point")
        }
        #expect(summary.map { $0["n"] as Int } == [4, 4, 4])
    }

    /// The Kubernetes Indexed Job, locally: N processes, each told its
    /// index by JOB_COMPLETION_INDEX, each into its own database; merged,
    /// they hold exactly the runs, and give exactly the table, of one machine.
    @Test func shardsRunAsAnIndexedJobAndMergeIntoTheSingleMachineResult() throws {
        let single = SweepProcess.temporary("single.sqlite")
        let merged = SweepProcess.temporary("merged.sqlite")
        let shards = (0..<3).map { SweepProcess.temporary("shard-\($0).sqlite") }
        defer { for path in [single, merged] + shards { SweepProcess.cleanUp(path) } }
        #expect(try hasim("sweep", Self.masters, "--db", single, "--jobs", "1").status == 0)
        let processes = try shards.enumerated().map { index, path in
            try SweepProcess.start(["sweep", Self.masters, "--shard", "job-index/3", "--db", path, "--jobs", "1"],
                                   environment: ["JOB_COMPLETION_INDEX": "\(index)"])
        }
        for process in processes { process.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })
        #expect(try shards.map { try SweepProcess.sweepRuns($0).count } == [4, 4, 4])
        let merge = try hasim(["merge", merged] + shards)
        #expect(merge.status == 0)
        #expect(merge.stdout.hasSuffix("12 runs copied, 0 already present\n"))
        #expect(try SweepProcess.sweepRuns(merged) == SweepProcess.sweepRuns(single))
        let fromMerged = try hasim("sweep", Self.masters, "--db", merged, "--report-only")
        let fromSingle = try hasim("sweep", Self.masters, "--db", single, "--report-only")
        #expect(fromMerged.stdout == fromSingle.stdout)
        #expect(fromMerged.stdout.contains("12 runs stored or run"))
        // Merging a shard again keeps one copy of each run.
        let twice = try hasim("merge", merged, shards[0])
        #expect(twice.stdout.hasSuffix("0 runs copied, 4 already present\n"))
        #expect(try SweepProcess.sweepRuns(merged).count == Self.runs)
    }

    @Test func aKilledSweepResumesToTheUninterruptedResult() throws {
        let killed = SweepProcess.temporary("killed.sqlite")
        let whole = SweepProcess.temporary("whole.sqlite")
        defer { SweepProcess.cleanUp(killed, whole) }
        let process = try SweepProcess.start(["sweep", Self.masters, "--db", killed, "--jobs", "1"])
        // Kill it once some, but not all, runs are stored.
        var stored = 0
        while process.isRunning, stored < 3 {
            Thread.sleep(forTimeInterval: 0.05)
            stored = (try? SweepProcess.read(killed) { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sweep_run") ?? 0 }) ?? 0
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let before = try SweepProcess.sweepRuns(killed).count
        #expect(before >= 3 && before < Self.runs)
        let resumed = try hasim("sweep", Self.masters, "--db", killed, "--jobs", "2")
        #expect(resumed.status == 0)
        #expect(resumed.stderr.contains("\(before) of 12 runs already stored"))
        let uninterrupted = try hasim("sweep", Self.masters, "--db", whole, "--jobs", "2")
        #expect(resumed.stdout == uninterrupted.stdout)
        #expect(try SweepProcess.sweepRuns(killed) == SweepProcess.sweepRuns(whole))
        let (integrity, counts) = try SweepProcess.read(killed) { db in
            (try String.fetchAll(db, sql: "PRAGMA integrity_check"),
             try Int.fetchAll(db, sql: """
                 SELECT COUNT(*) FROM run UNION ALL SELECT COUNT(DISTINCT run_id) FROM sweep_run
                 UNION ALL SELECT COUNT(*) FROM metric WHERE run_id NOT IN (SELECT run_id FROM sweep_run)
                 """))
        }
        #expect(integrity == ["ok"])
        // Every run once, each in the sweep, and no rows of a run that was cut off.
        #expect(counts == [Self.runs, Self.runs, 0])
    }

    /// Ctrl-C: the runs in flight finish and are stored, the message says
    /// how to resume, the exit status is 130; the rerun completes the sweep.
    @Test func anInterruptedSweepStoresWhatFinishedAndSaysHowToResume() throws {
        let db = SweepProcess.temporary("interrupted.sqlite")
        let log = SweepProcess.temporary("interrupted.log")
        defer { SweepProcess.cleanUp(db, log) }
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let process = Process()
        process.executableURL = HASimProcess.binary
        process.arguments = ["sweep", Self.masters, "--db", db, "--jobs", "1"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        try process.run()
        var stored = 0
        while process.isRunning, stored < 2 {
            Thread.sleep(forTimeInterval: 0.05)
            stored = (try? SweepProcess.read(db) { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sweep_run") ?? 0 }) ?? 0
        }
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        let stderr = try String(contentsOfFile: log, encoding: .utf8)
        #expect(process.terminationStatus == 130)
        #expect(stderr.contains("interrupted: finishing the runs in flight (Ctrl-C again to abandon them)"))
        #expect(stderr.contains("interrupted: every finished run is stored in \(db); run the same command to resume: hasim sweep \(Self.masters) --db \(db) --jobs 1"))
        let before = try SweepProcess.sweepRuns(db).count
        #expect(before >= 2 && before < Self.runs)
        let resumed = try hasim("sweep", Self.masters, "--db", db, "--jobs", "1")
        #expect(resumed.status == 0)
        #expect(try SweepProcess.sweepRuns(db).count == Self.runs)
    }

    @Test func mergeRefusesOneSweepHashWithTwoToolVersionsAndMakesNoOutput() throws {
        let first = SweepProcess.temporary("first.sqlite")
        let second = SweepProcess.temporary("second.sqlite")
        let output = SweepProcess.temporary("output.sqlite")
        defer { SweepProcess.cleanUp(first, second, output) }
        #expect(try hasim("sweep", Self.masters, "--db", first, "--shard", "0/3").status == 0)
        #expect(try hasim("sweep", Self.masters, "--db", second, "--shard", "1/3").status == 0)
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        try DatabaseQueue(path: second, configuration: configuration).write { db in
            try db.execute(sql: "UPDATE run SET tool_version = '0.0.1'")
        }
        let outcome = try hasim("merge", output, first, second)
        #expect(outcome.status == 2)
        #expect(outcome.stderr.hasPrefix("error: sweep "))
        #expect(outcome.stderr.contains(" has runs of hasim 0.1.0 in \(first) and of hasim 0.0.1 in \(second); merge runs of one tool version per sweep"))
        // A new output is made only by a merge that succeeds (issue 21).
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func anInvalidPointRunsNothingAndNamesTheSweepFileLine() throws {
        let db = SweepProcess.temporary("invalid.sqlite")
        defer { SweepProcess.cleanUp(db) }
        let outcome = try hasim("sweep", SweepProcess.sweep("invalid-axis.yaml"), "--db", db)
        #expect(outcome.status == 2)
        #expect(outcome.stderr == """
            error: \(SweepProcess.sweep("invalid-axis.yaml")):5:39: topology.etcd.electionTimeout: bad duration "2x": unknown unit "x"; expected a number and a unit (ns, us, ms, s, m, h, d), e.g. 250ms, 1.5s, 1h30m (in sweep point 1: topology.etcd.electionTimeout=2x)

            """)
        #expect(!FileManager.default.fileExists(atPath: db))
    }

    /// The budget holds for sweeps too: a point `run` refuses is refused
    /// before anything runs, and --allow-long lifts it (issue 21).
    @Test func aPointOverTheBudgetRunsNothingWithoutAllowLong() throws {
        let db = SweepProcess.temporary("over-budget.sqlite")
        defer { SweepProcess.cleanUp(db) }
        let file = SweepProcess.sweep("over-budget.yaml")
        let outcome = try hasim("sweep", file, "--db", db)
        #expect(outcome.status == 2)
        #expect(outcome.stderr.hasPrefix("error: \(file): sweep point 0 (topology.etcd.electionTimeout=1s): each run would dispatch about 4.8e13 events"))
        #expect(outcome.stderr.hasSuffix("above the budget of 1.0e9; shorten the duration or lower the rates, or pass --allow-long\n"))
        #expect(!FileManager.default.fileExists(atPath: db))
    }
}
