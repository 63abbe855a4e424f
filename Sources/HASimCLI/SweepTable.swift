import Foundation
import ResultStore
import ScenarioFile
import SimKernel
import Simulation

/// The comparison at the end of a sweep: one row per point, for each chosen
/// metric its mean with a 95 % interval, median, p99 and max over the seeds,
/// and how many runs failed each expectation. Built from samples in
/// (point, seed) order, whether they come from memory or the database, so
/// the table does not depend on --jobs, sharding or resumption.
struct SweepTable: Encodable {
    struct MetricSummary: Encodable, Equatable {
        var n: Int
        var mean: Double?
        var ciLow: Double?
        var ciHigh: Double?
        var median: Double?
        var p99: Double?
        var max: Double?
    }

    struct Row: Encodable {
        var point: Int
        var parameters: [String: String]
        var runs: Int
        var runsFailingExpectations: Int
        var metrics: [String: MetricSummary]
        var expectationsFailed: [String: Int]
        /// Per downtime condition: minutes a year and nines with 95 % intervals
        /// (empty for per-occurrence figures).
        var downtime: [YearlyDowntimeJSON]
        /// Per downtime condition, for per-occurrence figures: seconds per occurrence.
        var downtimePerOccurrence: [OccurrenceDowntimeJSON]
        /// The point's cost a year when its scenario gives prices
        /// (`cost:`), with the runs' mean cross-zone traffic.
        var costPerYear: CostJSON?
    }

    /// A yearly cost as JSON prints it (docs/COST.md).
    struct CostJSON: Encodable, Equatable {
        var total: Double
        var hosts: Double
        var loadBalancer: Double
        var crossZoneTraffic: Double
        var crossZoneGiB: Double

        init(_ cost: YearlyCost) {
            (total, hosts, loadBalancer, crossZoneTraffic, crossZoneGiB) = (cost.total, cost.hosts, cost.loadBalancer, cost.traffic, cost.crossZoneGiB)
        }
    }

    var sweep: String
    var hash: String
    var seeds: String
    var confidenceInterval = BootstrapInterval.description
    var axes: [String]
    var metrics: [String]
    var expectations: [String]
    /// The downtime conditions some point's scenario can fail, in `DowntimeCondition` order.
    var downtimeConditions: [String]
    /// Which downtime figures every point shows (`SweepTable.figures`):
    /// yearFromDuration, perOccurrence or occurrences (at occurrencesPerYear).
    var downtimeFigures: String
    var occurrencesPerYear: Double?
    var points: [Row]
    private var figures: DowntimeFigures
    /// Whether some point has maintenance: then every point's yearly
    /// downtime is split into failures and maintenance, so the columns line up.
    private var splitsMaintenance = false

    private enum CodingKeys: String, CodingKey {
        case sweep, hash, seeds, confidenceInterval, axes, metrics, expectations, downtimeConditions, downtimeFigures, occurrencesPerYear, points
    }

    /// One kind of figure for the whole table, so points compare: minutes
    /// a year when every point is a stationary process; for one-off points,
    /// minutes a year at the rate given (`--occurs`, or the same
    /// `occurrences:` in every point), else seconds per occurrence.
    static func figures(_ definition: SweepDefinition, occurrencesPerYear: Double?) -> DowntimeFigures {
        let scenarios = definition.points.map(\.scenario)
        if scenarios.allSatisfy(DowntimeFigures.isStationary) { return .yearFromDuration }
        let rates = Set(scenarios.map { occurrencesPerYear ?? $0.occurrencesPerYear })
        if rates.count == 1, let only = rates.first, let rate = only { return .occurrences(perYear: rate) }
        return .perOccurrence
    }

