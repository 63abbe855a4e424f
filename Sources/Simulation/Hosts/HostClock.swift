import SimKernel

/// A host's clocks. The monotonic clock runs at rate 1 + ppm * 1e-6 of
/// virtual time; the wall clock is the monotonic clock plus an offset that
/// clock steps move. Go measures timers and time.Time differences with the
/// monotonic reading ("Monotonic Clocks" in the time package), so client-go's
/// leader election (observedTime, RenewDeadline) sees the rate and never the
/// steps; only the renewTime it writes into the record is a wall reading.
struct HostClock {
    private var anchorSim: SimInstant = .start
    private var anchorMonotonic: Int64 = 0
    private(set) var ppm: Double = 0
    /// Wall minus monotonic, in nanoseconds.
    var offset: Int64 = 0

    private var rate: Double { 1 + ppm * 1e-6 }

    /// The monotonic reading at virtual time `time` (not before the last drift change).
    func monotonic(at time: SimInstant) -> Int64 {
        let elapsed = time.nanosecondsSinceStart - anchorSim.nanosecondsSinceStart
        return anchorMonotonic.saturatingAdd(ppm == 0 ? elapsed : SimDuration(roundingNanoseconds: Double(elapsed) * rate).nanoseconds)
    }

    func wall(at time: SimInstant) -> Int64 { monotonic(at: time).saturatingAdd(offset) }

    /// The first virtual instant, not before `now`, at which the monotonic
    /// clock reads at least `reading`: simDelay = localDelay / rate.
    func instant(whenMonotonicReaches reading: Int64, now: SimInstant) -> SimInstant {
        let remaining = reading.saturatingSubtract(monotonic(at: now))
        guard remaining > 0 else { return now }
        let delay = ppm == 0 ? remaining : SimDuration(roundingNanoseconds: (Double(remaining) / rate).rounded(.up)).nanoseconds
        return now + .nanoseconds(delay)
    }

    /// Changes the rate from `time` on, keeping the reading continuous.
    mutating func setDrift(ppm newValue: Double, at time: SimInstant) {
        anchorMonotonic = monotonic(at: time)
        anchorSim = time
        ppm = newValue
    }

    /// Makes the clock read at `time + span` what it read at `time`: the
    /// control plane's time stood still for `span` (a frozen control
    /// plane), and every reading a candidate holds keeps its distance.
    mutating func standStill(for span: SimDuration) {
        anchorSim = anchorSim + span
    }
}
