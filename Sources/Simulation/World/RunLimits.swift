import SimKernel

/// Bounds a run may not pass: the last line of defence behind the work
/// estimate (docs/RELIABILITY.md, "Work and memory"). The estimate refuses
/// a scenario before it runs; these stop one whose real work turned out far
/// larger than estimated, so that no input costs a silent hour or exhausts
/// memory. Checked every `checkEvery` dispatched events, which costs nothing
/// measurable and changes nothing in a run that stays within them.
public struct RunLimits: Sendable, Equatable {
    /// The most events the run may dispatch.
    public var events: Int
    /// The most events the run may hold pending at once: the agenda is the
    /// one store of the model that grows with its rates (every request in
    /// flight holds its timeout), so it stands in for a memory ceiling.
    /// About 64 bytes each, so the default is about 1.3 GB.
    public var pendingEvents: Int

    public init(events: Int, pendingEvents: Int = RunLimits.defaultPendingEvents) {
        self.events = events
        self.pendingEvents = pendingEvents
    }

    public static let defaultPendingEvents = 20_000_000
    /// No bound: the library's `simulate` and `--allow-long`.
    public static let unlimited = RunLimits(events: .max, pendingEvents: .max)

    /// Dispatched events between two checks (a power of two, tested by mask).
    static let checkEvery = 1 << 12
}

/// A run stopped by its `RunLimits`: nothing of it is kept.
public struct RunStopped: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Limit: Sendable, Equatable {
        case events(Int)
        case pendingEvents(Int)
    }

    public var limit: Limit
    /// Simulated time reached, and events dispatched, when it stopped.
    public var reached: SimInstant
    public var eventsDispatched: Int

    public var description: String {
        switch limit {
        case .events(let most):
            return "the run was stopped at \(reached) after \(eventsDispatched) events, past its limit of \(most): it does far more work than estimated"
        case .pendingEvents(let most):
            return "the run was stopped at \(reached) with more than \(most) events pending at once (the memory ceiling)"
        }
    }
}
