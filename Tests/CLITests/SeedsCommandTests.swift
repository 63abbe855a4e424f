import Foundation
import GRDB
import Testing

/// `hasim seeds`: one scenario over many seeds, summarised per metric.
@Suite struct SeedsCommandTests {
    static let failover = HASimProcess.scenario("etcd-leader-failover.yaml")

    @Test func summarisesTheChosenMetricsOverTheSeeds() throws {
        let outcome = try hasim("seeds", Self.failover, "--count", "20", "--metric", "etcd.elections")
        #expect(outcome.status == 0)
        // The chosen metrics, then the downtime table: per occurrence, as the
        // scenario is one-off (docs/FAILURES.md, "Per occurrence or a year").
        let lines = outcome.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(Array(lines.prefix(5)) == [
            "etcd-leader-failover: 20 seeds from 1; expectations failed in 0 runs",
            "metric                 min    median       p90       p99       max      mean",
            "etcd.elections           1         1         1         1         1         1",
            "",
            DowntimeFiguresTests.perOccurrenceTitle,
        ])
        // Columns are as wide as their widest cell, two spaces apart.
        let header = lines[5].components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        #expect(header == ["condition", "n", "mean s", "95% CI", "median s", "p99 s", "max s", "top mechanisms (mean s)"])
        // One row per condition the scenario can fail: an outside client, no workloads.
        #expect(lines.dropFirst(6).map { $0.split(separator: " ").first.map(String.init) ?? "" } == ["api.external", "api.incluster", "api.kubectl", "external-ip", "etcd.quorum", ""])
    }

