import SimKernel

/// Host clocks under clock-step and clock-drift faults.
extension World {
    /// Steps the wall clock only: Go's timers and time differences use the
    /// monotonic clock, which a step does not move.
    mutating func stepClock(_ host: Int, by step: SimDuration) {
        clocks[host].offset += step.nanoseconds
    }

    /// Adds or removes a drift fault; the latest one still in force applies.
    mutating func changeClockDrift(_ host: Int, fault: Int, ppm: Double, delta: Int) {
        if delta > 0 {
            driftFaults[host].append((fault, ppm))
        } else {
            driftFaults[host].removeAll { $0.fault == fault }
        }
        clocks[host].setDrift(ppm: driftFaults[host].last?.ppm ?? 0, at: now)
        retimeCandidates(host)
    }
}
