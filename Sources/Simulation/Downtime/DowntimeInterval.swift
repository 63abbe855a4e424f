import SimKernel

/// One stretch during which an availability condition failed, with what it
/// is attributed to: `causes`, the faults and failure processes active when
/// the failing stretch began (scheduled faults first, each in scenario
/// order; empty when nothing was active), and the mechanism.
public struct DowntimeInterval: Hashable, Sendable {
    /// `DowntimeCondition.rawValue`.
    public var metric: String
    public var start: SimInstant
    public var end: SimInstant
    public var causes: [DowntimeCause]
    /// `DowntimeMechanism.rawValue`.
    public var mechanism: String

    public init(metric: String, start: SimInstant, end: SimInstant, causes: [DowntimeCause], mechanism: String) {
        self.metric = metric
        self.start = start
        self.end = end
        self.causes = causes
        self.mechanism = mechanism
    }

    /// The causes as printed and stored in the `cause` column, as their
    /// events name them, joined by ", " (`zoneOutage zone/a, crash
    /// master-b-1 (failures[0])`); "none" when nothing was active.
    public var cause: String { DowntimeCause.text(of: causes) }

    public var seconds: Double { (end - start).seconds }

    /// The cause when no fault or failure process is active.
    public static let noCause = "none"
}
