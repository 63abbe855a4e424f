import Foundation
import HASim
import Testing

/// SLOs as providers define them (docs/SLO.md): windows of the run, whole
/// downtime periods counted, the worst window named; over seeds, the
/// fraction of windows meeting the SLO with Wilson's interval.
@Suite struct ServiceLevelTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Counted downtime per window, computed the slow way: every downtime
    /// period of the run in turn, down when one stretch of the condition's
    /// intervals (touching ones joined) covers all of it.
    static func directCounted(
        _ intervals: [DowntimeInterval], metric: String, duration: SimDuration, window: SimDuration,
        period: SimDuration
    ) -> [Double] {
        var stretches: [(Int64, Int64)] = []
        for interval in intervals.filter({ $0.metric == metric }).sorted(by: { $0.start < $1.start }) {
            let start = interval.start.nanosecondsSinceStart, end = interval.end.nanosecondsSinceStart
            if let last = stretches.last, start <= last.1 {
                stretches[stretches.count - 1].1 = max(last.1, end)
            } else {
                stretches.append((start, end))
            }
        }
        let windows = Int(duration.nanoseconds / window.nanoseconds)
        let periodsPerWindow = Int(window.nanoseconds / period.nanoseconds)
        var counted = [Double](repeating: 0, count: windows)
        var next = 0
        for slot in 0..<(windows * periodsPerWindow) {
            let start = Int64(slot) * period.nanoseconds, end = start + period.nanoseconds
            while next < stretches.count, stretches[next].1 < end { next += 1 }
            if next < stretches.count, stretches[next].0 <= start, stretches[next].1 >= end {
                counted[slot / periodsPerWindow] += period.seconds
            }
        }
        return counted
    }

    /// The library's simulated year under GKE's regional SLO (99.95 % a
    /// 30-day month, 5-minute downtime periods) and a strict variant of it
    /// that months miss (99.999 %, 10-second periods): each run's check and
    /// the summary over ten seeds agree with the months computed directly
    /// from the stored intervals.
    @Test func theYearScenarioUnderGKERegionalMatchesADirectCount() throws {
        let gke = ServiceLevelObjective(condition: .apiExternal, preset: .gkeRegional)
        let strict = ServiceLevelObjective(condition: .apiExternal, availability: 0.99999, window: .days(30), downtimePeriod: .seconds(10))
        let scenario = try TestScenario(file: Self.root.appendingPathComponent("Scenarios/year-3-masters-random-failures.yaml").path)
            .expectingOnly(.slo(gke), .slo(strict))
        let runs = scenario.run(seeds: 1...10)
        for (objective, index) in [(gke, 0), (strict, 1)] {
            var met = 0, windows = 0
            var worst = 1.0
            for run in runs {
                let counted = Self.directCounted(
                    run.result.downtime, metric: "api.external", duration: run.result.duration,
                    window: objective.window, period: objective.downtimePeriod)
                #expect(counted.count == 12, "365d holds twelve whole 30-day months; the last 5 days are not judged")
                let uptimes = counted.map { 1 - $0 / objective.window.seconds }
                let outcome = run.result.expectations[index]
                #expect(outcome.passed == uptimes.allSatisfy { $0 >= objective.availability })
                #expect(outcome.observed == uptimes.min())
                met += uptimes.count { $0 >= objective.availability }
                windows += uptimes.count
                worst = min(worst, uptimes.min() ?? 1)
            }
            let summary = try #require(
                ServiceLevelSummary(
                    objective,
                    runs: runs.map {
                        YearlyDowntime.Run(duration: $0.result.duration, downtime: $0.result.downtime, objectives: [objective])
                    }))
            #expect(summary.windows == 120 && summary.met == met && summary.worst.uptime == worst)
            #expect(summary.low <= summary.fraction && summary.fraction <= summary.high)
            let wilson = ServiceLevelSummary.wilson95(successes: met, trials: windows)
            #expect(summary.low == wilson.low && summary.high == wilson.high)
        }
        // The API mostly fails briefly (a failover's health-check delay),
        // under GKE's five minutes (over seeds 1 to 10 nothing counts), while
        // 10-second periods count enough for months to miss 99.999 %.
        let strictSummary = try #require(
            ServiceLevelSummary(
                strict, runs: runs.map { YearlyDowntime.Run(duration: $0.result.duration, downtime: $0.result.downtime, objectives: [strict]) }))
        #expect(strictSummary.met < strictSummary.windows)
    }

    /// Wilson's score interval against values worked by hand: 8 of 10 gives
    /// 0.4902 to 0.9433; 0 of 10 gives 0 to z²/(n + z²) = 0.2775.
    @Test func wilsonsIntervalHasItsTextbookValues() {
        let eight = ServiceLevelSummary.wilson95(successes: 8, trials: 10)
        #expect(abs(eight.low - 0.4902) < 5e-5 && abs(eight.high - 0.9433) < 5e-5)
        let none = ServiceLevelSummary.wilson95(successes: 0, trials: 10)
        let z2 = ServiceLevelSummary.z95 * ServiceLevelSummary.z95
        #expect(none.low == 0 && abs(none.high - z2 / (10 + z2)) < 1e-12)
        let all = ServiceLevelSummary.wilson95(successes: 10, trials: 10)
        #expect(abs(all.high - 1) < 1e-12 && abs(all.low - 10 / (10 + z2)) < 1e-12)
    }

    /// Only whole periods down throughout count, on a grid from time zero;
    /// touching intervals are one stretch; a last partial window is dropped.
    @Test func onlyWholePeriodsCountAndAPartialWindowIsDropped() {
        func interval(_ from: SimDuration, _ to: SimDuration, _ metric: String = "etcd.quorum") -> DowntimeInterval {
            DowntimeInterval(metric: metric, start: SimInstant(from), end: SimInstant(to), causes: [], mechanism: "quorum loss")
        }
        let objective = ServiceLevelObjective(condition: .etcdQuorum, availability: 0.95, window: .hours(1), downtimePeriod: .minutes(1))
        let windows = objective.windows(
            of: [
                // 90 s from 0:00:30: only the minute 0:01-0:02 is down throughout.
                interval(.seconds(30), .seconds(120)),
                // Two touching pieces from 0:10 to 0:13 are three whole minutes.
                interval(.minutes(10), .seconds(11 * 60 + 30)), interval(.seconds(11 * 60 + 30), .minutes(13)),
                // Across the windows' boundary: 0:59-1:01, a minute each side.
                interval(.minutes(59), .minutes(61)),
                // Another condition's interval is not this one's.
                interval(.minutes(20), .minutes(40), "external-ip"),
                // In the last 30 minutes, which are not a whole window.
                interval(.minutes(125), .minutes(145)),
            ], duration: .minutes(150))
        #expect(windows.map(\.counted) == [.minutes(5), .minutes(1)])
        #expect(windows.map(\.down) == [SimDuration.seconds(330), .minutes(1)])
        #expect(windows.map(\.met) == [false, true])
        #expect(windows[0].uptime == 1 - 5.0 / 60)
        #expect(ServiceLevelObjective.worst(windows)?.index == 0)
    }

    /// A check fails when one window misses: etcd's quorum lost for 20 of the
    /// first hour's 60 minutes, against 99 % an hour.
    @Test func aCheckFailsWhenAWindowMissesAndNamesTheWorstWindow() throws {
        let scenario = try TestScenario(
            yaml: """
                name: majority-zone-dark
                duration: 2h30m
                topology:
                  zones: [a, b]
                  masters: {a: 2, b: 1}
                faults:
                  - {at: 10m, zoneOutage: a, for: 20m}
                expect:
                  - {slo: etcd.quorum, availability: 99%, window: 1h, downtimePeriod: 1m}
                  - {slo: etcd.quorum, availability: 60%, window: 1h}
                """)
        let run = scenario.run(seed: 1)
        let missed = run.result.expectations[0], met = run.result.expectations[1]
        #expect(!missed.passed && met.passed)
        #expect(missed.observed == 1 - 20.0 / 60)
        let detail = try #require(missed.detail)
        #expect(detail.hasPrefix("worst window 1 of 2 (0s to 1h): uptime 66.6667%, 20.0 min counted of 20."), "\(detail)")
        #expect(detail.hasSuffix("; 1 of 2 windows met; the last 30m (not a whole window) not judged"), "\(detail)")
        #expect(missed.name == "slo etcd.quorum 99% per 1h, 1m periods" && missed.bound == "uptime >= 99% in every whole 1h window")
    }
}
