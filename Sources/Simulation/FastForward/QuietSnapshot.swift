import SimKernel

/// What one subsystem's work added up to at a fast-forward check. Between
/// two checks of a quiet window, the differences are that window's work:
/// `steady` counters and `latencies` grow at the rate of a quiet cluster and
/// are repeated for every skipped window; `trouble` counters (failed
/// requests, elections, timeouts) must not move at all in a quiet window.
/// `rated` counters are failures that a settled state makes at a steady
/// chance per request (a per-request client whose load balancer still picks
/// a dead backend): they may move in a window the whole cluster skips, whose
/// subsystem then replays them as a rate, but they keep a control plane from
/// freezing, whose windows are repeated as they were.
struct QuietSnapshot: Sendable {
    var steady: [Int] = []
    var trouble: [Int] = []
    var rated: [Int] = []
    var latencies: [LogLinearHistogram] = []

    /// No trouble since `earlier`: a window the whole cluster may skip.
    func isQuiet(since earlier: QuietSnapshot) -> Bool { trouble == earlier.trouble }

    /// No trouble and no rated failure since `earlier`: a window a frozen
    /// control plane may repeat as it was.
    func isStill(since earlier: QuietSnapshot) -> Bool { trouble == earlier.trouble && rated == earlier.rated }
}
