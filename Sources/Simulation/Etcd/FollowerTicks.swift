import SimKernel

/// A member's ticker, with a follower's ticks taken lazily.
///
/// etcd ticks every member every `tickInterval` (etcdserver's raft node
/// ticker, 100 ms by default). A follower's tick only counts toward its
/// election timeout (raft.go tickElection: `electionElapsed += 1`, and the
/// election only when it reaches the randomized timeout), so the ticks that
/// cannot reach it change nothing anyone sees until the follower's next
/// input. Only the tick that could fire is an event; the ones before it are
/// due but not applied, and are applied, in order, just before the
/// member's next input (a heartbeat that resets the count comes after
/// them, as it would). A leader, a candidate and a paused member tick
/// every interval, as before.
///
/// The ticks' instants are the ones the eager ticker had (the member's
/// phase plus whole intervals), so the member's state at every input is
/// the same; only the events dispatched and the trace digest differ.
struct FollowerTicks: Sendable {
    /// The last tick applied, or dropped while the host was frozen.
    private(set) var lastTick: SimInstant
    /// The tick that is an event in the queue; the ticks between `lastTick`
    /// and it are due but not applied.
    private(set) var nextEvent: SimInstant
    let interval: SimDuration

    /// A ticker whose first tick is at `first`.
    init(first: SimInstant, interval: SimDuration) {
        self.interval = interval
        lastTick = first - interval
        nextEvent = first
    }

    /// The tick at `now` is the queued one (stale events are not).
    func isQueued(at now: SimInstant) -> Bool { nextEvent == now }

    /// The tick at `now` was applied or dropped.
    mutating func ticked(at now: SimInstant) { lastTick = now }

    /// How many due ticks fall before `now`: to apply before an input at
    /// `now`. They are taken as applied.
    mutating func takeDue(before now: SimInstant) -> Int {
        let beforeNow = (now - lastTick).nanoseconds - 1
        let beforeEvent = (nextEvent - lastTick).nanoseconds / interval.nanoseconds - 1
        let due = Int(max(0, min(beforeNow / interval.nanoseconds, beforeEvent)))
        lastTick = lastTick + interval * Int64(due)
        return due
    }

    /// The tick event `ticks` ticks after the last one applied, when it
    /// should move: earlier than the queued one, or none queued after `now`.
    mutating func reschedule(ticksAhead ticks: Int, at now: SimInstant) -> SimInstant? {
        let wanted = lastTick + interval * Int64(max(1, ticks))
        guard nextEvent <= now || wanted < nextEvent else { return nil }
        nextEvent = wanted
        return wanted
    }

    /// Moves every instant `span` later (a frozen control plane thaws: its
    /// queued events come back that much later).
    mutating func delay(by span: SimDuration) {
        lastTick = lastTick + span
        nextEvent = nextEvent + span
    }
}
