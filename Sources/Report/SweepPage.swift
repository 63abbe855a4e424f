import ResultStore

/// The report of a sweep: one self-contained HTML page with the figures
/// `hasim sweep` prints (each chosen metric's bootstrap interval, each
/// availability condition's downtime a year with its interval and
/// mechanisms), then per metric the points side by side (mean and 95 %
/// confidence interval, every seed's value as a dot) with the numbers in a
/// table under the chart, so the page reads without its pictures. The
/// sweep's own `metrics:` come first; the rest of the catalogue is folded.
public struct SweepPage {
    public var sweep: StoredSweep
    /// What `hasim sweep` prints for this sweep; nil when its sweep file
    /// could not be read back (the database does not keep `metrics:`).
    public var figures: SweepFigures?

    public init(sweep: StoredSweep, figures: SweepFigures? = nil) {
        self.sweep = sweep
        self.figures = figures
    }

    public func html() -> String {
        var page = Markup()
        let runs = sweep.points.reduce(0) { $0 + $1.runs.count }
        ReportDocument.begin(title: "hasim sweep report: \(sweep.name)", into: &page)
        page.element("h1", text: "Sweep \(sweep.name)")
        let seeds = Set(sweep.points.flatMap { $0.runs.map(\.seed) }).sorted()
        let facts: [(String, String)] = [
            ("hash", String(sweep.hash.prefix(16)) + "…"), ("sweep file", sweep.sweepPath), ("scenario", sweep.scenarioPath),
            ("axes", sweep.axes), ("points", String(sweep.points.count)), ("runs", String(runs)),
            ("seeds", seeds.isEmpty ? "none" : "\(seeds.count) (\(seeds.first!) to \(seeds.last!))"),
            ("tool", sweep.toolVersions.map { "hasim \($0)" }.joined(separator: ", ")),
        ]
        page.open("dl", [("class", "facts")])
        for (name, value) in facts {
            page.element("dt", text: name)
            page.element("dd", text: value)
        }
        page.close("dl")
        writePoints(into: &page)
        writeFigures(into: &page)
        let chosen = figures?.chosenMetrics.filter { sweep.metricNames.contains($0) } ?? []
        let others = sweep.metricNames.filter { !chosen.contains($0) }
        page.element("h2", [("id", "charts")], text: chosen.isEmpty ? "Every metric" : "The sweep's metrics")
        page.element("p", [("class", "note")], text: "Each chart: a point's seeds as faint dots (left), its mean as a dot with a whisker for the 95 % confidence interval, mean ± 1.96 s/√n (right), as the sweep_summary view computes it, clipped to the values the metric can take. Hover over a mean for its numbers.")
        var constant: [String] = []
        writeCharts(chosen.isEmpty ? others : chosen, constant: &constant, into: &page)
        if !chosen.isEmpty, !others.isEmpty {
            page.open("details", [("class", "other-metrics")])
            page.element("summary", text: "The other \(others.count) metrics of the catalogue")
            writeCharts(others, constant: &constant, into: &page)
            page.close("details")
        }
        if !constant.isEmpty {
            page.element("h2", text: "The same in every run")
            page.element("p", [("class", "constant")], text: constant.joined(separator: "; "))
        }
        ReportDocument.end(into: &page)
        return page.output
    }

    /// The tables `hasim sweep` prints, cell for cell.
    private func writeFigures(into page: inout Markup) {
        guard let figures else {
            page.element("p", [("class", "note")], text: "The sweep file \(sweep.sweepPath) could not be read back with the bytes that ran, so its metrics: list and the yearly figures hasim sweep prints are not shown; every metric is charted below.")
            return
        }
        page.element("h2", [("id", "figures")], text: "Figures, as hasim sweep prints them")
        for line in figures.headline { page.element("p", [("class", "note")], text: line) }
        for table in figures.tables {
            page.element("h3", text: table.title)
            guard let headings = table.rows.first else { continue }
            let rows = table.rows.dropFirst().map { row in row.enumerated().map { index, cell in index == 0 ? HTMLTable.Cell.number(cell) : HTMLTable.Cell(cell) } }
            HTMLTable(style: "figures", headings: headings, rows: Array(rows)).write(into: &page)
            if !table.notes.isEmpty { page.element("p", [("class", "note")], text: table.notes.joined(separator: "; ")) }
        }
    }

    private func writeCharts(_ metrics: [String], constant: inout [String], into page: inout Markup) {
        for metric in metrics {
            let range = PointSummary.range(unit: sweep.units[metric] ?? "")
            let summaries = sweep.points.map { point in
                (label: point.label, summary: PointSummary(point.runs.compactMap { $0.metrics[metric] ?? nil }.filter { !$0.isNaN }, within: range))
            }
            let values = summaries.compactMap(\.summary).flatMap(\.values)
            guard let first = values.first else { continue }
            // A metric no point moves says nothing about the points: named, not charted.
            if values.count > 1, values.allSatisfy({ $0 == first }) {
                constant.append("\(metric) = \(NumberText.value(first))")
                continue
            }
            page.open("section", [("class", "metric"), ("data-metric", metric)])
            page.element("h3", text: metric)
            page.open("div", [("class", "chart-box")])
            SweepChart(metric: metric, unit: sweep.units[metric] ?? "", points: summaries).write(into: &page)
            page.close("div")
            writeTable(summaries, into: &page)
            page.close("section")
        }
    }

    private func writePoints(into page: inout Markup) {
        page.element("h2", text: "Points")
        let rows = sweep.points.map { point -> [HTMLTable.Cell] in
            [
                .number(String(point.index)), HTMLTable.Cell(point.label), .number(String(point.runs.count)),
                .number(String(point.runs.filter { $0.expectationsFailed > 0 }.count)),
            ]
        }
        HTMLTable(style: "points", headings: ["point", "parameters", "runs", "runs failing expectations"], rows: rows).write(into: &page)
    }

    private func writeTable(_ summaries: [(label: String, summary: PointSummary?)], into page: inout Markup) {
        let rows = summaries.map { label, summary -> [HTMLTable.Cell] in
            let numbers = summary.map { [String($0.n)] + [$0.mean, $0.ciLow, $0.ciHigh, $0.min, $0.median, $0.max].map(NumberText.value) }
                ?? ["0"] + Array(repeating: "n/a", count: 6)
            return [HTMLTable.Cell(label)] + numbers.map(HTMLTable.Cell.number)
        }
        HTMLTable(style: "summary", headings: ["point", "n", "mean", "95 % CI low", "95 % CI high", "min", "median", "max"], rows: rows).write(into: &page)
    }
}

/// The figures `hasim sweep` prints for a sweep (its `SweepTable`): the
/// headline and each table as rows of cells, headings first.
public struct SweepFigures: Sendable {
    public struct Table: Sendable {
        public var title: String
        public var rows: [[String]]
        /// Lines printed under the table (which expectation each code is).
        public var notes: [String]

        public init(title: String, rows: [[String]], notes: [String] = []) {
            self.title = title
            self.rows = rows
            self.notes = notes
        }
    }

    /// The sweep's `metrics:`, charted first.
    public var chosenMetrics: [String]
    public var headline: [String]
    public var tables: [Table]

    public init(chosenMetrics: [String], headline: [String], tables: [Table]) {
        self.chosenMetrics = chosenMetrics
        self.headline = headline
        self.tables = tables
    }
}
