import SimKernel

/// A failure injected into the run: what it hits, when it starts, and for how
/// long it lasts (forever when `duration` is nil).
public struct Fault: Hashable, Sendable {
    public var kind: FaultKind
    /// When the fault starts, from the start of the run; sampled once per run
    /// from the fault's own random stream `faults/<index>`.
    public var at: Distribution
    /// How long the fault lasts; nil means until the end of the run.
    public var duration: Distribution?

    public init(kind: FaultKind, at: Distribution, duration: Distribution? = nil) {
        self.kind = kind
        self.at = at
        self.duration = duration
    }
}

public enum FaultKind: Hashable, Sendable {
    /// Every host of the zone goes down (power, network or cooling loss).
    case zoneOutage(zone: Int)
    /// One host stops; when the fault ends it restarts with a new incarnation.
    case hostCrash(host: Int)
}
