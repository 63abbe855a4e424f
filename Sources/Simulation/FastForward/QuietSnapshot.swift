import SimKernel

/// What one subsystem's work added up to at a fast-forward check. Between
/// two checks of a quiet window, the differences are that window's work:
/// `steady` counters and `latencies` grow at the rate of a quiet cluster and
/// are repeated for every skipped window; `trouble` counters (failed
/// requests, elections, timeouts) must not move at all in a quiet window.
/// `rated` counters are failures that a settled state makes at a steady
/// chance per request (a per-request client whose load balancer still picks
/// a dead backend): they may move in a quiet window, and their subsystem
/// replays them as a rate for the windows skipped
/// (World+SteadyClientFailures); `rated[i]` counts the failures of the
/// requests `steady[i]` counts.
struct QuietSnapshot: Sendable {
    var steady: [Int] = []
    var trouble: [Int] = []
    var rated: [Int] = []
    var latencies: [LogLinearHistogram] = []

    /// No trouble since `earlier`: a window the whole cluster may skip.
    func isQuiet(since earlier: QuietSnapshot) -> Bool { trouble == earlier.trouble }
}
