import ArgumentParser
import Foundation
import ScenarioFile
import SimKernel
import Simulation

/// The downtime tables of `seeds` and `sweep` in the figures the scenario
/// supports (`DowntimeFigures`): minutes a year for a stationary process,
/// seconds per occurrence for a one-off scenario, or minutes a year at the
/// user's rate. Every header says which it shows: a figure is never
/// extrapolated silently (docs/FAILURES.md, "Per occurrence or a year").
enum DowntimeFiguresText {
    /// The table's title after "downtime" (seeds) or "CONDITION downtime" (sweep).
    static func title(_ figures: DowntimeFigures, duration: SimDuration?) -> String {
        let statistics = "mean over the seeds, 95% CI by Student's t"
        switch figures {
        case .yearFromDuration:
            let scaled = duration.map { "each run's \($0) scaled to 365d" } ?? "min/yr: each run scaled from its duration to 365d"
            return "a year (\(scaled); \(statistics); nines = -log10(1 - availability))"
        case .occurrences(let rate):
            return
                "a year at \(rateText(rate)) (each run one occurrence, its downtime x \(rateText(rate)), the rate given; \(statistics); nines = -log10(1 - availability))"
        case .perOccurrence:
            return
                "per occurrence (each run one occurrence of the scenario's faults and operations, not scaled to a year; seconds: \(statistics), median and p99 nearest-rank; --occurs N/yr gives a yearly figure)"
        }
    }

    static func rateText(_ rate: Double) -> String { String(format: "%g/yr", rate) }

    static let occurrenceHeaders = ["n", "mean s", "95% CI", "median s", "p99 s", "max s", "top mechanisms (mean s)"]

    /// Seconds as the tables print them: one decimal from 10 on, three significant digits below.
    static func seconds(_ value: Double) -> String { DowntimeText.minutes(value) }

    static func occurrenceCells(_ o: OccurrenceDowntimeJSON) -> [String] {
        let top = o.mechanisms.prefix(3).map { "\($0.mechanism) \(seconds($0.seconds))" }
        let rest = o.mechanisms.count - top.count
        return [
            "\(o.runs)", seconds(o.seconds), DowntimeText.interval(o.secondsLow ?? .nan, o.secondsHigh ?? .nan, format: seconds),
            seconds(o.median), seconds(o.p99), seconds(o.max),
            top.isEmpty ? "-" : top.joined(separator: ", ") + (rest > 0 ? ", +\(rest) more" : ""),
        ]
    }

    /// `--occurs N/yr`, the option's parser.
    static func parseRate(_ text: String) throws -> Double {
        guard let rate = OccurrenceRate.parse(text) else { throw ValidationError("--occurs \(text): \(OccurrenceRate.expected)") }
        return rate
    }

    /// A yearly rate for a stationary scenario is refused: exit 2, with why.
    static func refuseRate(_ scenario: Scenario, path: String, rate: Double?) throws {
        guard rate != nil, let reason = DowntimeFigures.rateRefusal(scenario) else { return }
        printError("error: --occurs: \(path): \(reason)")
        throw ExitCodes.invalidInput
    }
}

/// A one-off scenario's downtime per occurrence for `seeds --json` and
/// `sweep --json`: seconds per run, mean with its 95 % interval (null when
/// one run gives none), median, p99, max, and mechanisms' mean seconds.
struct OccurrenceDowntimeJSON: Encodable, Equatable {
    struct Mechanism: Encodable, Equatable {
        var mechanism: String
        var seconds: Double
    }

    var metric: String
    var runs: Int
    var seconds: Double
    var secondsLow: Double?
    var secondsHigh: Double?
    var median: Double
    var p99: Double
    var max: Double
    var mechanisms: [Mechanism]

    init(_ o: OccurrenceDowntime) {
        metric = o.condition.rawValue
        runs = o.seconds.n
        seconds = o.seconds.mean
        secondsLow = o.seconds.low.isFinite ? o.seconds.low : nil
        secondsHigh = o.seconds.high.isFinite ? o.seconds.high : nil
        median = o.median
        p99 = o.p99
        max = o.max
        mechanisms = o.mechanisms.map { Mechanism(mechanism: $0.mechanism, seconds: $0.seconds) }
    }
}

/// A scenario's downtime over its runs in its figures: the yearly table
/// (stationary, or at the user's rate), or the per-occurrence table.
struct DowntimeFigureSet: Equatable {
    var figures: DowntimeFigures
    var yearly: [YearlyDowntimeJSON] = []
    var perOccurrence: [OccurrenceDowntimeJSON] = []

    /// Whether the yearly table splits each condition's minutes into
    /// failures and maintenance (`DowntimeFigures.splitsMaintenance`).
    var splitsMaintenance = false

    init(_ figures: DowntimeFigures, conditions: [DowntimeCondition], runs: [YearlyDowntime.Run], splitsMaintenance: Bool = false) {
        self.figures = figures
        self.splitsMaintenance = splitsMaintenance
        switch figures {
        case .yearFromDuration:
            yearly = conditions.compactMap { YearlyDowntime($0, runs: runs) }.map { YearlyDowntimeJSON($0, splitsMaintenance: splitsMaintenance) }
        case .occurrences(let rate):
            yearly = conditions.compactMap { YearlyDowntime($0, runs: runs, occurrencesPerYear: rate) }.map {
                YearlyDowntimeJSON($0, splitsMaintenance: splitsMaintenance)
            }
        case .perOccurrence:
            perOccurrence = conditions.compactMap { OccurrenceDowntime($0, runs: runs) }.map(OccurrenceDowntimeJSON.init)
        }
    }

    /// `--json`: which figures, and the rate when one was given.
    var kind: String {
        switch figures {
        case .yearFromDuration: return "yearFromDuration"
        case .perOccurrence: return "perOccurrence"
        case .occurrences: return "occurrences"
        }
    }

    var occurrencesPerYear: Double? {
        if case .occurrences(let rate) = figures { return rate }
        return nil
    }

    var headers: [String] {
        if figures == .perOccurrence { return DowntimeFiguresText.occurrenceHeaders }
        return splitsMaintenance ? DowntimeText.yearlyHeadersWithMaintenance : DowntimeText.yearlyHeaders
    }

    /// The row cells of `condition`, or nil when it has none.
    func cells(_ condition: String) -> [String]? {
        if figures == .perOccurrence { return perOccurrence.first { $0.metric == condition }.map(DowntimeFiguresText.occurrenceCells) }
        return yearly.first { $0.metric == condition }.map(DowntimeText.yearlyCells)
    }

    /// Rows in condition order, for `seeds`.
    var conditions: [String] { figures == .perOccurrence ? perOccurrence.map(\.metric) : yearly.map(\.metric) }
}
