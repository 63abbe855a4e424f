import ResultStore

/// Ready pods over time as a step chart, one chart per workload with a line
/// per zone and one for the whole workload: where the pods were while a
/// zone was dark, how long the rescheduled ones took, and whether the
/// workload fell below what it needs, which the time-average of its
/// availability metric hides.
///
/// The counts come from the run's `interval` rows of entity
/// `pods/<workload>/<zone>` whose state is the number of ready pods of that
/// workload in that zone (`"98"`): a count changes as a state does, so the
/// rows need no table of their own. Those rows are not lanes: the timeline
/// leaves them to this chart.
struct ReadyPodChart {
    static let entityPrefix = "pods/"

    /// One zone's ready pods of one workload: the count from each start.
    struct Series: Equatable {
        var zone: String
        var steps: [Step]
    }

    struct Step: Equatable {
        var start: Int64
        var end: Int64
        var ready: Int
    }

    let workload: String
    let zones: [Series]

    /// The charts of a run, one per workload, in natural order; a row whose
    /// state is not a count is left out.
    static func charts(intervals: [StoredRun.Interval]) -> [ReadyPodChart] {
        var byWorkload: [String: [String: [Step]]] = [:]
        for interval in intervals where interval.entity.hasPrefix(entityPrefix) {
            let path = interval.entity.dropFirst(entityPrefix.count)
            guard let slash = path.lastIndex(of: "/"), let ready = Int(interval.state), ready >= 0 else { continue }
            let workload = String(path[..<slash]), zone = String(path[path.index(after: slash)...])
            guard !workload.isEmpty, !zone.isEmpty else { continue }
            byWorkload[workload, default: [:]][zone, default: []]
                .append(Step(start: interval.startNanoseconds, end: interval.endNanoseconds, ready: ready))
        }
        return byWorkload.keys.sorted { NaturalOrder(text: $0) < NaturalOrder(text: $1) }.map { workload in
            let zones = byWorkload[workload]!.map { zone, steps in
                Series(zone: zone, steps: steps.sorted { ($0.start, $0.end) < ($1.start, $1.end) })
            }
            return ReadyPodChart(workload: workload, zones: zones.sorted { NaturalOrder(text: $0.zone) < NaturalOrder(text: $1.zone) })
        }
    }

    /// The whole workload's ready pods: the sum of its zones' counts between
    /// every change of any of them (a zone with no row at an instant counts 0).
    var total: [Step] {
        var points = Set<Int64>()
        for series in zones { for step in series.steps { points.formUnion([step.start, step.end]) } }
        let sorted = points.sorted()
        var steps: [Step] = []
        for (left, right) in zip(sorted, sorted.dropFirst()) where right > left {
            let ready = zones.reduce(0) { sum, series in sum + (series.steps.last { $0.start <= left && left < $0.end }?.ready ?? 0) }
            if var last = steps.last, last.end == left, last.ready == ready {
                last.end = right
                steps[steps.count - 1] = last
            } else {
                steps.append(Step(start: left, end: right, ready: ready))
            }
        }
        return steps
    }

    static let width = TimelineSVG.width
    static let left = TimelineSVG.labelWidth
    static let height = 200.0
    static let top = 24.0
    static let bottom = 26.0
    /// Distinct, colour-blind-safe line colours (Okabe and Ito), zone by zone.
    static let colours = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442"]

    /// Writes the chart for the window `from`..<`to`, on the timeline's
    /// horizontal scale so that the two line up.
    func write(from: Int64, to: Int64, into page: inout Markup) {
        let total = self.total
        let highest = max(total.map(\.ready).max() ?? 0, 1)
        let axis = ValueAxis(values: [0, Double(highest)])
        let plotWidth = Self.width - Self.left - TimelineSVG.rightMargin
        let plotHeight = Self.height - Self.top - Self.bottom
        func x(_ time: Int64) -> Double {
            Self.left + Double(min(max(time, from), to) - from) / Double(max(to - from, 1)) * plotWidth
        }
        func y(_ value: Double) -> Double { Self.top + (axis.high - value) / (axis.high - axis.low) * plotHeight }
        page.open(
            "svg",
            [
                ("class", "chart ready-pods"), ("xmlns", "http://www.w3.org/2000/svg"), ("data-workload", workload),
                ("width", NumberText.coordinate(Self.width)), ("height", NumberText.coordinate(Self.height)),
                ("viewBox", "0 0 \(NumberText.coordinate(Self.width)) \(NumberText.coordinate(Self.height))"), ("role", "img"),
                ("aria-label", "ready pods of \(workload) per zone"),
            ])
        page.element("text", [("class", "section-title"), ("x", "0"), ("y", "14")], text: "ready pods: \(workload)")
        for tick in axis.ticks {
            let ty = NumberText.coordinate(y(tick))
            page.empty(
                "line",
                [("class", "grid"), ("x1", NumberText.coordinate(Self.left)), ("x2", NumberText.coordinate(Self.left + plotWidth)), ("y1", ty), ("y2", ty)])
            page.element(
                "text", [("class", "value"), ("x", NumberText.coordinate(Self.left - 6)), ("y", ty), ("text-anchor", "end"), ("dy", "4")],
                text: ValueAxis.label(tick))
        }
        let time = TimeAxis(from: from, to: to)
        for tick in time.ticks {
            page.element(
                "text", [("class", "tick"), ("x", NumberText.coordinate(x(tick))), ("y", NumberText.coordinate(Self.height - 8))], text: time.label(tick))
        }
        let lines =
            [(name: "all zones", colour: "#1a1a1a", steps: total)]
            + zones.enumerated().map { (name: "zone \($0.element.zone)", colour: Self.colours[$0.offset % Self.colours.count], steps: $0.element.steps) }
        for (index, line) in lines.enumerated() {
            let shown = line.steps.filter { $0.end > from && $0.start < to }
            guard !shown.isEmpty else { continue }
            var d = "M\(NumberText.coordinate(x(shown[0].start))) \(NumberText.coordinate(y(Double(shown[0].ready))))"
            for step in shown {
                let level = NumberText.coordinate(y(Double(step.ready)))
                d += "L\(NumberText.coordinate(x(step.start))) \(level)L\(NumberText.coordinate(x(step.end))) \(level)"
            }
            let zone = index == 0 ? "all" : zones[index - 1].zone
            page.open(
                "path",
                [("class", "step"), ("data-zone", zone), ("d", d), ("fill", "none"), ("stroke", line.colour), ("stroke-width", index == 0 ? "2" : "1.5")])
            page.element("title", text: "\(workload), \(line.name): \(Self.summary(shown))")
            page.close("path")
            let legendX = Self.left + 8 + Double(index) * 110
            page.empty(
                "line",
                [
                    ("x1", NumberText.coordinate(legendX)), ("x2", NumberText.coordinate(legendX + 14)), ("y1", "10"), ("y2", "10"), ("stroke", line.colour),
                    ("stroke-width", "2"),
                ])
            page.element("text", [("class", "value"), ("x", NumberText.coordinate(legendX + 18)), ("y", "14")], text: line.name)
        }
        page.close("svg")
    }

    /// A line's hover text: where it starts and ends, and its lowest count
    /// with when that began (a thousand steps would not fit in a tooltip).
    static func summary(_ steps: [Step]) -> String {
        guard let first = steps.first, let last = steps.last, let lowest = steps.min(by: { $0.ready < $1.ready }) else { return "" }
        return
            "\(first.ready) at \(TimeText.format(first.start)), lowest \(lowest.ready) from \(TimeText.format(lowest.start)), \(last.ready) at \(TimeText.format(last.end))"
    }
}
