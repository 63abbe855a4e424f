/// Draws the timeline as inline SVG: a simulated-time axis, the lanes by
/// section with their intervals coloured by state, fault windows shaded
/// across every lane, and event marks whose detail shows on hover (SVG
/// `<title>`, which browsers show as a tooltip without any script).
struct TimelineSVG {
    let lanes: TimelineLanes
    let faults: [FaultWindow]
    let marks: [EventMark]
    /// The window shown, in nanoseconds since the start of the run.
    let from: Int64
    let to: Int64

    static let width = 1180.0
    static let labelWidth = 200.0
    static let rightMargin = 16.0
    static let faultBandHeight = 18.0
    static let axisHeight = 22.0
    static let laneHeight = 16.0
    static let laneGap = 4.0
    static let sectionGap = 20.0
    static let characterWidth = 6.4

    var plotWidth: Double { Self.width - Self.labelWidth - Self.rightMargin }

    func x(_ time: Int64) -> Double {
        let clamped = min(max(time, from), to)
        return Self.labelWidth + Double(clamped - from) / Double(max(to - from, 1)) * plotWidth
    }

    /// Writes the SVG; returns the states drawn with their colours, in the
    /// order first drawn, for the legend.
    func write(into markup: inout Markup, palette: inout StatePalette) -> [(state: String, colour: String)] {
        let unplaced = marks.filter { $0.laneKey == nil && $0.time >= from && $0.time <= to }
        let marksByLane = Dictionary(grouping: marks.filter { $0.laneKey != nil && $0.time >= from && $0.time <= to }, by: { $0.laneKey! })
        var body = Markup()
        var legend: [(state: String, colour: String)] = []
        var seen: Set<String> = []
        var y = Self.faultBandHeight + Self.axisHeight
        var section: TimelineLanes.Section?
        for lane in lanes.lanes {
            if lane.section != section {
                if section != nil { body.close("g") }
                section = lane.section
                y += Self.sectionGap
                body.open("g", [("class", "section"), ("data-section", lane.section.title)])
                body.element("text", [("class", "section-title"), ("x", "4"), ("y", NumberText.coordinate(y - 6))], text: lane.section.title)
            }
            body.open("g", [("class", "lane"), ("data-entity", lane.key), ("data-members", String(lane.members))])
            body.element("text", [("class", "lane-label"), ("x", "10"), ("y", NumberText.coordinate(y + Self.laneHeight - 4))], text: lane.title)
            for segment in lane.segments where segment.end > from && segment.start < to {
                let colour = palette.colour(segment.colourState)
                // Free-form states (holders, endpoints) are written on their
                // segments; the legend lists the fixed colours.
                if StatePalette.fixed[segment.colourState] != nil, seen.insert(segment.colourState).inserted {
                    legend.append((segment.colourState, colour))
                }
                writeSegment(segment, lane: lane, y: y, colour: colour, into: &body)
            }
            for mark in marksByLane[lane.key] ?? [] {
                writeMark(mark, y: y, into: &body)
            }
            body.close("g")
            y += Self.laneHeight + Self.laneGap
        }
        if section != nil { body.close("g") }
        if !unplaced.isEmpty {
            y += Self.sectionGap
            body.open("g", [("class", "section"), ("data-section", "other events")])
            body.element("text", [("class", "section-title"), ("x", "4"), ("y", NumberText.coordinate(y - 6))], text: "other events")
            body.open("g", [("class", "lane"), ("data-entity", "events"), ("data-members", "0")])
            body.element("text", [("class", "lane-label"), ("x", "10"), ("y", NumberText.coordinate(y + Self.laneHeight - 4))], text: "network, faults, …")
            for mark in unplaced { writeMark(mark, y: y, into: &body) }
            body.close("g")
            body.close("g")
            y += Self.laneHeight + Self.laneGap
        }
        let height = y + 8
        markup.open("svg", [
            ("class", "timeline"), ("xmlns", "http://www.w3.org/2000/svg"), ("width", NumberText.coordinate(Self.width)),
            ("height", NumberText.coordinate(height)),
            ("viewBox", "0 0 \(NumberText.coordinate(Self.width)) \(NumberText.coordinate(height))"), ("role", "img"),
            ("aria-label", "timeline from \(TimeText.format(from)) to \(TimeText.format(to))"),
        ])
        writeAxis(height: height, into: &markup)
        markup.append(body)
        writeFaults(height: height, into: &markup)
        markup.close("svg")
        return legend
    }

