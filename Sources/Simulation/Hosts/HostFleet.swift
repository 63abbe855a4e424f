import SimKernel

/// The Hosts subsystem's state: which hosts exist, which are up, the
/// faults (zone outages, crashes, pauses) holding them down or frozen, and
/// each host's clocks under clock-step and clock-drift faults.
/// Counted holds, so that overlapping faults on one host or zone compose:
/// the host comes back only when the last of them ends.
struct HostFleet {
    /// Every host of the run, masters not yet added included, by id.
    let hosts: [Host]
    /// Each host's zone, by host id.
    let zoneOf: [Int]
    private(set) var zoneOutageHolds: [Int]
    private(set) var crashHolds: [Int]
    private(set) var pauseHolds: [Int]
    /// Bumped each time a host goes down, so work queued by an earlier life of
    /// the host can be recognised and dropped (DESIGN.md §2).
    private(set) var incarnation: [Int]
    private(set) var up: [Bool]
    /// Whether the host exists: false for masters before an operation adds
    /// them and after one removes them.
    private(set) var provisioned: [Bool]
    private let isWorker: [Bool]
    /// Worker hosts up, kept as hosts change so that no one counts them again.
    private(set) var workersUp: Int
    private(set) var workersProvisioned: Int
    /// Each host's monotonic and wall clocks (HostClock).
    private(set) var clocks: [HostClock]
    /// The drift faults in force on each host, oldest first: the latest applies.
    private var driftFaults: [[(fault: Int, ppm: Double)]]

    init(hosts: [Host], zoneCount: Int) {
        self.hosts = hosts
        zoneOf = hosts.map(\.zone)
        zoneOutageHolds = Array(repeating: 0, count: zoneCount)
        crashHolds = Array(repeating: 0, count: hosts.count)
        pauseHolds = Array(repeating: 0, count: hosts.count)
        incarnation = Array(repeating: 0, count: hosts.count)
        provisioned = hosts.map(\.initiallyProvisioned)
        up = provisioned
        let isWorker = hosts.map { $0.role == .worker }
        self.isWorker = isWorker
        let provisioned = self.provisioned
        workersUp = hosts.indices.count { isWorker[$0] && provisioned[$0] }
        workersProvisioned = workersUp
        clocks = Array(repeating: HostClock(), count: hosts.count)
        driftFaults = Array(repeating: [], count: hosts.count)
    }

    func paused(_ host: Int) -> Bool { pauseHolds[host] > 0 }

    func zoneDown(_ zone: Int) -> Bool { zoneOutageHolds[zone] > 0 }

    var anyZoneDown: Bool { zoneOutageHolds.contains { $0 > 0 } }

    /// A zone outage starts (+1) or ends (-1); the caller refreshes its hosts.
    mutating func changeZoneOutage(_ zone: Int, by delta: Int) {
        zoneOutageHolds[zone] += delta
        precondition(zoneOutageHolds[zone] >= 0, "a zone outage ended that never started")
    }

    mutating func changeCrash(_ host: Int, by delta: Int) {
        crashHolds[host] += delta
        precondition(crashHolds[host] >= 0, "a host crash ended that never started")
    }

    mutating func changePause(_ host: Int, by delta: Int) {
        pauseHolds[host] += delta
        precondition(pauseHolds[host] >= 0, "a pause ended that never started")
    }

    mutating func setProvisioned(_ host: Int, _ value: Bool) {
        if isWorker[host] && provisioned[host] != value { workersProvisioned += value ? 1 : -1 }
        provisioned[host] = value
    }

    /// Recomputes whether `host` is up: it exists, no crash holds it and its
    /// zone has no outage. Returns whether that changed.
    mutating func refresh(_ host: Int) -> Bool {
        let nowUp = provisioned[host] && crashHolds[host] == 0 && zoneOutageHolds[zoneOf[host]] == 0
        guard nowUp != up[host] else { return false }
        up[host] = nowUp
        if isWorker[host] { workersUp += nowUp ? 1 : -1 }
        if !nowUp { incarnation[host] += 1 }
        return true
    }

    /// Steps the wall clock only: Go's timers and time differences use the
    /// monotonic clock, which a step does not move.
    mutating func stepClock(_ host: Int, by step: SimDuration) {
        clocks[host].offset += step.nanoseconds
    }

    /// Adds (delta > 0) or removes a drift fault; the latest one still in force applies.
    mutating func changeClockDrift(_ host: Int, fault: Int, ppm: Double, delta: Int, at time: SimInstant) {
        if delta > 0 {
            driftFaults[host].append((fault, ppm))
        } else {
            driftFaults[host].removeAll { $0.fault == fault }
        }
        clocks[host].setDrift(ppm: driftFaults[host].last?.ppm ?? 0, at: time)
    }

    /// Every host's clocks read at `time + span` what they read at `time`
    /// (a frozen control plane: HostClock.standStill).
    mutating func standClocksStill(for span: SimDuration) {
        for host in clocks.indices { clocks[host].standStill(for: span) }
    }
}
