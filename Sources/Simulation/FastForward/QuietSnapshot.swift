import SimKernel

/// What one subsystem's work added up to at a fast-forward check. Between
/// two checks of a quiet window, the differences are that window's work:
/// `steady` counters and `latencies` grow at the rate of a quiet cluster and
/// are repeated for every skipped window; `trouble` counters (failed
/// requests, elections, timeouts) must not move at all in a quiet window.
struct QuietSnapshot: Sendable {
    var steady: [Int] = []
    var trouble: [Int] = []
    var latencies: [LogLinearHistogram] = []
}