    /// The yearly figures are the runs' stored downtime at the rate given
    /// (262,800 a year: one 2-minute run every 2 minutes, the same factor as
    /// scaling a run to 365 days), averaged with a Student's t interval
    /// (t(0.975, 4) = 2.776, NIST table), recomputed here from the
    /// `downtime` table of the same runs.
    @Test func yearlyDowntimeIsTheStudentTIntervalOfTheStoredRuns() throws {
        let db = FileManager.default.temporaryDirectory.appendingPathComponent("hasim-seeds-yearly-\(ProcessInfo.processInfo.processIdentifier).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: db) }
        let outcome = try hasim("seeds", Self.failover, "--count", "5", "--metric", "etcd.elections", "--db", db, "--json", "--occurs", "262800/yr")
        #expect(outcome.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let downtime = try #require(object["downtime"] as? [[String: Any]])
        #expect(downtime.map { $0["metric"] as? String } == ["api.external", "api.incluster", "api.kubectl", "external-ip", "etcd.quorum"])
        let etcd = try #require(downtime.first { $0["metric"] as? String == "etcd.quorum" })
        let queue = try DatabaseQueue(path: db)
        let perRun = try queue.read { db in
            try Double.fetchAll(db, sql: """
                SELECT COALESCE(SUM(d.end_ns - d.start_ns), 0) * 1.0 / run.duration_ns * 525600 FROM run
                LEFT JOIN downtime d ON d.run_id = run.id AND d.metric = 'etcd.quorum' GROUP BY run.id ORDER BY run.seed
                """)
        }
        #expect(perRun.count == 5)
        let mean = perRun.reduce(0, +) / 5
        let s = (perRun.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 4).squareRoot()
        let half = 2.776 * s / 5.0.squareRoot()
        let reported = try #require(etcd["minutesPerYear"] as? Double)
        let low = try #require(etcd["minutesPerYearLow"] as? Double)
        let high = try #require(etcd["minutesPerYearHigh"] as? Double)
        #expect(abs(reported - mean) < 1e-9 * mean)
        #expect(abs(low - max(0, mean - half)) < 1e-6 * mean)
        #expect(abs(high - (mean + half)) < 1e-6 * mean)
        let nines = try #require(etcd["nines"] as? Double)
        #expect(abs(nines - -log10(mean / 525600)) < 1e-9)
        // Every failover is an election: etcd's members keep a quorum.
        let mechanisms = try #require(etcd["mechanisms"] as? [[String: Any]])
        #expect(mechanisms.map { $0["mechanism"] as? String } == ["election"])
    }

    @Test func theSameSeedsGiveTheSameSummary() throws {
        let first = try hasim("seeds", Self.failover, "--count", "5", "--from", "40")
        let second = try hasim("seeds", Self.failover, "--count", "5", "--from", "40")
        let other = try hasim("seeds", Self.failover, "--count", "5", "--from", "41")
        #expect(first.stdout == second.stdout)
        #expect(first.stdout != other.stdout)
        #expect(first.stdout.contains("etcd.leaderless.longest.seconds"))
    }

    @Test func withADatabaseEveryRunIsStored() throws {
        let db = FileManager.default.temporaryDirectory.appendingPathComponent("hasim-seeds-\(ProcessInfo.processInfo.processIdentifier).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: db) }
        let outcome = try hasim("seeds", Self.failover, "--count", "3", "--from", "7", "--metric", "etcd.elections", "--db", db)
        #expect(outcome.status == 0)
        let runs = try hasim("run", Self.failover, "--db", db, "--json", "--seed", "10")
        // Runs 1-3 were the seeds 7, 8, 9; the next run gets id 4.
        #expect(runs.stdout.contains("\"runId\" : 4"))
    }

    /// Runs in parallel are still pure functions of (scenario, seed): the
    /// summary does not depend on the number of threads.
    @Test func theSummaryIsTheSameWhateverTheNumberOfJobs() throws {
        let one = try hasim("seeds", Self.failover, "--count", "12", "--jobs", "1")
        let two = try hasim("seeds", Self.failover, "--count", "12", "--jobs", "2")
        let four = try hasim("seeds", Self.failover, "--count", "12", "--jobs", "4")
        #expect(one.status == 0)
        #expect(one.stdout == two.stdout && two.stdout == four.stdout)
    }

    /// Issue 21: the yearly sums followed completion order, so `--jobs`
    /// moved their last bits. Every summary is now made in seed order: the
    /// JSON is the same bytes for one, two and eight threads, twice each
    /// (with 24 seeds, one run in four of `--jobs 8` differed before).
    @Test func theJSONIsByteIdenticalForOneTwoAndEightJobs() throws {
        let runs = try ["1", "2", "8", "2", "8"].map { jobs in try hasim("seeds", Self.failover, "--count", "24", "--json", "--occurs", "12/yr", "--jobs", jobs) }
        #expect(runs[0].status == 0)
        #expect(runs[0].stdout.contains("\"minutesPerYear\""))
        for run in runs.dropFirst() { #expect(run.stdout == runs[0].stdout) }
    }

    /// An interruption leaves gaps anywhere: here seeds 7, 2, 3 and 5 were
    /// stored, in that order. `--resume` runs exactly 1, 4, 6 and 8, and
    /// reports over all eight what a single uninterrupted batch reports.
    @Test func resumeRunsExactlyTheMissingSeedsAndReportsOverAll() throws {
        let db = FileManager.default.temporaryDirectory.appendingPathComponent("hasim-seeds-resume-\(UUID().uuidString.prefix(8)).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) } }
        for (from, count) in [("7", "1"), ("2", "2"), ("5", "1")] {
            #expect(try hasim("seeds", Self.failover, "--from", from, "--count", count, "--db", db).status == 0)
        }
        // Another experiment's runs of seed 1 (other --set values) do not count as stored.
        let slower = ["--set", "topology.etcd.electionTimeout=3s"]
        #expect(try hasim(["run", Self.failover, "--db", db, "--seed", "1"] + slower).status == 0)
        let whole = try hasim("seeds", Self.failover, "--from", "1", "--count", "8", "--json", "--jobs", "2")
        let resumed = try hasim("seeds", Self.failover, "--from", "1", "--count", "8", "--json", "--jobs", "2", "--db", db, "--resume")
        #expect(resumed.status == 0)
        #expect(resumed.stderr == "resuming: 4 of 8 seeds already stored in \(db); running 4\n")
        #expect(resumed.stdout == whole.stdout)
        func storedSeeds() throws -> [Int64] {
            try DatabaseQueue(path: db).read { db in try Int64.fetchAll(db, sql: "SELECT seed FROM run WHERE parameters NOT LIKE '%electionTimeout%' ORDER BY seed") }
        }
        #expect(try storedSeeds() == Array(1...8))
        // Complete: resuming again runs nothing and says the same.
        let again = try hasim("seeds", Self.failover, "--from", "1", "--count", "8", "--json", "--db", db, "--resume")
        #expect(again.stderr == "resuming: 8 of 8 seeds already stored in \(db); running 0\n")
        #expect(again.stdout == whole.stdout)
        #expect(try storedSeeds() == Array(1...8))
        // With the other --set values, seed 1 is stored and 2 is not.
        let other = try hasim(["seeds", Self.failover, "--from", "1", "--count", "2", "--db", db, "--resume"] + slower)
        #expect(other.stderr == "resuming: 1 of 2 seeds already stored in \(db); running 1\n")
        let misplaced = try hasim("seeds", Self.failover, "--resume")
        #expect(misplaced.status == 64)
        #expect(misplaced.stderr.contains("--resume only applies with --db"))
    }

    @Test func aSecondStoreOfTheSameSeedsIsRefusedUnlessAgain() throws {
        let db = FileManager.default.temporaryDirectory.appendingPathComponent("hasim-seeds-again-\(ProcessInfo.processInfo.processIdentifier).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: db) }
        let first = try hasim("seeds", Self.failover, "--count", "3", "--from", "7", "--metric", "etcd.elections", "--db", db)
        #expect(first.status == 0)
        let second = try hasim("seeds", Self.failover, "--count", "3", "--from", "8", "--metric", "etcd.elections", "--db", db)
        #expect(second.status == 2)
        #expect(second.stdout.isEmpty)
        #expect(second.stderr == "error: \(db) already holds runs of \(Self.failover) (this exact file) with seed 8, 9; nothing was run or stored. Pass --resume to run only the seeds not stored, --again to store them again, or --from 11 for new seeds.\n")
        let again = try hasim("seeds", Self.failover, "--count", "3", "--from", "8", "--metric", "etcd.elections", "--db", db, "--again")
        #expect(again.status == 0)
        let fresh = try hasim("seeds", Self.failover, "--count", "2", "--from", "11", "--metric", "etcd.elections", "--db", db)
        #expect(fresh.status == 0)
        // 3 + 3 + 2 runs stored: the next run is 9.
        let run = try hasim("run", Self.failover, "--db", db, "--json", "--seed", "100")
        #expect(run.stdout.contains("\"runId\" : 9"))
        let misplaced = try hasim("seeds", Self.failover, "--again")
        #expect(misplaced.status == 64)
        #expect(misplaced.stderr.contains("--again only applies with --db"))
    }

    @Test func jsonGivesTheSummaryAsOneObject() throws {
        let outcome = try hasim("seeds", Self.failover, "--count", "20", "--metric", "etcd.elections", "--metric", "etcd.term.max", "--json")
        #expect(outcome.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        #expect(object["scenario"] as? String == "etcd-leader-failover")
        #expect(object["from"] as? Int == 1 && object["count"] as? Int == 20 && object["failedRuns"] as? Int == 0)
        let metrics = try #require(object["metrics"] as? [[String: Any]])
        #expect(metrics.map { $0["name"] as? String } == ["etcd.elections", "etcd.term.max"])
        #expect(metrics[0]["median"] as? Double == 1 && metrics[0]["samples"] as? Int == 20)
        #expect(Set(metrics[0].keys) == ["name", "samples", "min", "median", "p90", "p99", "max", "mean"])
    }

    /// The library's year scenario reports the downtime of every client
    /// class the issue names: the long-lived probe, per-request kubectl,
    /// the kubelets and the Deployment's Service callers, in
    /// `DowntimeCondition` order, each with its mechanisms (docs/FAILURES.md,
    /// "What a simulated year costs, per client class").
    @Test func theYearScenarioListsTheKubeletsAndTheServiceCallers() throws {
        let year = HASimProcess.scenario("year-3-masters-random-failures.yaml")
        let outcome = try hasim("seeds", year, "--count", "3", "--metric", "nodes.kubeletCutOff.seconds", "--json")
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let downtime = try #require(object["downtime"] as? [[String: Any]])
        #expect(downtime.map { $0["metric"] as? String } == [
            "api.external", "api.kubectl", "kubelets", "service.web", "external-ip", "etcd.quorum", "workloads.minAvailable",
        ])
        for name in ["kubelets", "service.web"] {
            let row = try #require(downtime.first { $0["metric"] as? String == name })
            #expect((row["minutesPerYear"] as? Double ?? 0) > 0, "\(name): \(row)")
            let mechanisms = try #require(row["mechanisms"] as? [[String: Any]]).compactMap { $0["mechanism"] as? String }
            // Master failures pin kubelets; lost workers leave stale endpoints.
            #expect(mechanisms.first == (name == "kubelets" ? "pinned connection" : "stale endpoint"), "\(name): \(mechanisms)")
        }
        let table = try hasim("seeds", year, "--count", "3", "--metric", "nodes.kubeletCutOff.seconds")
        let rows = table.stdout.split(separator: "\n").map(String.init).filter { $0.hasPrefix("kubelets ") || $0.hasPrefix("service.web ") }
        #expect(rows.count == 2, "\(table.stdout)")
    }

    @Test func anUnknownMetricIsInvalidInput() throws {
        let outcome = try hasim("seeds", Self.failover, "--metric", "etcd.nope")
        #expect(outcome.status == 2)
        #expect(outcome.stderr.hasPrefix("error: unknown metric \"etcd.nope\"; expected one of hosts.masters.up.fraction,"))
    }
}

/// `hasim run` when the results database cannot be written: exit 3, a clear
/// message, and the summary not printed as if the run were stored.
@Suite struct StoreFailureTests {
    @Test func anUnwritableDatabasePathExitsThree() throws {
        let blocker = FileManager.default.temporaryDirectory.appendingPathComponent("hasim-blocker-\(ProcessInfo.processInfo.processIdentifier)")
        try Data("not a folder".utf8).write(to: blocker)
        defer { try? FileManager.default.removeItem(at: blocker) }
        let db = blocker.appendingPathComponent("runs.sqlite").path
        let outcome = try hasim("run", HASimProcess.scenario("master-crash-restart.yaml"), "--db", db)
        #expect(outcome.status == 3)
        #expect(outcome.stderr.hasPrefix("error: cannot write results to \(db): cannot create the folder \(blocker.path): "))
        #expect(outcome.stdout.isEmpty)
    }
}
