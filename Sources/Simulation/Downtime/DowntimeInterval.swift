import SimKernel

/// One stretch during which an availability condition failed, with what it
/// is attributed to. `cause` names the faults and failure processes active
/// when the failing stretch began, as their events name them
/// (`zoneOutage zone/a (failures[1])`, `crash master-b-1`), joined by ", ";
/// "none" when nothing was active.
public struct DowntimeInterval: Hashable, Sendable {
    /// `DowntimeCondition.rawValue`.
    public var metric: String
    public var start: SimInstant
    public var end: SimInstant
    public var cause: String
    /// `DowntimeMechanism.rawValue`.
    public var mechanism: String

    public init(metric: String, start: SimInstant, end: SimInstant, cause: String, mechanism: String) {
        self.metric = metric
        self.start = start
        self.end = end
        self.cause = cause
        self.mechanism = mechanism
    }

    public var seconds: Double { (end - start).seconds }

    /// The cause when no fault or failure process is active.
    public static let noCause = "none"
}
