import Foundation
import SimKernel
import Simulation
import Testing

/// The yearly figures of `hasim seeds` and `hasim sweep`
/// (Downtime/YearlyDowntime.swift, MeanInterval.swift) on samples whose
/// answers are worked out by hand here.
@Suite struct YearlyDowntimeTests {
    /// NIST/SEMATECH e-Handbook 1.3.6.7.2, upper 0.025 critical values.
    @Test(arguments: [(1, 12.706), (4, 2.776), (9, 2.262), (30, 2.042), (40, 2.021), (60, 2.000), (100, 1.984), (1000, 1.962)])
    func studentsTQuantileMatchesTheTables(degreesOfFreedom: Int, expected: Double) {
        let t = StudentT.quantile975(degreesOfFreedom: degreesOfFreedom)
        #expect(abs(t - expected) < 1e-3, "t(0.975, \(degreesOfFreedom)) = \(t)")
    }

    /// 1..5: mean 3, s = sqrt(2.5), half-width t(0.975, 4) s / sqrt(5).
    @Test func theMeansIntervalIsStudentsT() throws {
        let interval = try #require(MeanInterval(samples: [1, 2, 3, 4, 5]))
        let half = 2.776 * (2.5.squareRoot() / 5.0.squareRoot())
        #expect(interval.n == 5)
        #expect(interval.mean == 3)
        #expect(abs(interval.low - (3 - half)) < 1e-9)
        #expect(abs(interval.high - (3 + half)) < 1e-9)
        #expect(MeanInterval(samples: []) == nil)
        let single = try #require(MeanInterval(samples: [7]))
        #expect(single.mean == 7 && single.low.isNaN && single.high.isNaN)
    }

    func interval(_ metric: DowntimeCondition, _ from: Int64, _ to: Int64, _ mechanism: DowntimeMechanism, causes: [DowntimeCause] = []) -> DowntimeInterval {
        DowntimeInterval(metric: metric.rawValue, start: SimInstant(.seconds(from)), end: SimInstant(.seconds(to)), causes: causes, mechanism: mechanism.rawValue)
    }

    /// Two one-day runs: 60 s of quorum loss plus 30 s of election in the
    /// first, nothing in the second. A day's 90 s is 90 * 365 / 60 = 547.5
    /// minutes a year; the mean over both runs is half that; the interval's
    /// lower end, below zero, is cut at zero.
    @Test func minutesAYearAreScaledFromEachRunsSpanAndAveragedOverEveryRun() throws {
        let day = SimDuration.days(1)
        let runs = [
            YearlyDowntime.Run(duration: day, downtime: [interval(.etcdQuorum, 100, 160, .quorumLoss), interval(.etcdQuorum, 160, 190, .election),
                                                         interval(.apiExternal, 100, 101, .pinnedConnection)], objectives: []),
            YearlyDowntime.Run(duration: day, downtime: [], objectives: []),
        ]
        let yearly = try #require(YearlyDowntime(.etcdQuorum, runs: runs))
        let first = 90.0 * 365 / 60
        let mean = first / 2
        let s = (2 * (first - mean) * (first - mean)).squareRoot()
        #expect(abs(yearly.minutes.mean - mean) < 1e-9)
        #expect(yearly.minutes.low == 0)
        #expect(abs(yearly.minutes.high - (mean + 12.706 * s / 2.0.squareRoot())) < 1e-6)
        #expect(yearly.mechanisms.map(\.mechanism) == ["quorum loss", "election"])
        let quorumLoss = 60.0 * 365 / 60 / 2
        #expect(abs(yearly.mechanisms[0].minutesPerYear - quorumLoss) < 1e-9)
        // Nines of the mean availability: -log10(mean minutes / minutes in a year).
        let unavailability = mean / (365 * 24 * 60)
        #expect(abs(yearly.nines.value - -log10(unavailability)) < 1e-12)
        #expect(yearly.nines.high == .infinity)
    }