    init(definition: SweepDefinition, hash: String, samples: [SweepRunSample], occurrencesPerYear: Double? = nil) {
        sweep = definition.name
        self.hash = hash
        seeds = "\(definition.seedsFrom)-\(definition.seedsFrom + UInt64(definition.seedCount) - 1)"
        axes = definition.axes
        metrics = definition.metrics
        var expectationNames: [String] = []
        for sample in samples {
            for outcome in sample.expectations where !expectationNames.contains(outcome.name) { expectationNames.append(outcome.name) }
        }
        expectations = expectationNames
        let byPoint = Dictionary(grouping: samples, by: \.key.point)
        let conditions = Set(definition.points.flatMap { DowntimeCondition.applicable(to: $0.scenario) }).sorted()
        downtimeConditions = conditions.map(\.rawValue)
        let figures = Self.figures(definition, occurrencesPerYear: occurrencesPerYear)
        self.figures = figures
        let splits = definition.points.contains { DowntimeFigures.splitsMaintenance($0.scenario) }
        splitsMaintenance = splits
        let set = DowntimeFigureSet(figures, conditions: [], runs: [])
        downtimeFigures = set.kind
        self.occurrencesPerYear = set.occurrencesPerYear
        points = definition.points.map { point in
            let runs = (byPoint[point.index] ?? []).sorted { $0.key.seed < $1.key.seed }
            // The downtime figures of the point's runs, in seed order.
            let downtime = DowntimeFigureSet(
                figures, conditions: conditions,
                runs: runs.map(\.downtime), splitsMaintenance: splits)
            var summaries: [String: MetricSummary] = [:]
            for (m, name) in definition.metrics.enumerated() {
                let values = runs.compactMap { $0.metrics[m] }
                summaries[name] = Self.summarise(values, seed: FNV1a.hash64("\(hash)/\(point.index)/\(name)"))
            }
            var failed: [String: Int] = [:]
            for name in expectationNames {
                failed[name] = runs.filter { $0.expectations.contains { $0.name == name && !$0.passed } }.count
            }
            let counts = runs.compactMap(\.crossZoneBytes)
            let meanBytes = counts.isEmpty || counts.count < runs.count ? nil : counts.reduce(0.0) { $0 + Double($1) } / Double(counts.count)
            return Row(
                point: point.index,
                parameters: Dictionary(uniqueKeysWithValues: point.assignments.map { ($0.path, $0.text) }),
                runs: runs.count,
                runsFailingExpectations: runs.filter { $0.expectations.contains { !$0.passed } }.count,
                metrics: summaries, expectationsFailed: failed,
                downtime: downtime.yearly, downtimePerOccurrence: downtime.perOccurrence,
                costPerYear: CostText.yearly(point.scenario, crossZoneBytes: meanBytes).map(CostJSON.init))
        }
    }

    static func summarise(_ values: [Double], seed: UInt64) -> MetricSummary {
        guard !values.isEmpty else { return MetricSummary(n: 0) }
        let sorted = values.sorted()
        // Summed in seed order: the same samples give the same bits.
        let mean = values.reduce(0, +) / Double(values.count)
        let interval = BootstrapInterval.mean95(values, seed: seed)
        return MetricSummary(
            n: values.count, mean: mean, ciLow: interval.low, ciHigh: interval.high,
            median: Quantile.nearestRank(sorted, 0.5), p99: Quantile.nearestRank(sorted, 0.99), max: sorted.last)
    }

    /// One titled table of the comparison: a row of headings, then a row a point.
    struct Section {
        enum Kind: Equatable {
            case metric(String)
            case downtime(String)
            case cost
            /// With the lines that say which expectation each column code is.
            case expectations(legend: [String])
        }

        var kind: Kind
        var title: String
        var rows: [[String]]
    }

    /// The comparison's tables, in the order `text()` prints them and the
    /// sweep page shows them: each chosen metric, each downtime condition's
    /// yearly figures, the expectations' failures.
    func sections() -> [Section] {
        let headers = ["point"] + axes
        let cells = points.map { row in ["\(row.point)"] + axes.map { row.parameters[$0] ?? "" } }
        var sections: [Section] = []
        for metric in metrics {
            let stats = points.map { row -> [String] in
                let s = row.metrics[metric] ?? MetricSummary(n: 0)
                let ci = s.ciLow.map { "[\(Self.format($0)), \(Self.format(s.ciHigh!))]" } ?? "n/a"
                return ["\(s.n)", Self.format(s.mean), ci, Self.format(s.median), Self.format(s.p99), Self.format(s.max)]
            }
            sections.append(
                Section(
                    kind: .metric(metric), title: metric,
                    rows: [headers + ["n", "mean", "95% CI", "median", "p99", "max"]] + zip(cells, stats).map { $0 + $1 }))
        }
        for condition in downtimeConditions {
            let empty = DowntimeFigureSet(figures, conditions: [], runs: [], splitsMaintenance: splitsMaintenance)
            let stats = points.map { row -> [String] in
                var set = empty
                set.yearly = row.downtime
                set.perOccurrence = row.downtimePerOccurrence
                return set.cells(condition) ?? ["0"] + Array(repeating: "n/a", count: empty.headers.count - 2) + ["-"]
            }
            sections.append(
                Section(
                    kind: .downtime(condition),
                    title: "\(condition) downtime " + DowntimeFiguresText.title(figures, duration: nil),
                    rows: [headers + empty.headers] + zip(cells, stats).map { $0 + $1 }))
        }
        if points.contains(where: { $0.costPerYear != nil }) {
            let stats = points.map { row -> [String] in
                guard let c = row.costPerYear else { return Array(repeating: "n/a", count: 5) }
                return [c.total, c.hosts, c.loadBalancer, c.crossZoneTraffic].map(CostText.money) + [CostText.grouped(c.crossZoneGiB, decimals: 0)]
            }
            sections.append(
                Section(
                    kind: .cost, title: "cost a year (the scenario's cost: prices; cross-zone traffic: the mean of the runs)",
                    rows: [headers + ["total", "hosts", "load balancer", "cross-zone", "GiB"]] + zip(cells, stats).map { $0 + $1 }))
        }
        if !expectations.isEmpty {
            let codes = expectations.indices.map { "E\($0 + 1)" }
            let counts = points.map { row in ["\(row.runs)"] + expectations.map { "\(row.expectationsFailed[$0] ?? 0)" } }
            let legend = zip(codes, expectations).map { "\($0) = \($1)" }
            sections.append(
                Section(
                    kind: .expectations(legend: legend), title: "runs failing each expectation",
                    rows: [headers + ["runs"] + codes] + zip(cells, counts).map { $0 + $1 }))
        }
        return sections
    }

