import SimKernel

/// Host clocks under clock-step and clock-drift faults (the clocks are the
/// fleet's; a drift change re-times the lease candidates on the host).
extension World {
    mutating func changeClockDrift(_ host: Int, fault: Int, ppm: Double, delta: Int) {
        fleet.changeClockDrift(host, fault: fault, ppm: ppm, delta: delta, at: now)
        retimeCandidates(host)
    }
}
