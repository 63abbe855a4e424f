import ArgumentParser
import Foundation
import ScenarioFile
import SimKernel
import Simulation

/// `hasim seeds SCENARIO`: one scenario over many seeds, metrics summarised as
/// quantiles. A run per seed, nothing stored: for distributions such as the
/// time to elect a new leader after a crash at a random phase.
struct SeedsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seeds",
        abstract: "Run a scenario over many seeds and print each metric's distribution.",
        discussion:
            "Quantiles are nearest-rank. With --db every run is stored as it finishes, each in its own transaction, for the scenario_availability view; Ctrl-C stops between runs, keeps every stored run and exits 130."
    )

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @OptionGroup var overrideOptions: OverrideOptions

    @Option(parsing: .unconditional, help: "First seed. (default: 1)", transform: SeedArgument.parse)
    var from: SeedArgument = SeedArgument(1)

    @Option(help: "Number of seeds (runs).")
    var count: Int = 100

    @Option(help: "Metric to summarise; repeat for several (default: every metric).")
    var metric: [String] = []

    @Option(help: "Also store every run in this SQLite database; refuses seeds it already holds for this scenario file.")
    var db: String?

    @Flag(help: "With --db, store seeds again although runs of them are already stored.")
    var again = false

    @Flag(
        help:
            "With --db, run only the seeds of --from/--count not yet stored for this scenario file, --set values and hasim version, then summarise all of them."
    )
    var resume = false

    @Option(help: "Runs to simulate at once (threads); the output does not depend on it. (default: one per core)")
    var jobs: Int?

    @Flag(help: "Print one JSON object instead of the table.")
    var json = false

    @Option(
        help: ArgumentHelp(
            "How often a one-off scenario (one with faults or operations) happens, e.g. 12/yr: its downtime per occurrence becomes minutes a year; overrides the scenario's occurrences:.",
            valueName: "N/yr"),
        transform: DowntimeFiguresText.parseRate)
    var occurs: Double?

    @Flag(help: "Exit 1 when any run failed its expectations (after printing the table), as `check` does.")
    var check = false

    @OptionGroup var budget: RunBudget

    /// Runs per invocation: the metric samples of every run are kept for the
    /// quantiles (about 50 numbers a run), so this bounds memory to tens of MB.
    static let maximumCount = 100_000

    func validate() throws {
        guard count >= 1 else { throw ValidationError("--count must be at least 1") }
        guard count <= Self.maximumCount else { throw ValidationError("--count must be at most \(Self.maximumCount)") }
        guard jobs ?? 1 >= 1 else { throw ValidationError("--jobs must be at least 1") }
        // Checked before adding: seeds are stored as signed 64-bit integers.
        guard UInt64(count - 1) <= UInt64(Int64.max) - from.value else {
            throw ValidationError("--from \(from.value) with --count \(count) goes past the largest seed, \(Int64.max)")
        }
        guard !again || db != nil else { throw ValidationError("--again only applies with --db") }
        guard !resume || db != nil else { throw ValidationError("--resume only applies with --db") }
        guard !(resume && again) else { throw ValidationError("--resume and --again exclude each other: --resume runs only the seeds not stored") }
    }

    func run() throws {
        let loaded = try ScenarioRun.load(path: scenario, overrides: try overrideOptions.overrides())
        try budget.check(loaded)
        try DowntimeFiguresText.refuseRate(loaded.scenario, path: loaded.path, rate: occurs)
        let known = MetricCatalog.entries(for: loaded.scenario).map(\.name)
        for name in metric where !known.contains(name) {
            printError("error: unknown metric \"\(name)\"; expected one of \(known.joined(separator: ", "))")
            throw ExitCodes.invalidInput
        }
        let results = try db.map { path throws in try ResultsFile.open(path) }
        let names = metric.isEmpty ? known : metric
        var samples = SeedSamples(names: names, firstSeed: from.value, count: count, objectives: loaded.scenario.serviceLevelObjectives)
        var seeds = (0..<count).map { from.value + UInt64($0) }
        if let db, let results, resume {
            for stored in try StoredSeeds.resumable(seeds, of: loaded, in: results, metrics: names) { samples.add(stored) }
            seeds.removeAll(where: samples.has)
            printError("resuming: \(count - seeds.count) of \(count) seeds already stored in \(db); running \(seeds.count)")
        } else if let db, !again {
            try StoredSeeds.refuseStored(seeds, of: loaded, in: db)
        }
        let jobs = self.jobs ?? ProcessInfo.processInfo.activeProcessorCount
        let control = RunControl()
        let total = seeds.count, path = db
        let interruption = Interruption.handle(control) { stored in
            path.map { "interrupted: \(stored) of \(total) runs finished and stored in \($0); runs in flight were not stored" }
                ?? "interrupted: \(stored) of \(total) runs finished; nothing stored (no --db)"
        }
        defer { interruption.cancel() }
        // Runs done, rate and ETA on a terminal, as `sweep` shows them.
        let progress = SweepProgress.onTerminal(total: seeds.count)
        // Each run is stored as it finishes and only its metrics are kept.
        do {
            try ParallelRuns.simulate(loaded.scenario, seeds: seeds, jobs: jobs, limits: budget.limits(loaded.scenario), control: control) { run in
                let result = run.result
                if let results {
                    _ = try results.store(ScenarioRun(loaded: loaded, seed: run.seed, result: result, wallSeconds: run.wallSeconds))
                }
                samples.add(seed: run.seed, result: result)
                progress?.finished(failedExpectation: !result.allExpectationsPassed)
            }
            progress?.end()
        } catch let stopped as RunStopped {
            progress?.end()
            printError("error: \(loaded.path): \(RunBudget.stoppedMessage(stopped))")
            throw ExitCodes.invalidInput
        }
        let summaries = samples.metricSummaries, failedRuns = samples.failedRuns
        let downtime = DowntimeFigureSet(
            .of(loaded.scenario, occurrencesPerYear: occurs),
            conditions: DowntimeCondition.applicable(to: loaded.scenario), runs: samples.downtimeRuns,
            splitsMaintenance: DowntimeFigures.splitsMaintenance(loaded.scenario))
        let slos = ServiceLevelText.summaries(loaded.scenario, runs: samples.downtimeRuns, seeds: samples.addedSeeds)
        if json {
            print(
                try JSONText.encode(
                    SeedsJSON(
                        scenario: loaded.scenario.name, scenarioPath: loaded.path, from: from.value,
                        count: count, failedRuns: failedRuns, metrics: summaries,
                        downtimeFigures: downtime.kind, occurrencesPerYear: downtime.occurrencesPerYear,
                        downtime: downtime.yearly, downtimePerOccurrence: downtime.perOccurrence,
                        slo: slos.isEmpty ? nil : slos.map(\.json))))
            try failIfChecked(failedRuns: failedRuns)
            return
        }
        print("\(loaded.scenario.name): \(count) seeds from \(from.value); expectations failed in \(failedRuns) runs")
        let width = names.map(\.count).max() ?? 0
        print(
            "\("metric".padding(toLength: width, withPad: " ", startingAt: 0))  \(["min", "median", "p90", "p99", "max", "mean"].map { $0.leftPadded(10) }.joined())"
        )
        for summary in summaries {
            let row = [summary.min, summary.median, summary.p90, summary.p99, summary.max, summary.mean]
            print("\(summary.name.padding(toLength: width, withPad: " ", startingAt: 0))  \(row.map { RunReport.format($0).leftPadded(10) }.joined())")
        }
        print("")
        print(Self.downtimeLines(downtime, duration: loaded.scenario.duration).joined(separator: "\n"))
        if let cost = CostText.yearly(loaded.scenario, crossZoneBytes: samples.meanCrossZoneBytes) {
            print("")
            print(CostText.line(cost) + " (cross-zone traffic: the mean of \(samples.addedSeeds.count) runs)")
        }
        if !slos.isEmpty {
            print("")
            print(ServiceLevelText.lines(slos).joined(separator: "\n"))
        }
        try failIfChecked(failedRuns: failedRuns)
    }

    /// `--check`: the table is printed either way; the exit status says whether every run passed.
    func failIfChecked(failedRuns: Int) throws {
        guard check, failedRuns > 0 else { return }
        printError(
            "error: expectations failed in \(failedRuns) of \(count) runs (--check); `hasim check` with --seeds and the same overrides names the failing seeds and expectations"
        )
        throw ExitCodes.expectationFailed
    }

    /// The downtime table, a year or per occurrence as the title says: a
    /// row per condition the scenario can fail.
    static func downtimeLines(_ downtime: DowntimeFigureSet, duration: SimDuration) -> [String] {
        let rows = downtime.conditions.map { [$0] + (downtime.cells($0) ?? []) }
        return ["downtime " + DowntimeFiguresText.title(downtime.figures, duration: duration)]
            + SweepTable.align([["condition"] + downtime.headers] + rows)
    }
}

