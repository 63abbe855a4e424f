import Foundation
import ResultStore
import Simulation

/// The run's downtime, as the model attributed it (the `downtime` rows): a
/// lane per availability condition on the timeline, each failing window a
/// segment named by its mechanism, and a table that adds each condition up
/// ("API downtime 4.6 min = 1.49 pinned connection (crash master-a-1) +
/// ...") with every item linked to its windows on the timeline.
struct DowntimeAttribution {
    let rows: [StoredRun.Downtime]

    /// Rows of one condition, in time order (the order stored).
    func rows(of condition: DowntimeCondition) -> [StoredRun.Downtime] {
        rows.filter { $0.metric == condition.rawValue }.sorted { ($0.startNanoseconds, $0.endNanoseconds) < ($1.startNanoseconds, $1.endNanoseconds) }
    }

    /// The id of a window's segment, the target of the table's links.
    static func anchor(_ condition: DowntimeCondition, _ index: Int) -> String {
        "downtime-\(condition.rawValue)-\(index + 1)"
    }

    var lanes: [TimelineLanes.Lane] {
        Set(rows.compactMap { DowntimeCondition(rawValue: $0.metric) }).sorted().compactMap { condition in
            let rows = rows(of: condition)
            guard !rows.isEmpty else { return nil }
            let segments = rows.enumerated().map { index, row in
                TimelineLanes.Segment(
                    start: row.startNanoseconds, end: row.endNanoseconds, state: "\(row.mechanism) (\(row.cause))", colourState: "failing",
                    anchor: Self.anchor(condition, index))
            }
            return TimelineLanes.Lane(key: "downtime/\(condition.rawValue)", title: condition.title, section: .downtime, members: 1, segments: segments)
        }
    }

    /// The table: per condition its total, then each mechanism and cause
    /// with its minutes and links to its windows (those inside the window
    /// shown; the others are named without a link).
    func write(window: ReportWindow, into page: inout Markup) {
        page.element("h2", [("id", "downtime")], text: "Downtime attribution")
        let breakdowns = DowntimeBreakdown.of(rows.map(\.interval))
        guard !breakdowns.isEmpty else {
            page.element("p", [("class", "note")], text: "No availability condition failed in this run.")
            return
        }
        page.element(
            "p", [("class", "note")],
            text:
                "Each failing stretch of a condition, attributed to the fault or failure that started it and the mechanism that made it last (docs/FAILURES.md, \"Downtime attribution\"). The links go to each window's segment on the timeline."
        )
        for breakdown in breakdowns {
            let rows = rows(of: breakdown.condition)
            let summary = breakdown.parts.map { "\(Self.minutes($0.seconds)) \($0.mechanism) (\($0.cause))" }.joined(separator: " + ")
            page.element(
                "p", [("class", "downtime-sum")],
                text: "\(breakdown.condition.title) (\(breakdown.condition.rawValue)): \(Self.minutes(breakdown.seconds)) min = \(summary)")
            page.open("table", [("class", "downtime"), ("data-condition", breakdown.condition.rawValue)])
            page.open("tr")
            for heading in ["mechanism", "cause", "min", "time", "windows on the timeline"] { page.element("th", text: heading) }
            page.close("tr")
            for part in breakdown.parts {
                page.open("tr")
                page.element("td", text: part.mechanism)
                page.element("td", text: part.cause)
                page.element("td", [("class", "num")], text: Self.minutes(part.seconds))
                page.element("td", [("class", "num")], text: TimeText.format(Int64((part.seconds * 1e9).rounded())))
                page.open("td")
                var first = true
                for (index, row) in rows.enumerated() where row.mechanism == part.mechanism && row.causes == part.causes {
                    if !first { page.text(", ") }
                    first = false
                    let text = "\(TimeText.format(row.startNanoseconds))–\(TimeText.format(row.endNanoseconds))"
                    if row.endNanoseconds > window.from && row.startNanoseconds < window.to {
                        page.element("a", [("href", "#" + Self.anchor(breakdown.condition, index))], text: text)
                    } else {
                        page.text(text)
                    }
                }
                page.close("td")
                page.close("tr")
            }
            page.close("table")
        }
    }

    /// Minutes as `hasim run` prints them: three significant digits below 10.
    static func minutes(_ seconds: Double) -> String {
        let value = seconds / 60
        if value == 0 { return "0" }
        return abs(value) >= 10 ? String(format: "%.1f", value) : String(format: "%.3g", value)
    }
}
