import SimKernel

/// The control plane while its clock stands still: since when, the
/// snapshots of its last quiet window before it froze (whose work the
/// frozen windows repeat), its events taken out of the agenda, and the
/// windows skipped for everyone meanwhile (docs/FAST-FORWARD.md, "A clock
/// per subsystem").
struct FrozenControlPlane: Sendable {
    let since: SimInstant
    /// One snapshot per control-plane subsystem, in `World.quietSubsystems` order.
    let earlier: [QuietSnapshot]
    let parked: [ScheduledEvent<WorldEvent>]
    /// Whole windows that a skip of the whole cluster passed while frozen:
    /// the control plane's work for them is repeated at the thaw.
    var skippedWindows = 0
}