/// `seeds --json`: the table as one object; metrics in catalogue order.
struct SeedsJSON: Encodable {
    var scenario: String
    var scenarioPath: String
    var from: UInt64
    var count: Int
    var failedRuns: Int
    var metrics: [MetricSummary]
    /// Which downtime figures: yearFromDuration (stationary), perOccurrence
    /// (one-off) or occurrences (one-off at occurrencesPerYear).
    var downtimeFigures: String
    var occurrencesPerYear: Double?
    /// Per condition the scenario can fail: minutes a year and nines with
    /// their 95 % intervals; empty for per-occurrence figures.
    var downtime: [YearlyDowntimeJSON]
    /// Per condition, for a one-off scenario without a rate: seconds per occurrence.
    var downtimePerOccurrence: [OccurrenceDowntimeJSON]
    /// Per `slo` expectation, in the scenario's order: windows meeting it
    /// over every seed with Wilson's 95 % interval, the worst window, the
    /// mean counted downtime (docs/SLO.md).
    var slo: [ServiceLevelJSON]?
}

/// One metric over the seeds: nearest-rank quantiles of its defined values.
struct MetricSummary: Encodable {
    var name: String
    /// Runs in which the metric was defined (not NaN).
    var samples: Int
    var min, median, p90, p99, max, mean: Double

    init?(name: String, samples values: [Double]) {
        let sorted = values.sorted()
        guard let first = sorted.first, let last = sorted.last else { return nil }
        func quantile(_ q: Double) -> Double { sorted[Swift.max(0, Int((q * Double(sorted.count)).rounded(.up)) - 1)] }
        self.name = name
        samples = sorted.count
        min = first
        median = quantile(0.5)
        p90 = quantile(0.9)
        p99 = quantile(0.99)
        max = last
        mean = sorted.reduce(0, +) / Double(sorted.count)
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? " " + self : String(repeating: " ", count: width - count) + self
    }
}