    /// Runs of different lengths each count by their own span; runs of no
    /// length, or none at all, give no figures.
    @Test func eachRunIsScaledByItsOwnSpan() throws {
        let runs = [
            YearlyDowntime.Run(duration: .hours(12), downtime: [interval(.externalIP, 0, 30, .loadBalancerBlackout)], objectives: []),
            YearlyDowntime.Run(duration: .days(1), downtime: [interval(.externalIP, 0, 60, .loadBalancerBlackout)], objectives: []),
        ]
        let yearly = try #require(YearlyDowntime(.externalIP, runs: runs))
        // 30 s in half a day and 60 s in a day are the same rate: no spread.
        #expect(abs(yearly.minutes.mean - 365) < 1e-9)
        #expect(abs(yearly.minutes.high - yearly.minutes.low) < 1e-9)
        #expect(YearlyDowntime(.externalIP, runs: []) == nil)
        #expect(YearlyDowntime(.externalIP, runs: [YearlyDowntime.Run(duration: .zero, downtime: [], objectives: [])]) == nil)
        #expect(nines(unavailability: 0.001) == 3)
        #expect(nines(unavailability: 0) == .infinity)
    }

    /// The breakdown sums each (mechanism, cause) and orders them largest
    /// first, ties by name: the order of the intervals does not matter.
    @Test func theBreakdownIsLargestFirstWhateverTheIntervalOrder() {
        let intervals = [
            interval(.apiExternal, 0, 5, .pinnedConnection, causes: [DowntimeCause(fault: "crash", target: "master-a-1", origin: .fault(0))]),
            interval(.apiExternal, 10, 20, .quorumLoss, causes: [DowntimeCause(fault: "zoneOutage", target: "zone/a", origin: .fault(1))]),
            interval(.apiExternal, 30, 35, .healthCheckDelay, causes: [DowntimeCause(fault: "crash", target: "master-a-1", origin: .fault(0))]),
            interval(.apiExternal, 40, 42, .pinnedConnection, causes: [DowntimeCause(fault: "crash", target: "master-a-1", origin: .fault(0))]),
        ]
        let breakdown = DowntimeBreakdown.of(intervals)
        #expect(breakdown == DowntimeBreakdown.of(intervals.reversed()))
        #expect(breakdown.map(\.condition) == [.apiExternal])
        #expect(breakdown.first?.seconds == 22)
        #expect(breakdown.first?.parts.map(\.mechanism) == ["quorum loss", "pinned connection", "LB health-check delay"])
        #expect(breakdown.first?.parts.map(\.seconds) == [10, 7, 5])
    }

    /// Names read back to the same condition, and the order is the client
    /// classes, the kubelets, the Services by workload, then the cluster's
    /// conditions, whatever order they come in.
    @Test func conditionNamesRoundTripAndKeepTheirOrder() {
        let ordered: [DowntimeCondition] = [
            .apiExternal, .client(ClientClass.inClusterName), .client(ClientClass.perRequestName), .client("ci"), .kubelets, .service("api"),
            .service("web"), .externalIP, .etcdQuorum, .workloads,
        ]
        #expect(ordered.map(\.rawValue) == [
            "api.external", "api.incluster", "api.kubectl", "api.ci", "kubelets", "service.api", "service.web", "external-ip", "etcd.quorum",
            "workloads.minAvailable",
        ])
        #expect(ordered.map { DowntimeCondition(rawValue: $0.rawValue) } == ordered)
        #expect(Array(ordered.reversed()).sorted() == ordered)
        #expect(DowntimeCondition(rawValue: "service.") == nil && DowntimeCondition(rawValue: "kubelet") == nil)
        #expect(DowntimeCondition.kubelets.title == "kubelets cut off from the API")
        #expect(DowntimeCondition.service("web").title == "Service downtime for web")
    }
}
