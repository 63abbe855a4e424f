import ResultStore

/// The report of a sweep: one self-contained HTML page with, per metric,
/// the points side by side (mean and 95 % confidence interval, every seed's
/// value as a dot) and the same numbers in a table under the chart, so the
/// page reads without its pictures.
public struct SweepPage {
    public var sweep: StoredSweep

    public init(sweep: StoredSweep) {
        self.sweep = sweep
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
        page.element("p", [("class", "note")], text: "Each chart: a point's seeds as faint dots (left), its mean as a dot with a whisker for the 95 % confidence interval, mean ± 1.96 s/√n (right), as the sweep_summary view computes it. Hover over a mean for its numbers.")
        var constant: [String] = []
        for metric in sweep.metricNames {
            let summaries = sweep.points.map { point in
                (label: point.label, summary: PointSummary(point.runs.compactMap { $0.metrics[metric] ?? nil }.filter { !$0.isNaN }))
            }
            let values = summaries.compactMap(\.summary).flatMap(\.values)
            guard let first = values.first else { continue }
            // A metric no point moves says nothing about the points: named, not charted.
            if values.count > 1, values.allSatisfy({ $0 == first }) {
                constant.append("\(metric) = \(NumberText.value(first))")
                continue
            }
            page.open("section", [("class", "metric"), ("data-metric", metric)])
            page.element("h2", text: metric)
            page.open("div", [("class", "chart-box")])
            SweepChart(metric: metric, unit: sweep.units[metric] ?? "", points: summaries).write(into: &page)
            page.close("div")
            writeTable(summaries, into: &page)
            page.close("section")
        }
        if !constant.isEmpty {
            page.element("h2", text: "The same in every run")
            page.element("p", [("class", "constant")], text: constant.joined(separator: "; "))
        }
        ReportDocument.end(into: &page)
        return page.output
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
