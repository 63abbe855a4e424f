import ResultStore

/// The report of one run: one self-contained HTML page (inline CSS and SVG,
/// no script, nothing fetched) whose bytes depend only on the run's rows,
/// the description and the window, so equal runs give equal files.
public struct RunPage {
    public var run: StoredRun
    /// The scenario's description, when the command line could read it.
    public var description: String?
    public var window: ReportWindow

    public init(run: StoredRun, description: String?, window: ReportWindow? = nil) {
        self.run = run
        self.description = description
        self.window = window ?? .whole(duration: run.durationNanoseconds)
    }

    public func html() -> String {
        var page = Markup()
        let failed = run.expectations.filter { !$0.passed }.count
        ReportDocument.begin(title: "hasim report: \(run.scenario), seed \(run.seed)", into: &page)
        page.element("h1", text: run.scenario)
        if let description, !description.isEmpty { page.element("p", [("class", "description")], text: description) }
        writeFacts(failed: failed, into: &page)
        writeTimeline(into: &page)
        writeReadyPods(into: &page)
        DowntimeAttribution(rows: run.downtime).write(window: window, into: &page)
        writeExpectations(failed: failed, into: &page)
        writeMetrics(into: &page)
        ReportDocument.end(into: &page)
        return page.output
    }

    private func writeFacts(failed: Int, into page: inout Markup) {
        var facts: [(String, String)] = []
        if let runID = run.runID { facts.append(("run", String(runID))) }
        facts += [
            ("seed", String(run.seed)), ("simulated", TimeText.format(run.durationNanoseconds)),
            ("digest", run.digest), ("unseed", run.unseed),
            ("events", String(run.eventsDispatched)), ("tool", "hasim \(run.toolVersion)"),
            ("file", run.scenarioPath), ("sha256", String(run.scenarioSHA256.prefix(16)) + "…"),
        ]
        if run.parameters != "{}" { facts.append(("overrides", run.parameters)) }
        page.open("dl", [("class", "facts")])
        for (name, value) in facts {
            page.element("dt", text: name)
            page.element("dd", text: value)
        }
        page.element("dt", text: "expectations")
        page.open("dd")
        if run.expectations.isEmpty {
            page.text("none")
        } else {
            page.element("span", [("class", failed == 0 ? "badge pass" : "badge fail")], text: "\(run.expectations.count - failed) passed, \(failed) failed")
        }
        page.close("dd")
        page.close("dl")
    }

    private func writeTimeline(into page: inout Markup) {
        let lanes = TimelineLanes(run: run)
        let timeline = TimelineSVG(
            lanes: lanes, faults: FaultWindow.windows(events: run.events, runEnd: run.durationNanoseconds),
            marks: EventMark.marks(events: run.events, lanes: lanes), from: window.from, to: window.to)
        page.element("h2", [("id", "timeline")], text: "Timeline, \(TimeText.format(window.from)) to \(TimeText.format(window.to))")
        page.element("p", [("class", "note")], text: "Hover over an interval, a fault or an event mark (◆) for its detail. Workers are grouped per zone, with the count in each state. Zoom with --from and --to.")
        var palette = StatePalette()
        page.open("div", [("class", "scroll")])
        let legend = timeline.write(into: &page, palette: &palette)
        page.close("div")
        // One entry per colour: `up / ready / healthy` are one green.
        var colours: [String] = []
        var names: [String: [String]] = [:]
        for entry in legend {
            if names[entry.colour] == nil { colours.append(entry.colour) }
            names[entry.colour, default: []].append(entry.state)
        }
        page.open("div", [("class", "legend")])
        for colour in colours {
            page.open("span")
            page.element("span", [("class", "swatch"), ("style", "background:\(colour)")])
            page.text(names[colour]!.joined(separator: " / "))
            page.close("span")
        }
        page.close("div")
    }

    /// The ready-pod charts, under the timeline and on its scale, when the
    /// run recorded ready pods.
    private func writeReadyPods(into page: inout Markup) {
        let charts = ReadyPodChart.charts(intervals: run.intervals)
        guard !charts.isEmpty else { return }
        page.element("h2", [("id", "ready-pods")], text: "Ready pods per zone, \(TimeText.format(window.from)) to \(TimeText.format(window.to))")
        page.element("p", [("class", "note")], text: "Each workload's ready pods, zone by zone and in all, as steps on the timeline's scale; hover over a line for its lowest count.")
        for chart in charts {
            page.open("div", [("class", "scroll")])
            chart.write(from: window.from, to: window.to, into: &page)
            page.close("div")
        }
    }

    private func writeExpectations(failed: Int, into page: inout Markup) {
        guard !run.expectations.isEmpty else { return }
        page.element("h2", text: "Expectations: \(run.expectations.count - failed) passed, \(failed) failed")
        let rows = run.expectations.map { expectation -> [HTMLTable.Cell] in
            [
                HTMLTable.Cell(expectation.passed ? "PASS" : "FAIL", style: expectation.passed ? "pass" : "fail"),
                HTMLTable.Cell(expectation.name), .number(NumberText.value(expectation.observed)), HTMLTable.Cell(expectation.bound),
            ]
        }
        HTMLTable(style: "expectations", headings: ["", "expectation", "observed", "expected"], rows: rows).write(into: &page)
    }

    private func writeMetrics(into page: inout Markup) {
        guard !run.metrics.isEmpty else { return }
        page.element("h2", text: "Metrics")
        MetricCharts(metrics: run.metrics, durationNanoseconds: run.durationNanoseconds).write(into: &page)
        let rows = run.metrics.map { [HTMLTable.Cell($0.name), .number(NumberText.value($0.value)), HTMLTable.Cell($0.unit)] }
        HTMLTable(style: "metrics", headings: ["metric", "value", "unit"], rows: rows).write(into: &page)
    }
}
