import SimKernel

/// One-way latency and loss between hosts, before faults.
///
/// The defaults are assumptions, not measurements: one-way delays of about a
/// tenth of a millisecond inside a zone and half a millisecond to a
/// millisecond between zones of one cloud region. etcd's tuning guide sizes
/// the heartbeat from the round-trip time; set these from your own
/// measurements (e.g. ping between zones) for real decisions.
public struct NetworkSettings: Hashable, Sendable {
    public var sameZone: Distribution = .uniform(low: .microseconds(50), high: .microseconds(150))
    public var crossZone: Distribution = .uniform(low: .microseconds(400), high: .microseconds(1_200))
    /// Probability that any one message is lost.
    public var loss: Double = 0
    /// Per-link overrides for the whole run, e.g. a distant zone pair; later
    /// entries win where they overlap, and faults' degradations win over all.
    /// Their host sets name zones and hosts only: roles are resolved when a
    /// fault starts, and these apply from the start.
    public var links: [LinkDegradation] = []

    public init() {}
}
