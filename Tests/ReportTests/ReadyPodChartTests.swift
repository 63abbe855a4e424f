import Foundation
import ResultStore
import Testing

@testable import Report

/// The ready-pod step chart: a workload's ready pods zone by zone and in
/// all, from the run's `pods/<workload>/<zone>` rows (the count as the
/// state), under the timeline and on its scale.
@Suite struct ReadyPodChartTests {
    static let minute = ReportFixtures.minute

    /// Zone a's 100 pods of `web` go at 10 m and come back in zones b and c
    /// by 15 m, half each; zone a's return at 40 m; `db`'s 3 pods stay.
    static let intervals: [StoredRun.Interval] = [
        .init(entity: "pods/web/a", state: "100", startNanoseconds: 0, endNanoseconds: 10 * minute),
        .init(entity: "pods/web/a", state: "0", startNanoseconds: 10 * minute, endNanoseconds: 60 * minute),
        .init(entity: "pods/web/b", state: "100", startNanoseconds: 0, endNanoseconds: 15 * minute),
        .init(entity: "pods/web/b", state: "150", startNanoseconds: 15 * minute, endNanoseconds: 60 * minute),
        .init(entity: "pods/web/c", state: "100", startNanoseconds: 0, endNanoseconds: 15 * minute),
        .init(entity: "pods/web/c", state: "150", startNanoseconds: 15 * minute, endNanoseconds: 60 * minute),
        .init(entity: "pods/db/b", state: "3", startNanoseconds: 0, endNanoseconds: 60 * minute),
        .init(entity: "zone/a", state: "up", startNanoseconds: 0, endNanoseconds: 10 * minute),
        .init(entity: "zone/a", state: "down", startNanoseconds: 10 * minute, endNanoseconds: 40 * minute),
        .init(entity: "zone/a", state: "up", startNanoseconds: 40 * minute, endNanoseconds: 60 * minute),
    ]

    var run: StoredRun { ReportFixtures.run(intervals: Self.intervals, durationMinutes: 60) }

    @Test func oneChartPerWorkloadWithItsZonesInOrder() {
        let charts = ReadyPodChart.charts(intervals: Self.intervals)
        #expect(charts.map(\.workload) == ["db", "web"])
        #expect(charts[1].zones.map(\.zone) == ["a", "b", "c"])
        #expect(
            charts[1].zones[0].steps == [.init(start: 0, end: 10 * Self.minute, ready: 100), .init(start: 10 * Self.minute, end: 60 * Self.minute, ready: 0)])
    }

    /// The workload in all: 300, 200 while zone a's pods are rescheduled,
    /// 300 again; equal neighbours are one step.
    @Test func theTotalSumsTheZonesBetweenChanges() {
        let web = ReadyPodChart.charts(intervals: Self.intervals)[1]
        #expect(
            web.total == [
                .init(start: 0, end: 10 * Self.minute, ready: 300), .init(start: 10 * Self.minute, end: 15 * Self.minute, ready: 200),
                .init(start: 15 * Self.minute, end: 60 * Self.minute, ready: 300),
            ])
        #expect(ReadyPodChart.summary(web.total) == "300 at 0s, lowest 200 from 10m, 300 at 1h")
    }

    @Test func thePageDrawsAStepLinePerZoneAndTheCountsAreNotLanes() throws {
        let html = RunPage(run: run, description: nil).html()
        #expect(html.contains("<h2 id=\"ready-pods\">Ready pods per zone, 0s to 1h</h2>"))
        #expect(html.occurrences(of: "<svg class=\"chart ready-pods\"") == 2)
        #expect(html.contains("data-workload=\"web\""))
        for zone in ["all", "a", "b", "c"] {
            #expect(html.contains("<path class=\"step\" data-zone=\"\(zone)\""), "no line for \(zone)")
        }
        #expect(html.contains("<title>web, zone a: 100 at 0s, lowest 0 from 10m, 0 at 1h</title>"))
        #expect(html.contains("<title>web, all zones: 300 at 0s, lowest 200 from 10m, 300 at 1h</title>"))
        #expect(!html.contains("data-entity=\"pods/"))
        // The chart follows the timeline, before the attribution and metrics.
        let timeline = try #require(html.range(of: "<svg class=\"timeline\""))
        let chart = try #require(html.range(of: "<svg class=\"chart ready-pods\""))
        #expect(timeline.lowerBound < chart.lowerBound)
    }

    /// Zone a's line drops at 10 m, on the timeline's horizontal scale: the
    /// same x as the timeline's 10 m, so the two read together.
    @Test func theStepsLineUpWithTheTimeline() throws {
        let html = RunPage(run: run, description: nil).html()
        let timelineX = TimelineSVG.labelWidth + (TimelineSVG.width - TimelineSVG.labelWidth - TimelineSVG.rightMargin) / 6
        let x = NumberText.coordinate(timelineX)
        let zoneA = try #require(html.firstMatch(of: #/<path class="step" data-zone="a" d="([^"]+)"/#)).output.1
        #expect(zoneA.hasPrefix("M200 "))
        #expect(zoneA.contains("L\(x) "), "\(zoneA) has no step at x = \(x)")
    }

    /// A window zooms the chart as it zooms the timeline; a run without the
    /// rows has no chart, and a row whose state is not a count is left out.
    @Test func aWindowZoomsItAndRunsWithoutCountsHaveNone() throws {
        let window = try ReportWindow(from: 9 * Self.minute, to: 16 * Self.minute, duration: 60 * Self.minute)
        let zoomed = RunPage(run: run, description: nil, window: window).html()
        #expect(zoomed.contains("<h2 id=\"ready-pods\">Ready pods per zone, 9m to 16m</h2>"))
        #expect(zoomed.contains("<title>web, all zones: 300 at 0s, lowest 200 from 10m, 300 at 1h</title>"))
        let without = ReportFixtures.run(intervals: Array(Self.intervals.suffix(3)), durationMinutes: 60)
        #expect(!RunPage(run: without, description: nil).html().contains("ready-pods"))
        #expect(ReadyPodChart.charts(intervals: [.init(entity: "pods/web/a", state: "many", startNanoseconds: 0, endNanoseconds: 1)]).isEmpty)
    }
}
