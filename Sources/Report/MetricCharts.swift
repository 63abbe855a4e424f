import ResultStore

/// Charts of a run's metrics, where it has them: each availability (a
/// ratio) as the time it was unavailable over the run, which tells
/// 99.9 % from 99.99 % at a glance where bars of the ratios would all look
/// full; and the metrics in seconds (outages, leaderless stretches). Only
/// the ones that are not perfect or zero: the table below has them all.
struct MetricCharts {
    let metrics: [StoredRun.Metric]
    let durationNanoseconds: Int64

    func write(into page: inout Markup) {
        let seconds = Double(durationNanoseconds) / 1e9
        let unavailable = metrics.compactMap { metric -> BarChart.Bar? in
            guard metric.unit == "ratio", metric.name.hasSuffix("availability"), let value = metric.value, value < 1 else { return nil }
            let lost = (1 - value) * seconds
            return BarChart.Bar(label: metric.name, value: lost, text: "\(TimeText.format(Int64((lost * 1e9).rounded()))) (\(NumberText.value(value)))")
        }
        let timed = metrics.compactMap { metric -> BarChart.Bar? in
            guard metric.unit == "s", let value = metric.value, value > 0 else { return nil }
            return BarChart.Bar(label: metric.name, value: value, text: TimeText.format(Int64((value * 1e9).rounded())))
        }
        page.open("div", [("class", "charts")])
        BarChart(title: "Time unavailable: (1 − availability) × duration", bars: unavailable, maximum: nil).write(into: &page)
        BarChart(title: "Metrics in seconds, those above zero", bars: timed, maximum: nil).write(into: &page)
        page.close("div")
    }
}
