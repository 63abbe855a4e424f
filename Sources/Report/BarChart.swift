/// A small horizontal bar chart: one labelled bar per row, scaled to the
/// largest value (or to a fixed maximum, 1 for ratios).
struct BarChart {
    struct Bar {
        var label: String
        var value: Double
        var text: String
    }

    var title: String
    var bars: [Bar]
    var maximum: Double?

    static let width = 640.0
    static let labelWidth = 340.0
    static let barHeight = 14.0
    static let gap = 4.0

    func write(into page: inout Markup) {
        guard !bars.isEmpty else { return }
        let top = maximum ?? bars.map(\.value).max() ?? 1
        let scale = top > 0 ? (Self.width - Self.labelWidth - 110) / top : 0
        let height = 22 + Double(bars.count) * (Self.barHeight + Self.gap)
        page.open("svg", [
            ("class", "chart"), ("xmlns", "http://www.w3.org/2000/svg"), ("width", NumberText.coordinate(Self.width)),
            ("height", NumberText.coordinate(height)), ("viewBox", "0 0 \(NumberText.coordinate(Self.width)) \(NumberText.coordinate(height))"),
            ("role", "img"), ("aria-label", title),
        ])
        page.element("text", [("class", "section-title"), ("x", "0"), ("y", "12")], text: title)
        for (index, bar) in bars.enumerated() {
            let y = 20 + Double(index) * (Self.barHeight + Self.gap)
            let length = max(bar.value, 0) * scale
            page.element("text", [("class", "lane-label"), ("x", "0"), ("y", NumberText.coordinate(y + Self.barHeight - 3))], text: bar.label)
            page.open("rect", [
                ("class", "bar"), ("x", NumberText.coordinate(Self.labelWidth)), ("y", NumberText.coordinate(y)),
                ("width", NumberText.coordinate(length)), ("height", NumberText.coordinate(Self.barHeight)),
            ])
            page.element("title", text: "\(bar.label): \(bar.text)")
            page.close("rect")
            page.element("text", [("class", "value"), ("x", NumberText.coordinate(Self.labelWidth + length + 4)), ("y", NumberText.coordinate(y + Self.barHeight - 3))], text: bar.text)
        }
        page.close("svg")
    }
}
