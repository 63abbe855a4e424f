/// One metric of a sweep as a chart: the points side by side, each with its
/// seeds' values as faint dots (the distribution) and its mean as a dot with
/// a whisker for the 95 % confidence interval.
struct SweepChart {
    let metric: String
    let unit: String
    /// Per point, its label and summary (nil when no run had a value).
    let points: [(label: String, summary: PointSummary?)]

    static let height = 240.0
    static let left = 70.0
    static let top = 24.0
    static let bottom = 40.0
    static let pointWidth = 150.0

    func write(into page: inout Markup) {
        let summaries = points.compactMap(\.summary)
        let axis = ValueAxis(values: summaries.flatMap { $0.values + [$0.ciLow, $0.ciHigh] })
        let width = Self.left + Double(points.count) * Self.pointWidth + 20
        let plotHeight = Self.height - Self.top - Self.bottom
        func y(_ value: Double) -> Double {
            Self.top + (axis.high - value) / (axis.high - axis.low) * plotHeight
        }
        page.open("svg", [
            ("class", "chart sweep-chart"), ("xmlns", "http://www.w3.org/2000/svg"), ("data-metric", metric),
            ("width", NumberText.coordinate(width)), ("height", NumberText.coordinate(Self.height)),
            ("viewBox", "0 0 \(NumberText.coordinate(width)) \(NumberText.coordinate(Self.height))"), ("role", "img"),
            ("aria-label", "\(metric) per sweep point"),
        ])
        for tick in axis.ticks {
            let ty = NumberText.coordinate(y(tick))
            page.empty("line", [("class", "grid"), ("x1", NumberText.coordinate(Self.left)), ("x2", NumberText.coordinate(width - 10)), ("y1", ty), ("y2", ty)])
            page.element("text", [("class", "value"), ("x", NumberText.coordinate(Self.left - 6)), ("y", ty), ("text-anchor", "end"), ("dy", "4")], text: ValueAxis.label(tick))
        }
        page.element("text", [("class", "section-title"), ("x", "0"), ("y", "14")], text: unit.isEmpty ? metric : "\(metric) (\(unit))")
        for (index, point) in points.enumerated() {
            let centre = Self.left + (Double(index) + 0.5) * Self.pointWidth
            page.open("g", [("class", "point"), ("data-point", String(index))])
            page.element("text", [("class", "tick"), ("x", NumberText.coordinate(centre)), ("y", NumberText.coordinate(Self.height - Self.bottom + 16))], text: Self.shortLabel(point.label))
            if let summary = point.summary {
                writeSeeds(summary, centre: centre, y: y, into: &page)
                writeMean(summary, label: point.label, centre: centre, y: y, into: &page)
            } else {
                page.element("text", [("class", "value"), ("x", NumberText.coordinate(centre)), ("y", NumberText.coordinate(Self.top + plotHeight / 2)), ("text-anchor", "middle")], text: "no value")
            }
            page.close("g")
        }
        page.close("svg")
    }

    /// Each seed's value, spread sideways in seed order so that equal values
    /// stay visible as a band rather than one dot.
    private func writeSeeds(_ summary: PointSummary, centre: Double, y: (Double) -> Double, into page: inout Markup) {
        let spread = 40.0
        for (index, value) in summary.values.enumerated() {
            let offset = summary.n == 1 ? 0 : (Double(index) / Double(summary.n - 1) - 0.5) * spread
            page.empty("circle", [
                ("class", "seed"), ("cx", NumberText.coordinate(centre - 30 + offset)), ("cy", NumberText.coordinate(y(value))), ("r", "2.5"),
            ])
        }
    }

    private func writeMean(_ summary: PointSummary, label: String, centre: Double, y: (Double) -> Double, into page: inout Markup) {
        let x = NumberText.coordinate(centre + 20)
        page.empty("line", [("class", "whisker"), ("x1", x), ("x2", x), ("y1", NumberText.coordinate(y(summary.ciLow))), ("y2", NumberText.coordinate(y(summary.ciHigh)))])
        for end in [summary.ciLow, summary.ciHigh] {
            page.empty("line", [
                ("class", "whisker"), ("x1", NumberText.coordinate(centre + 14)), ("x2", NumberText.coordinate(centre + 26)),
                ("y1", NumberText.coordinate(y(end))), ("y2", NumberText.coordinate(y(end))),
            ])
        }
        page.open("circle", [("class", "dot"), ("cx", x), ("cy", NumberText.coordinate(y(summary.mean))), ("r", "4")])
        page.element("title", text: "\(label)\nmean \(NumberText.value(summary.mean)), 95 % CI [\(NumberText.value(summary.ciLow)), \(NumberText.value(summary.ciHigh))], n = \(summary.n)")
        page.close("circle")
    }

    /// Point labels can be long (`topology.masters={a: 2, b: 2, c: 1}`): the
    /// chart shows the values only; the table below has the whole label.
    static func shortLabel(_ label: String) -> String {
        let values = topLevelParts(label).map { part -> String in
            guard let equals = part.firstIndex(of: "=") else { return part }
            return String(part[part.index(after: equals)...])
        }
        let text = values.joined(separator: " · ")
        return text.count > 24 ? String(text.prefix(23)) + "…" : text
    }

    /// `label` split at the ", " that separate its axes, not those inside a
    /// value's braces or brackets.
    static func topLevelParts(_ label: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        var previous: Character?
        for character in label {
            if character == "{" || character == "[" { depth += 1 }
            if character == "}" || character == "]" { depth -= 1 }
            if character == " ", previous == ",", depth == 0 {
                current.removeLast()
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
            previous = character
        }
        parts.append(current)
        return parts
    }
}
