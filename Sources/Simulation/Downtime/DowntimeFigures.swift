import SimKernel

/// Which downtime figures a scenario's runs can honestly give (issue 26,
/// "honest figures").
///
/// A run of a **stationary process** samples a downtime rate: recurring
/// `failures:` and steady behaviour happen as often in any stretch of time,
/// so its downtime scaled from its duration to a year estimates minutes a
/// year. A **one-off** scenario, one with scheduled `faults:` or
/// `operations:`, is one occurrence of those events: scaled to a year, a
/// 2-hour run with a 45-minute zone outage would say the zone goes dark
/// every two hours. Its figure is the cost of one occurrence, and a yearly
/// figure only when the user says how often it occurs (`--occurs 12/yr`,
/// or the scenario's `occurrences:`).
///
/// A scenario is stationary when it has no faults and no operations but
/// maintenance (what happens comes from `failures:`, recurring
/// `maintenance:` or the steady model alone), or when it
/// runs at least a year: then its one-off events are events of that year,
/// and scaling changes next to nothing.
public enum DowntimeFigures: Hashable, Sendable {
    /// Each run's downtime scaled from its duration to 365 days.
    case yearFromDuration
    /// Each run is one occurrence: downtime seconds per occurrence.
    case perOccurrence
    /// Each run is one occurrence, and it occurs this many times a year.
    case occurrences(perYear: Double)

    public static let year = SimDuration.days(365)

    public static func isStationary(_ scenario: Scenario) -> Bool {
        scenario.duration >= year || (scenario.faults.isEmpty && scenario.operations.allSatisfy(\.isMaintenance))
    }

    /// The figures for `scenario`, with the user's rate (`--occurs`, or the
    /// scenario's `occurrences:`) when it gives one. A rate for a
    /// stationary scenario is the caller's error to report: its year
    /// already comes from its duration.
    public static func of(_ scenario: Scenario, occurrencesPerYear: Double?) -> DowntimeFigures {
        if isStationary(scenario) { return .yearFromDuration }
        return (occurrencesPerYear ?? scenario.occurrencesPerYear).map { .occurrences(perYear: $0) } ?? .perOccurrence
    }

    /// Why a rate cannot apply to `scenario`, or nil when it can.
    /// Whether the figures split downtime into failures and maintenance:
    /// the scenario has recurring maintenance.
    public static func splitsMaintenance(_ scenario: Scenario) -> Bool { scenario.operations.contains(where: \.isMaintenance) }

    public static func rateRefusal(_ scenario: Scenario) -> String? {
        guard isStationary(scenario) else { return nil }
        let why = scenario.duration >= year ? "runs at least a year (\(scenario.duration))" : "has no faults and no operations"
        return
            "an occurrence rate applies to a one-off scenario (one with faults: or operations:, shorter than a year); this one \(why), so it is a stationary process whose yearly figures are scaled from its duration"
    }
}
