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
            guard metric.unit == "ratio", metric.name.hasSuffix("availability"), !Self.isWorkload(metric.name), let value = metric.value, value < 1 else { return nil }
            let lost = (1 - value) * seconds
            return BarChart.Bar(label: metric.name, value: lost, text: "\(TimeText.format(Int64((lost * 1e9).rounded()))) (\(NumberText.value(value)))")
        }
        let timed = metrics.compactMap { metric -> BarChart.Bar? in
            guard metric.unit == "s", let value = metric.value, value > 0 else { return nil }
            return BarChart.Bar(label: metric.name, value: value, text: TimeText.format(Int64((value * 1e9).rounded())))
        }
        // A workload's availability is the time-average of ready / desired
        // pods: 0.98 is 2 % of the pods missing on average, not 2 % of the
        // time without the workload, which may never have dropped below its
        // minAvailable. It is shown as what it is.
        let workloads = metrics.compactMap { metric -> BarChart.Bar? in
            guard Self.isWorkload(metric.name), let value = metric.value, value < 1 else { return nil }
            return BarChart.Bar(label: metric.name, value: 1 - value, text: "\(NumberText.value((1 - value) * 100)) % of desired pods not ready, on average")
        }
        page.open("div", [("class", "charts")])
        BarChart(title: "Time unavailable: (1 − availability) × duration", bars: unavailable, maximum: nil).write(into: &page)
        BarChart(title: "Workloads: pods not ready, time-average of 1 − ready / desired", bars: workloads, maximum: nil).write(into: &page)
        BarChart(title: "Metrics in seconds, those above zero", bars: timed, maximum: nil).write(into: &page)
        page.close("div")
    }

    /// `workload.availability` and `workload.<name>.availability`: pod-weighted.
    static func isWorkload(_ name: String) -> Bool {
        name.hasPrefix("workload.") && name.hasSuffix(".availability")
    }
}
