/// The report of `hasim advise`: one self-contained HTML page with the
/// choice, the cost-vs-downtime front as the command prints it (each
/// point's cost a year, its SLO conditions' downtime and fraction of
/// windows met with 95 % intervals, its verdict and round), why each other
/// point was dropped, and the rounds of the race.
public struct AdvicePage {
    public var figures: AdviceFigures

    public init(_ figures: AdviceFigures) {
        self.figures = figures
    }

    public func html() -> String {
        var page = Markup()
        ReportDocument.begin(title: "hasim advise report: \(figures.name)", into: &page)
        page.element("h1", text: "Advice \(figures.name)")
        page.open("dl", [("class", "facts")])
        for (name, value) in figures.facts {
            page.element("dt", text: name)
            page.element("dd", text: value)
        }
        page.close("dl")
        page.element("h2", [("id", "choice")], text: "The choice")
        page.element("p", [("class", "description")], text: figures.conclusion)
        for line in figures.headline { page.element("p", [("class", "note")], text: line) }
        page.element("h2", [("id", "front")], text: "The front: cost against downtime")
        if !figures.chart.isEmpty {
            page.open("div", [("class", "chart-box")])
            let points = figures.chart.map {
                FrontChart.Point(number: $0.number, cost: $0.cost, downtime: $0.downtime, low: $0.low, high: $0.high, verdict: $0.verdict)
            }
            FrontChart(title: figures.chartTitle, points: points).write(into: &page)
            page.close("div")
        }
        let rows = figures.rows.map { row in row.enumerated().map { index, cell in index == 0 ? HTMLTable.Cell.number(cell) : HTMLTable.Cell(cell) } }
        HTMLTable(style: "figures", headings: figures.headings, rows: rows).write(into: &page)
        if !figures.legend.isEmpty { page.element("p", [("class", "note")], text: figures.legend.joined(separator: "; ")) }
        page.element("h2", [("id", "why")], text: "Why each point has its verdict")
        let reasons = figures.reasons.map { reason -> [HTMLTable.Cell] in
            [.number(reason[0]), HTMLTable.Cell(reason[1], style: reason[1] == "chosen" ? "pass" : nil), HTMLTable.Cell(reason[2])]
        }
        HTMLTable(style: "reasons", headings: ["point", "verdict", "why"], rows: reasons).write(into: &page)
        page.element("h2", [("id", "rounds")], text: "The rounds")
        let roundRows = figures.rounds.map { round -> [HTMLTable.Cell] in
            [.number(round[0]), .number(round[1]), HTMLTable.Cell(round[2]), .number(round[3])]
        }
        HTMLTable(style: "rounds", headings: ["round", "seeds after it", "points racing", "runs"], rows: roundRows).write(into: &page)
        ReportDocument.end(into: &page)
        return page.output
    }
}

/// What the advise page shows, as `hasim advise` prints it.
public struct AdviceFigures: Sendable {
    public var name: String
    public var facts: [(String, String)]
    public var headline: [String]
    public var conclusion: String
    public var headings: [String]
    public var rows: [[String]]
    public var legend: [String]
    /// What the chart's y axis shows: the first SLO condition's downtime and its unit.
    public var chartTitle: String
    /// A point a row: its number, cost a year, mean downtime and 95 % interval, verdict.
    public var chart: [(number: String, cost: Double, downtime: Double, low: Double, high: Double, verdict: String)]
    /// A row a point: its number, its verdict, why.
    public var reasons: [[String]]
    /// A row a round: its number, the seeds after it, the points racing in it, its runs.
    public var rounds: [[String]]

    public init(
        name: String, facts: [(String, String)], headline: [String], conclusion: String, headings: [String], rows: [[String]], legend: [String],
        reasons: [[String]], rounds: [[String]], chartTitle: String = "",
        chart: [(number: String, cost: Double, downtime: Double, low: Double, high: Double, verdict: String)] = []
    ) {
        self.chartTitle = chartTitle
        self.chart = chart
        self.name = name
        self.facts = facts
        self.headline = headline
        self.conclusion = conclusion
        self.headings = headings
        self.rows = rows
        self.legend = legend
        self.reasons = reasons
        self.rounds = rounds
    }
}
