import Foundation
import Simulation

/// How the command line writes downtime: a run's summary line per condition
/// ("API downtime: 12.3 min = 8.1 quorum loss (zoneOutage zone/a
/// (failures[1])) + ..."), and the yearly figures of `seeds` and `sweep`.
/// docs/FAILURES.md, "Downtime attribution", shows both.
enum DowntimeText {
    /// Parts named in a run's line; the rest are summed as "other".
    static let partsShown = 6

    /// Minutes as the summaries print them: one decimal from 10 on, three
    /// significant digits below (a second is 0.0167 min, not 0.0).
    static func minutes(_ value: Double) -> String {
        if value.isNaN { return "n/a" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        if value == 0 { return "0" }
        return abs(value) >= 10 ? String(format: "%.1f", value) : String(format: "%.3g", value)
    }

    /// Nines to two decimals; "inf" for no downtime.
    static func nines(_ value: Double) -> String {
        value.isInfinite ? "inf" : value.isNaN ? "n/a" : String(format: "%.2f", value)
    }

    /// One line per condition that failed in the run, or "downtime: none".
    static func runLines(_ intervals: [DowntimeInterval]) -> [String] {
        let breakdowns = DowntimeBreakdown.of(intervals)
        guard !breakdowns.isEmpty else { return ["downtime: none"] }
        return ["downtime (minutes, by mechanism and cause at the start; table downtime):"] + breakdowns.map { "  " + line($0) }
    }

    static func line(_ breakdown: DowntimeBreakdown) -> String {
        let shown = breakdown.parts.prefix(partsShown).map { "\(minutes($0.seconds / 60)) \($0.mechanism) (\($0.cause))" }
        let rest = breakdown.parts.dropFirst(partsShown)
        let other = rest.isEmpty ? [] : ["\(minutes(rest.reduce(0) { $0 + $1.seconds } / 60)) in \(rest.count) other"]
        return "\(breakdown.condition.title) (\(breakdown.condition.rawValue)): \(minutes(breakdown.seconds / 60)) min = " + (shown + other).joined(separator: " + ")
    }

    /// The cells of a row of yearly figures: runs, min/yr and its interval,
    /// nines and theirs, and the three largest mechanisms' mean minutes a
    /// year ("quorum loss 8.1, election 0.2, +2 more").
    /// With maintenance (`YearlyDowntimeJSON.maintenanceMinutesPerYear`),
    /// the mean minutes a year split into failures and maintenance after
    /// the interval.
    static func yearlyCells(_ y: YearlyDowntimeJSON) -> [String] {
        let top = y.mechanisms.prefix(3).map { "\($0.mechanism) \(minutes($0.minutesPerYear))" }
        let rest = y.mechanisms.count - top.count
        let split = y.maintenanceMinutesPerYear.map { [minutes(max(0, y.minutesPerYear - $0)), minutes($0)] } ?? []
        return ["\(y.runs)", minutes(y.minutesPerYear),
                interval(y.minutesPerYearLow ?? .nan, y.minutesPerYearHigh ?? .nan, format: minutes)] + split
            + [nines(y.nines ?? .infinity), interval(y.ninesLow ?? .infinity, y.ninesHigh ?? .infinity, format: nines),
               top.isEmpty ? "-" : top.joined(separator: ", ") + (rest > 0 ? ", +\(rest) more" : "")]
    }

    static let yearlyHeaders = ["n", "min/yr", "95% CI", "nines", "95% CI", "top mechanisms (mean min/yr)"]
    static let yearlyHeadersWithMaintenance = ["n", "min/yr", "95% CI", "failures", "maintenance", "nines", "95% CI", "top mechanisms (mean min/yr)"]

    static func interval(_ low: Double, _ high: Double, format: (Double) -> String) -> String {
        low.isNaN ? "n/a" : "[\(format(low)), \(format(high))]"
    }
}

/// A run's downtime for `--json`: per condition that failed, its seconds and
/// parts by mechanism and cause, largest first.
struct DowntimeJSON: Encodable {
    struct Part: Encodable {
        var mechanism: String
        /// The causes as printed (`zoneOutage zone/a (failures[1])`).
        var cause: String
        /// The same causes as fields, to group by without parsing the text.
        var causes: [Cause]
        var seconds: Double
    }

    /// One fault, failure or operation in force when the stretch began: its
    /// kind, its target, and its entry (`faults`, `failures` or
    /// `operations`, and the index).
    struct Cause: Encodable {
        var fault: String
        var target: String
        var origin: String
        var index: Int?

        init(_ cause: DowntimeCause) {
            fault = cause.fault
            target = cause.target
            switch cause.origin {
            case .fault(let entry): (origin, index) = ("faults", entry)
            case .failureProcess(let entry): (origin, index) = ("failures", entry)
            case .operation(let entry): (origin, index) = ("operations", entry)
            case .maintenance(let entry): (origin, index) = ("maintenance", entry)
            }
        }
    }

    var metric: String
    var seconds: Double
    var parts: [Part]

    static func of(_ intervals: [DowntimeInterval]) -> [DowntimeJSON] {
        DowntimeBreakdown.of(intervals).map {
            DowntimeJSON(metric: $0.condition.rawValue, seconds: $0.seconds,
                         parts: $0.parts.map { Part(mechanism: $0.mechanism, cause: $0.cause, causes: $0.causes.map(Cause.init), seconds: $0.seconds) })
        }
    }
}

/// The yearly figures of one condition for `seeds --json` and `sweep --json`;
/// infinite nines (no downtime) are null.
struct YearlyDowntimeJSON: Encodable, Equatable {
    struct Mechanism: Encodable, Equatable {
        var mechanism: String
        var minutesPerYear: Double
    }

    var metric: String
    var runs: Int
    var minutesPerYear: Double
    var minutesPerYearLow: Double?
    var minutesPerYearHigh: Double?
    var nines: Double?
    var ninesLow: Double?
    var ninesHigh: Double?
    var mechanisms: [Mechanism]
    /// The part of `minutesPerYear` in stretches that began during
    /// maintenance; present only for a scenario with `maintenance:`.
    var maintenanceMinutesPerYear: Double?

    init(_ yearly: YearlyDowntime, splitsMaintenance: Bool = false) {
        func finite(_ value: Double) -> Double? { value.isFinite ? value : nil }
        metric = yearly.condition.rawValue
        runs = yearly.minutes.n
        minutesPerYear = yearly.minutes.mean
        minutesPerYearLow = finite(yearly.minutes.low)
        minutesPerYearHigh = finite(yearly.minutes.high)
        let nines = yearly.nines
        self.nines = finite(nines.value)
        ninesLow = finite(nines.low)
        ninesHigh = finite(nines.high)
        mechanisms = yearly.mechanisms.map { Mechanism(mechanism: $0.mechanism, minutesPerYear: $0.minutesPerYear) }
        maintenanceMinutesPerYear = splitsMaintenance ? yearly.maintenanceMinutes : nil
    }
}
