/// A process on a host: an etcd member, an apiserver, a leader-election
/// candidate or an add-on manager. Each follows its host and the crash
/// faults aimed at it the same way, so the bookkeeping lives here once.
struct ProcessState {
    /// Whether the process runs now (a frozen host's processes still run).
    private(set) var running: Bool
    /// Crash faults holding the process down; never below zero.
    private(set) var crashHolds = 0
    /// Tags the work queued for the process (ticks, tries, syncs) so that
    /// work queued for an earlier life or an earlier timer is dropped; the
    /// owner bumps it where its own queued work goes stale.
    private(set) var generation = 0

    init(running: Bool) { self.running = running }

    /// Whether the process should run: its host is up, no crash fault holds
    /// it, and whatever else its owner requires (`allowed`) holds.
    func shouldRun(hostUp: Bool, allowed: Bool = true) -> Bool {
        hostUp && crashHolds == 0 && allowed
    }

    /// A crash fault starts (+1) or ends (-1).
    mutating func changeCrashHolds(by delta: Int) {
        crashHolds += delta
        precondition(crashHolds >= 0, "a crash fault ended that never started")
    }

    mutating func setRunning(_ running: Bool) { self.running = running }

    mutating func bumpGeneration() { generation += 1 }
}