    /// The heading lines above the tables.
    var headline: [String] {
        [
            "\(sweep): \(counted(points.count, "point")), seeds \(seeds), \(points.map(\.runs).reduce(0, +)) runs stored or run; sweep \(hash.prefix(12))",
            "mean with 95% CI by \(confidenceInterval); median, p99 and max over the seeds",
        ]
    }

    func text() -> String {
        var lines = headline
        for section in sections() {
            lines.append("")
            lines.append(section.title)
            lines += Self.align(section.rows)
            if case .expectations(let legend) = section.kind { lines += legend.map { "  " + $0 } }
        }
        if expectations.isEmpty {
            lines.append("")
            lines.append("expectations: none")
        }
        return lines.joined(separator: "\n")
    }

    /// Long format: one line per point and metric.
    func csv() -> String {
        var lines = [
            (["point"] + axes + ["metric", "runs", "runs_failing_expectations", "n", "mean", "ci_low", "ci_high", "median", "p99", "max"]).map(Self.csvField)
                .joined(separator: ",")
        ]
        for row in points {
            for metric in metrics {
                let s = row.metrics[metric] ?? MetricSummary(n: 0)
                let fields =
                    ["\(row.point)"] + axes.map { row.parameters[$0] ?? "" }
                    + [metric, "\(row.runs)", "\(row.runsFailingExpectations)", "\(s.n)"]
                    + [s.mean, s.ciLow, s.ciHigh, s.median, s.p99, s.max].map { $0.map { String($0) } ?? "" }
                lines.append(fields.map(Self.csvField).joined(separator: ","))
            }
            // The yearly downtime as metrics of their own: minutes a year and nines, with their intervals.
            for y in row.downtime {
                for (name, mean, low, high) in [
                    ("minutesPerYear", Optional(y.minutesPerYear), y.minutesPerYearLow, y.minutesPerYearHigh),
                    ("nines", y.nines, y.ninesLow, y.ninesHigh),
                ] {
                    let fields =
                        ["\(row.point)"] + axes.map { row.parameters[$0] ?? "" }
                        + ["downtime.\(y.metric).\(name)", "\(row.runs)", "\(row.runsFailingExpectations)", "\(y.runs)"]
                        + [mean, low, high, nil, nil, nil].map { $0.map { String($0) } ?? "" }
                    lines.append(fields.map(Self.csvField).joined(separator: ","))
                }
            }
            // Per occurrence: the seconds' mean, interval, median, p99 and max.
            for o in row.downtimePerOccurrence {
                let fields =
                    ["\(row.point)"] + axes.map { row.parameters[$0] ?? "" }
                    + ["downtime.\(o.metric).secondsPerOccurrence", "\(row.runs)", "\(row.runsFailingExpectations)", "\(o.runs)"]
                    + [o.seconds, o.secondsLow, o.secondsHigh, o.median, o.p99, o.max].map { $0.map { String($0) } ?? "" }
                lines.append(fields.map(Self.csvField).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n")
    }

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    static func format(_ value: Double?) -> String {
        guard let value else { return "n/a" }
        return RunReport.format(value)
    }

    static func csvField(_ text: String) -> String {
        text.contains(where: { ",\"\n".contains($0) }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    /// Columns padded to their widest cell; the first columns left-aligned, numbers right.
    static func align(_ rows: [[String]]) -> [String] {
        let widths = (0..<(rows.first?.count ?? 0)).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ").trimmingTrailingSpaces
        }
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
