import SimKernel

/// Everything one run produced: the self-check values, the metrics, the state
/// intervals, the notable events and the expectation outcomes. A pure value:
/// the ResultStore writes it, the command line prints it.
public struct RunResult: Hashable, Sendable {
    public var scenarioName: String
    public var seed: UInt64
    public var duration: SimDuration
    /// Running FNV-1a hash over every dispatched event's time, seq and kind.
    public var digest: UInt64
    /// The random streams' fingerprint at the end of the run.
    public var unseed: UInt64
    public var eventsDispatched: Int
    public var metrics: [MetricValue]
    public var intervals: [StateInterval]
    public var events: [EventRecord]
    public var expectations: [ExpectationOutcome]

    public var allExpectationsPassed: Bool { expectations.allSatisfy(\.passed) }

    public func metric(_ name: String) -> Double? {
        metrics.first { $0.name == name }?.value
    }
}

public struct MetricValue: Hashable, Sendable {
    public var name: String
    public var value: Double
    public var unit: String
}

/// A span of time during which `entity` was in `state`.
public struct StateInterval: Hashable, Sendable {
    public var entity: String
    public var state: String
    public var start: SimInstant
    public var end: SimInstant
}

/// Something that happened at an instant, for the timeline.
public struct EventRecord: Hashable, Sendable {
    public var time: SimInstant
    public var entity: String
    public var kind: String
    public var detail: String
}

public struct ExpectationOutcome: Hashable, Sendable {
    public var name: String
    public var passed: Bool
    /// The observed value: the metric, or seconds in violation for never/always.
    public var observed: Double
    public var bound: String
}

/// Formats a 64-bit self-check value as 16 hex digits, as stored and printed.
public func hex16(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
}
