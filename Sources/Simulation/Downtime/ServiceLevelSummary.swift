import SimKernel

/// An SLO over many runs (`hasim seeds`): every whole window of every run
/// is one trial, so the fraction of windows meeting the SLO comes with a
/// 95 % Wilson score interval (k of n, the windows alike: each run's are
/// whole windows of the same length under the same stationary process);
/// the worst window, with its run; and the mean counted downtime per window
/// and per 30-day month (docs/SLO.md).
public struct ServiceLevelSummary: Hashable, Sendable {
    public var objective: ServiceLevelObjective
    public var windows: Int
    public var met: Int
    /// Wilson's 95 % interval for the fraction met.
    public var low: Double
    public var high: Double
    /// The window with the lowest uptime, and which run (index into the runs given) it is from.
    public var worst: ServiceLevelObjective.Window
    public var worstRun: Int
    /// Mean counted downtime per window, in minutes.
    public var meanCountedMinutes: Double

    /// nil when no run has a whole window, or a run was not judged against
    /// `objective` (`YearlyDowntime.Run.init`).
    public init?(_ objective: ServiceLevelObjective, runs: [YearlyDowntime.Run]) {
        var windows = 0, met = 0
        var counted = 0.0
        var worst: (window: ServiceLevelObjective.Window, run: Int)?
        for (index, run) in runs.enumerated() {
            guard let judged = run.windows[objective] else { return nil }
            windows += judged.count
            met += judged.count { $0.met }
            counted += judged.reduce(0) { $0 + $1.counted.seconds / 60 }
            if let candidate = ServiceLevelObjective.worst(judged), worst.map({ candidate.uptime < $0.window.uptime }) ?? true {
                worst = (candidate, index)
            }
        }
        guard windows > 0, let worst else { return nil }
        self.objective = objective
        self.windows = windows
        self.met = met
        (low, high) = Self.wilson95(successes: met, trials: windows)
        self.worst = worst.window
        worstRun = worst.run
        meanCountedMinutes = counted / Double(windows)
    }

    public var fraction: Double { Double(met) / Double(windows) }

    /// The mean counted downtime scaled to a 30-day month (the window's own
    /// figure when the window is 30 days).
    public var monthlyMinutes: Double { meanCountedMinutes * SimDuration.days(30).seconds / objective.window.seconds }

    /// The two-sided 95 % normal quantile.
    public static let z95 = 1.959963984540054

    /// Wilson's score interval for `successes` of `trials`: centre
    /// (p + z²/2n) / (1 + z²/n), half-width z/(1 + z²/n) · √(p(1-p)/n + z²/4n²).
    /// It stays inside [0, 1] and is not empty at p = 0 or 1, where the
    /// normal interval collapses.
    public static func wilson95(successes: Int, trials: Int) -> (low: Double, high: Double) {
        guard trials > 0 else { return (.nan, .nan) }
        let n = Double(trials), p = Double(successes) / n, z = z95
        let denominator = 1 + z * z / n
        let centre = (p + z * z / (2 * n)) / denominator
        let half = z / denominator * (p * (1 - p) / n + z * z / (4 * n * n)).squareRoot()
        return (max(0, centre - half), min(1, centre + half))
    }
}
