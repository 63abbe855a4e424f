/// The cost-vs-downtime front of `hasim advise` as a chart: each point at
/// its cost a year (x) and its first SLO condition's mean downtime (y) with
/// a whisker for the 95 % interval, marked by its verdict (the chosen point
/// dark, the others faint), numbered as in the table.
struct FrontChart {
    struct Point {
        var number: String
        var cost: Double
        var downtime: Double
        var low: Double
        var high: Double
        var verdict: String
    }

    let title: String
    let points: [Point]

    static let width = 640.0
    static let height = 300.0
    static let left = 80.0
    static let right = 20.0
    static let top = 24.0
    static let bottom = 40.0

    func write(into page: inout Markup) {
        let xAxis = ValueAxis(values: points.map(\.cost))
        let yAxis = ValueAxis(values: points.flatMap { [$0.low, $0.high, $0.downtime] }.filter { $0.isFinite })
        let plotWidth = Self.width - Self.left - Self.right, plotHeight = Self.height - Self.top - Self.bottom
        func x(_ value: Double) -> String { NumberText.coordinate(Self.left + (value - xAxis.low) / (xAxis.high - xAxis.low) * plotWidth) }
        func y(_ value: Double) -> String { NumberText.coordinate(Self.top + (yAxis.high - value) / (yAxis.high - yAxis.low) * plotHeight) }
        page.open(
            "svg",
            [
                ("class", "chart front-chart"), ("xmlns", "http://www.w3.org/2000/svg"), ("width", NumberText.coordinate(Self.width)),
                ("height", NumberText.coordinate(Self.height)), ("viewBox", "0 0 \(NumberText.coordinate(Self.width)) \(NumberText.coordinate(Self.height))"),
                ("role", "img"), ("aria-label", "cost a year against \(title)"),
            ])
        page.element("text", [("class", "section-title"), ("x", "0"), ("y", "14")], text: title)
        for tick in yAxis.ticks {
            page.empty(
                "line",
                [
                    ("class", "grid"), ("x1", NumberText.coordinate(Self.left)), ("x2", NumberText.coordinate(Self.width - Self.right)), ("y1", y(tick)),
                    ("y2", y(tick)),
                ])
            page.element(
                "text", [("class", "value"), ("x", NumberText.coordinate(Self.left - 6)), ("y", y(tick)), ("text-anchor", "end"), ("dy", "4")],
                text: ValueAxis.label(tick))
        }
        for tick in xAxis.ticks {
            page.element(
                "text", [("class", "tick"), ("x", x(tick)), ("y", NumberText.coordinate(Self.height - Self.bottom + 16))], text: ValueAxis.label(tick))
        }
        page.element(
            "text", [("class", "tick"), ("x", NumberText.coordinate(Self.left + plotWidth / 2)), ("y", NumberText.coordinate(Self.height - 6))],
            text: "cost a year")
        for point in points {
            page.open("g", [("class", "point"), ("data-point", point.number), ("data-verdict", point.verdict)])
            if point.low.isFinite, point.high.isFinite {
                page.empty("line", [("class", "whisker"), ("x1", x(point.cost)), ("x2", x(point.cost)), ("y1", y(point.low)), ("y2", y(point.high))])
            }
            page.open("circle", [("class", point.verdict == "chosen" ? "dot" : "seed"), ("cx", x(point.cost)), ("cy", y(point.downtime)), ("r", "5")])
            page.element(
                "title",
                text:
                    "point \(point.number): \(point.verdict), cost \(NumberText.value(point.cost)), \(NumberText.value(point.downtime)) [\(NumberText.value(point.low)), \(NumberText.value(point.high))]"
            )
            page.close("circle")
            page.element("text", [("class", "value"), ("x", x(point.cost)), ("y", y(point.downtime)), ("dx", "8"), ("dy", "-6")], text: point.number)
            page.close("g")
        }
        page.close("svg")
    }
}
