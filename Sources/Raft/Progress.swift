/// Leader's view of one peer's replication (etcd-io/raft tracker/progress.go),
/// without inflight windows: `probe` sends one append and waits, `replicate`
/// streams optimistically.
struct Progress: Sendable, Hashable {
    enum State: UInt8, Sendable, Hashable { case probe, replicate }
    var match: UInt64 = 0
    var next: UInt64 = 1
    var state: State = .probe
    /// progress.go MsgAppFlowPaused: in probe, set after each append until a response.
    var paused = false
    /// progress.go RecentActive: heard from since the last checkQuorum.
    var recentActive = false
    /// progress.go sentCommit: highest commit index sent to this peer.
    var sentCommit: UInt64 = 0

    /// progress.go MaybeUpdate.
    mutating func maybeUpdate(_ n: UInt64) -> Bool {
        var updated = false
        if match < n { match = n; updated = true; paused = false }
        next = max(next, n + 1)
        return updated
    }

    /// progress.go MaybeDecrTo: react to a rejection of the append anchored at
    /// `rejected`; returns false for stale rejections.
    mutating func maybeDecrTo(rejected: UInt64, matchHint: UInt64) -> Bool {
        if state == .replicate {
            if rejected <= match { return false }
            // Directly fall back to match+1; the caller then re-probes.
            next = match + 1
            return true
        }
        if next - 1 != rejected { return false }
        next = max(min(rejected, matchHint + 1), match + 1)
        paused = false
        return true
    }

    mutating func becomeProbe() { state = .probe; next = match + 1; paused = false }
    mutating func becomeReplicate() { state = .replicate; next = match + 1; paused = false }

    /// progress.go SentEntries: optimistic in replicate, pause in probe.
    mutating func sentEntries(lastSent: UInt64) {
        if state == .replicate { next = max(next, lastSent + 1) } else { paused = true }
    }
}
