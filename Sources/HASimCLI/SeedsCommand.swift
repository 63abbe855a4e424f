import ArgumentParser
import ScenarioFile
import Foundation
import Simulation

/// `hasim seeds SCENARIO`: one scenario over many seeds, metrics summarised as
/// quantiles. A run per seed, nothing stored: for distributions such as the
/// time to elect a new leader after a crash at a random phase.
struct SeedsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seeds",
        abstract: "Run a scenario over many seeds and print each metric's distribution.",
        discussion: "Quantiles are nearest-rank. With --db every run is stored too (each in its own transaction), for the scenario_availability view.")

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @OptionGroup var overrideOptions: OverrideOptions

    @Option(help: "First seed.")
    var from: SeedArgument = SeedArgument(argument: "1")!

    @Option(help: "Number of seeds (runs).")
    var count: Int = 100

    @Option(help: "Metric to summarise; repeat for several (default: every metric).")
    var metric: [String] = []

    @Option(help: "Also store every run in this SQLite database.")
    var db: String?

    @Option(help: "Runs to simulate at once (threads); the output does not depend on it.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard count >= 1 else { throw ValidationError("--count must be at least 1") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let loaded = try ScenarioRun.load(path: scenario, overrides: try overrideOptions.overrides())
        let known = MetricCatalog.entries(for: loaded.scenario.topology).map(\.name)
        for name in metric where !known.contains(name) {
            printError("error: unknown metric \"\(name)\"; expected one of \(known.joined(separator: ", "))")
            throw ExitCodes.invalidInput
        }
        let names = metric.isEmpty ? known : metric
        var samples = Array(repeating: [Double](), count: names.count)
        var failedRuns = 0
        let seeds = (0..<count).map { from.value + UInt64($0) }
        for run in ParallelRuns.simulate(loaded.scenario, seeds: seeds, jobs: jobs) {
            let result = run.result
            if let db {
                _ = try ScenarioRun(loaded: loaded, seed: run.seed, result: result, wallSeconds: run.wallSeconds).store(at: db)
            }
            if !result.allExpectationsPassed { failedRuns += 1 }
            for (index, name) in names.enumerated() {
                if let value = result.metric(name), !value.isNaN { samples[index].append(value) }
            }
        }
        print("\(loaded.scenario.name): \(count) seeds from \(from.value); expectations failed in \(failedRuns) runs")
        let width = names.map(\.count).max() ?? 0
        print("\("metric".padding(toLength: width, withPad: " ", startingAt: 0))  \(["min", "median", "p90", "p99", "max", "mean"].map { $0.leftPadded(10) }.joined())")
        for (index, name) in names.enumerated() {
            let sorted = samples[index].sorted()
            guard !sorted.isEmpty else { continue }
            func quantile(_ q: Double) -> Double { sorted[max(0, Int((q * Double(sorted.count)).rounded(.up)) - 1)] }
            let mean = sorted.reduce(0, +) / Double(sorted.count)
            let row = [sorted.first!, quantile(0.5), quantile(0.9), quantile(0.99), sorted.last!, mean]
            print("\(name.padding(toLength: width, withPad: " ", startingAt: 0))  \(row.map { RunReport.format($0).leftPadded(10) }.joined())")
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? " " + self : String(repeating: " ", count: width - count) + self
    }
}
