import Foundation
import GRDB
import Testing

/// Honest downtime figures (docs/FAILURES.md, "Per occurrence or a year"):
/// a one-off scenario's `seeds` and `sweep` tables show the cost per
/// occurrence, `--occurs N/yr` or `occurrences:` turns it into minutes a
/// year at the user's rate, and only a stationary process is scaled from
/// its duration. Every header says which; these tests pin all three.
@Suite struct DowntimeFiguresTests {
    /// A 2-minute run with one failover: one-off.
    static let failover = HASimProcess.scenario("etcd-leader-failover.yaml")
    /// Failure processes only: stationary.
    static let stationary = HASimProcess.fixtures.appendingPathComponent("failures-lognormal-repair.yaml").path
    static let masters = SweepProcess.sweep("masters.yaml")

    static let perOccurrenceTitle =
        "downtime per occurrence (each run one occurrence of the scenario's faults and operations, not scaled to a year; seconds: mean over the seeds, 95% CI by Student's t, median and p99 nearest-rank; --occurs N/yr gives a yearly figure)"

    /// The table after the metrics: title, column headers, condition names.
    func downtimeTable(_ stdout: String) -> (title: String, headers: [String], conditions: [String]) {
        let lines = stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("downtime ") }), start + 1 < lines.count else { return ("", [], []) }
        let headers = lines[start + 1].components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let rows = lines[(start + 2)...].prefix { !$0.isEmpty }.map { String($0.split(separator: " ").first ?? "") }
        return (lines[start], headers, rows)
    }

    @Test func aOneOffScenarioShowsSecondsPerOccurrence() throws {
        let outcome = try hasim("seeds", Self.failover, "--count", "3", "--metric", "etcd.elections")
        #expect(outcome.status == 0)
        let table = downtimeTable(outcome.stdout)
        #expect(table.title == Self.perOccurrenceTitle)
        #expect(table.headers == ["condition", "n", "mean s", "95% CI", "median s", "p99 s", "max s", "top mechanisms (mean s)"])
        #expect(table.conditions == ["api.external", "api.incluster", "api.kubectl", "external-ip", "etcd.quorum"])
        #expect(!outcome.stdout.contains("min/yr"))
    }

    /// The per-occurrence mean, median and max are those of the stored
    /// runs' downtime seconds; the interval is Student's t with t(0.975, 4)
    /// = 2.776 (NIST table).
    @Test func perOccurrenceFiguresAreTheStoredRunsSeconds() throws {
        let db = FileManager.default.temporaryDirectory.appendingPathComponent("hasim-occurrence-\(ProcessInfo.processInfo.processIdentifier).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: db) }
        let outcome = try hasim("seeds", Self.failover, "--count", "5", "--metric", "etcd.elections", "--db", db, "--json")
        #expect(outcome.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        #expect(object["downtimeFigures"] as? String == "perOccurrence")
        #expect((object["downtime"] as? [Any])?.isEmpty == true)
        let perOccurrence = try #require(object["downtimePerOccurrence"] as? [[String: Any]])
        let etcd = try #require(perOccurrence.first { $0["metric"] as? String == "etcd.quorum" })
        let perRun = try DatabaseQueue(path: db).read { db in
            try Double.fetchAll(
                db,
                sql: """
                    SELECT COALESCE(SUM(d.end_ns - d.start_ns), 0) / 1e9 FROM run
                    LEFT JOIN downtime d ON d.run_id = run.id AND d.metric = 'etcd.quorum' GROUP BY run.id ORDER BY run.seed
                    """)
        }
        #expect(perRun.count == 5)
        let mean = perRun.reduce(0, +) / 5
        let s = (perRun.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 4).squareRoot()
        let half = 2.776 * s / 5.0.squareRoot()
        #expect(abs(try #require(etcd["seconds"] as? Double) - mean) < 1e-9 * mean)
        #expect(abs(try #require(etcd["secondsHigh"] as? Double) - (mean + half)) < 1e-6 * mean)
        #expect(abs(try #require(etcd["secondsLow"] as? Double) - max(0, mean - half)) < 1e-6 * mean)
        #expect(etcd["median"] as? Double == perRun.sorted()[2])
        #expect(etcd["max"] as? Double == perRun.max())
        #expect(etcd["p99"] as? Double == perRun.max())
    }

    /// `--occurs 12/yr`: each run's seconds x 12 / 60 minutes a year, and
    /// the header says the rate was given.
    @Test func occursGivesAYearlyFigureAtTheUsersRate() throws {
        let perOccurrence = try hasim("seeds", Self.failover, "--count", "3", "--metric", "etcd.elections", "--json")
        let yearly = try hasim("seeds", Self.failover, "--count", "3", "--metric", "etcd.elections", "--json", "--occurs", "12/yr")
        #expect(yearly.status == 0)
        let once = try #require(try JSONSerialization.jsonObject(with: Data(perOccurrence.stdout.utf8)) as? [String: Any])
        let year = try #require(try JSONSerialization.jsonObject(with: Data(yearly.stdout.utf8)) as? [String: Any])
        #expect(year["downtimeFigures"] as? String == "occurrences" && year["occurrencesPerYear"] as? Double == 12)
        let seconds = try #require(
            (once["downtimePerOccurrence"] as? [[String: Any]])?.first { $0["metric"] as? String == "etcd.quorum" }?["seconds"] as? Double)
        let minutes = try #require((year["downtime"] as? [[String: Any]])?.first { $0["metric"] as? String == "etcd.quorum" }?["minutesPerYear"] as? Double)
        #expect(abs(minutes - seconds * 12 / 60) < 1e-9 * minutes)
        let text = try hasim("seeds", Self.failover, "--count", "3", "--metric", "etcd.elections", "--occurs", "12/yr")
        let table = downtimeTable(text.stdout)
        #expect(
            table.title
                == "downtime a year at 12/yr (each run one occurrence, its downtime x 12/yr, the rate given; mean over the seeds, 95% CI by Student's t; nines = -log10(1 - availability))"
        )
        #expect(table.headers == ["condition", "n", "min/yr", "95% CI", "nines", "95% CI", "top mechanisms (mean min/yr)"])
        // The scenario key says the same, and --occurs overrides it.
        let keyed = try hasim("seeds", Self.failover, "--count", "3", "--metric", "etcd.elections", "--set", "occurrences=12/yr")
        #expect(keyed.stdout == text.stdout)
        let overridden = try hasim("seeds", Self.failover, "--count", "3", "--metric", "etcd.elections", "--set", "occurrences=1/yr", "--occurs", "12/yr")
        #expect(overridden.stdout == text.stdout)
    }

    /// Failure processes only: a stationary process, scaled from its duration.
    @Test func aStationaryScenarioIsScaledFromItsDuration() throws {
        let outcome = try hasim("seeds", Self.stationary, "--count", "2", "--metric", "etcd.elections")
        #expect(outcome.status == 0)
        let table = downtimeTable(outcome.stdout)
        #expect(table.title == "downtime a year (each run's 1h scaled to 365d; mean over the seeds, 95% CI by Student's t; nines = -log10(1 - availability))")
        #expect(table.headers == ["condition", "n", "min/yr", "95% CI", "nines", "95% CI", "top mechanisms (mean min/yr)"])
    }

    /// Recurring maintenance is a stationary process too, and its yearly
    /// table splits each condition's minutes into failures and maintenance
    /// (issue 25: "seeds/sweep split yearly downtime into failures and
    /// maintenance"), the two adding up to the total.
    @Test func maintenanceSplitsTheYearlyFigures() throws {
        let path = HASimProcess.fixtures.appendingPathComponent("maintenance-daily.yaml").path
        let outcome = try hasim("seeds", path, "--count", "3", "--metric", "etcd.elections", "--json")
        #expect(outcome.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let yearly = try #require(json["downtime"] as? [[String: Any]])
        let external = try #require(yearly.first { $0["metric"] as? String == "api.external" })
        let total = try #require(external["minutesPerYear"] as? Double)
        let maintenance = try #require(external["maintenanceMinutesPerYear"] as? Double)
        #expect(maintenance > 0 && maintenance < total)
        let text = try hasim("seeds", path, "--count", "3", "--metric", "etcd.elections")
        let table = downtimeTable(text.stdout)
        #expect(table.headers == ["condition", "n", "min/yr", "95% CI", "failures", "maintenance", "nines", "95% CI", "top mechanisms (mean min/yr)"])
        #expect(table.title.hasPrefix("downtime a year (each run's 2d scaled to 365d"))
    }

    /// A rate on a stationary scenario would count its year twice: refused,
    /// on the command line and, located, in the file.
    @Test func aRateOnAStationaryScenarioIsRefused() throws {
        let option = try hasim("seeds", Self.stationary, "--count", "2", "--occurs", "12/yr")
        #expect(option.status == 2)
        #expect(option.stderr.contains("error: --occurs: \(Self.stationary): an occurrence rate applies to a one-off scenario"))
        let key = try hasim("seeds", Self.stationary, "--count", "2", "--set", "occurrences=12/yr")
        #expect(key.status == 2)
        #expect(
            key.stderr.contains(
                "occurrences: an occurrence rate applies to a one-off scenario (one with faults: or operations:, shorter than a year); this one has no faults and no operations"
            ))
        let bad = try hasim("seeds", Self.failover, "--count", "2", "--set", "occurrences=12")
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("occurrences: expected a rate a year above zero such as 12/yr or 0.5/yr, found"))
        #expect(try hasim("seeds", Self.failover, "--occurs", "-1/yr").status == 64)
    }

    /// The sweep's downtime sections, per occurrence and at a rate.
    @Test func sweepTablesSayWhichFiguresTheyShow() throws {
        let once = try hasim("sweep", Self.masters)
        #expect(once.status == 0)
        #expect(firstDowntimeTitle(once.stdout) == "api.external " + Self.perOccurrenceTitle)
        #expect(!once.stdout.contains("min/yr"))
        let yearly = try hasim("sweep", Self.masters, "--occurs", "4/yr")
        #expect(yearly.status == 0)
        let expected =
            "api.external downtime a year at 4/yr (each run one occurrence, its downtime x 4/yr, the rate given; mean over the seeds, 95% CI by Student's t; nines = -log10(1 - availability))"
        #expect(firstDowntimeTitle(yearly.stdout) == expected)
        let csv = try hasim("sweep", Self.masters, "--csv")
        #expect(csv.stdout.contains(",downtime.etcd.quorum.secondsPerOccurrence,"))
    }

    /// The first line of a sweep's output that titles a downtime section.
    func firstDowntimeTitle(_ stdout: String) -> String {
        let lines = stdout.components(separatedBy: "\n")
        return lines.first { $0.contains(" downtime ") } ?? ""
    }
}