    private func writeAxis(height: Double, into markup: inout Markup) {
        let axis = TimeAxis(from: from, to: to)
        markup.open("g", [("class", "axis")])
        let top = Self.faultBandHeight + Self.axisHeight
        for tick in axis.ticks {
            let x = NumberText.coordinate(x(tick))
            markup.empty("line", [("class", "grid"), ("x1", x), ("x2", x), ("y1", NumberText.coordinate(top - 4)), ("y2", NumberText.coordinate(height - 4))])
            markup.element("text", [("class", "tick"), ("x", x), ("y", NumberText.coordinate(top - 8))], text: axis.label(tick))
        }
        markup.close("g")
    }

    private func writeSegment(_ segment: TimelineLanes.Segment, lane: TimelineLanes.Lane, y: Double, colour: String, into markup: inout Markup) {
        let left = x(segment.start), right = x(segment.end)
        // A state held for a millisecond of a two-hour window still gets a
        // visible sliver; its exact span is in the hover text.
        let width = max(right - left, 1.5)
        var attributes: [(StaticString, String)] = [
            ("class", "iv"), ("data-state", segment.state), ("x", NumberText.coordinate(left)), ("y", NumberText.coordinate(y)),
            ("width", NumberText.coordinate(width)), ("height", NumberText.coordinate(Self.laneHeight)), ("fill", colour),
        ]
        if let anchor = segment.anchor { attributes.insert(("id", anchor), at: 0) }
        markup.open("rect", attributes)
        markup.element("title", text: "\(lane.title): \(segment.state)\n\(TimeText.span(segment.start, segment.end))")
        markup.close("rect")
        let label = segment.state
        if width >= Double(label.count) * Self.characterWidth + 8 {
            markup.element("text", [
                ("class", "iv-label"), ("x", NumberText.coordinate(left + 4)), ("y", NumberText.coordinate(y + Self.laneHeight - 4)),
                ("fill", StatePalette.textColour(on: colour)),
            ], text: label)
        }
    }

    private func writeMark(_ mark: EventMark, y: Double, into markup: inout Markup) {
        let x = x(mark.time), middle = y + Self.laneHeight / 2
        let d = "M\(NumberText.coordinate(x)) \(NumberText.coordinate(middle - 6))l4 6l-4 6l-4 -6z"
        markup.open("path", [("class", "ev"), ("data-kind", mark.kind), ("d", d)])
        markup.element("title", text: mark.title)
        markup.close("path")
    }

    private func writeFaults(height: Double, into markup: inout Markup) {
        markup.open("g", [("class", "faults")])
        for fault in faults where fault.end > from && fault.start < to {
            let left = x(fault.start), width = max(x(fault.end) - left, 1)
            let title = "\(fault.category.rawValue) \(fault.kind) on \(fault.entity)\n\(TimeText.span(fault.start, fault.end))"
            markup.empty("rect", [
                ("class", "fault"), ("data-entity", fault.entity), ("data-kind", fault.kind), ("data-category", fault.category.rawValue),
                ("x", NumberText.coordinate(left)), ("y", "0"),
                ("width", NumberText.coordinate(width)), ("height", NumberText.coordinate(height)),
            ])
            markup.open("g", [("class", "fault-band")])
            markup.open("rect", [
                ("x", NumberText.coordinate(left)), ("y", "0"), ("width", NumberText.coordinate(width)), ("height", NumberText.coordinate(Self.faultBandHeight - 2)),
            ])
            markup.element("title", text: title)
            markup.close("rect")
            markup.element("text", [("x", NumberText.coordinate(left + 4)), ("y", "12")], text: fault.name)
            markup.close("g")
        }
        markup.close("g")
    }
}
