import Foundation
import SimKernel
import Simulation

/// The SLO section of `hasim seeds`: a line per `slo` expectation with the
/// fraction of windows meeting it over every seed (Wilson's 95 % interval),
/// the worst window and its seed, and the mean counted downtime a 30-day
/// month (docs/SLO.md).
enum ServiceLevelText {
    struct Summary {
        var summary: ServiceLevelSummary
        var worstSeed: UInt64

        var json: ServiceLevelJSON {
            ServiceLevelJSON(
                name: summary.objective.name, condition: summary.objective.condition.rawValue, availability: summary.objective.availability,
                windowSeconds: summary.objective.window.seconds, downtimePeriodSeconds: summary.objective.downtimePeriod.seconds,
                preset: summary.objective.preset?.rawValue, windows: summary.windows, met: summary.met, fraction: summary.fraction,
                fractionLow: summary.low, fractionHigh: summary.high, worstUptime: summary.worst.uptime, worstSeed: worstSeed,
                worstWindow: summary.worst.index + 1, worstWindowStartSeconds: summary.worst.start.sinceStart.seconds,
                meanCountedMinutesPerWindow: summary.meanCountedMinutes, meanCountedMinutesPer30Days: summary.monthlyMinutes)
        }
    }

    /// One summary per `slo` expectation whose window fits in the runs.
    static func summaries(_ scenario: Scenario, runs: [YearlyDowntime.Run], seeds: [UInt64]) -> [Summary] {
        scenario.expectations.compactMap { expectation in
            guard case .slo(let objective) = expectation, let summary = ServiceLevelSummary(objective, runs: runs) else { return nil }
            return Summary(summary: summary, worstSeed: seeds[summary.worstRun])
        }
    }

    static let headers = ["slo", "windows", "met", "95% CI", "worst window", "counted min/window", "min/30d"]

    static func lines(_ summaries: [Summary]) -> [String] {
        let rows = summaries.map { item -> [String] in
            let s = item.summary
            let worst = s.worst
            return [
                s.objective.name, "\(s.windows)", percent(s.fraction), "\(percent(s.low)) to \(percent(s.high))",
                "\(ServiceLevelObjective.uptimePercent(worst.uptime)) (seed \(item.worstSeed), \(worst.start.sinceStart) to \(worst.end.sinceStart))",
                String(format: "%.2f", s.meanCountedMinutes), String(format: "%.2f", s.monthlyMinutes),
            ]
        }
        return [
            "SLOs (each whole window of each seed one trial; met: windows with uptime >= the SLO, 95% CI by Wilson's score interval; "
                + "counted min/window: mean downtime in whole downtime periods; min/30d: the same scaled to a 30-day month)"
        ]
            + SweepTable.align([headers] + rows)
    }

    /// A fraction as a percentage with one decimal: `97.5%`.
    static func percent(_ fraction: Double) -> String { String(format: "%.1f%%", fraction * 100) }
}

/// `seeds --json`: one SLO over every seed.
struct ServiceLevelJSON: Encodable, Equatable {
    var name: String
    var condition: String
    var availability: Double
    var windowSeconds: Double
    var downtimePeriodSeconds: Double
    var preset: String?
    var windows: Int
    var met: Int
    var fraction: Double
    var fractionLow: Double
    var fractionHigh: Double
    var worstUptime: Double
    var worstSeed: UInt64
    /// From 1.
    var worstWindow: Int
    var worstWindowStartSeconds: Double
    var meanCountedMinutesPerWindow: Double
    var meanCountedMinutesPer30Days: Double
}
