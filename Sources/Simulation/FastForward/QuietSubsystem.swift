import SimKernel

/// One subsystem's part in the fast-forward through quiet time
/// (docs/FAST-FORWARD.md): when it is quiet, and how it accounts for the
/// windows skipped. Each subsystem declares its own in its folder
/// (in its `World+<Subsystem>Subsystem.swift` entry); `World.quietSubsystems`
/// is derived from `World.subsystems`.
struct QuietSubsystem: Sendable {
    /// Which clock it runs on: the control plane's subsystems stand still
    /// together while only the workers are busy (`World+FrozenControlPlane`).
    /// Set from its subsystem's `clock` in `World.subsystems`.
    var domain = QuietDomain.controlPlane
    /// Nothing of it is in progress: left alone, its state does not change
    /// until something outside it does (a failure or fault, which the
    /// fast-forward brings closer). A change that follows a recorded change
    /// within one window (60 s: a lease expiring, a health check's
    /// threshold, the node monitor's grace period) need not be ruled out
    /// here: the whole quiet window a skip needs would have seen it.
    let isQuiet: @Sendable (World) -> Bool
    /// Its counters now.
    let snapshot: @Sendable (World) -> QuietSnapshot
    /// Adds `times` more windows like the one since `earlier`: the skipped
    /// windows' requests, renewals and syncs, at the quiet window's rate
    /// and latency samples.
    let repeatWindow: @Sendable (inout World, _ earlier: QuietSnapshot, _ times: Int) -> Void
    /// The part of its work that runs on while the control plane stands
    /// still (a per-request client of reads, World+SteadyClientFailures):
    /// what a skip of the whole cluster repeats of it while frozen, and what
    /// the thaw's repeat (`repeatFrozenWindow`, nil: `repeatWindow`) leaves out.
    var repeatWhileFrozen: @Sendable (inout World, _ earlier: QuietSnapshot, _ times: Int) -> Void = { _, _, _ in }
    var repeatFrozenWindow: (@Sendable (inout World, _ earlier: QuietSnapshot, _ times: Int) -> Void)? = nil
    /// Its events due at instants it holds (a countdown running while it is
    /// quiet, such as taint-based eviction's 300 s): a skip may not pass
    /// them, and brings them closer by the skipped span, together with the
    /// instants it holds for them (`moveDeadlines`), so that they fall at
    /// the same run time as without the skip.
    /// nil: it holds none.
    var isDeadline: (@Sendable (WorldEvent) -> Bool)? = nil
    var moveDeadlines: @Sendable (inout World, _ earlierBy: SimDuration) -> Void = { _, _ in }
    /// Moves every instant it holds `span` later: its clock stood still for
    /// `span` while the workers ran (a frozen control plane), so that its
    /// timers, deadlines and last-seen times keep their distance from its
    /// parked events. Its events themselves are moved by the queue.
    var delayHeldTimes: @Sendable (inout World, _ laterBy: SimDuration) -> Void = { _, _ in }
}

/// The clocks of the fast-forward: the control plane (etcd, apiservers,
/// leases, add-ons, access, faults, operations) and the workers.
enum QuietDomain: Sendable {
    case controlPlane, workers
}
