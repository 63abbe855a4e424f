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
    /// Quiet time the fast-forward skipped, and in how many skips (docs/FAST-FORWARD.md).
    public var quietTimeSkipped = SimDuration.zero
    public var quietSkips = 0
    /// Time the control plane's clock stood still while only the workers
    /// were busy, and how often it froze (docs/FAST-FORWARD.md).
    public var controlPlaneFrozen = SimDuration.zero
    public var controlPlaneFreezes = 0
    /// Every interval in which an availability condition failed, with its
    /// cause and mechanism (Downtime/), by condition, then in time order.
    public var downtime: [DowntimeInterval] = []
    /// What crossed between zones, estimated in bytes (docs/COST.md).
    public var traffic = CrossZoneTraffic()

    public var allExpectationsPassed: Bool { expectations.allSatisfy(\.passed) }

    public func metric(_ name: String) -> Double? {
        metrics.first { $0.name == name }?.value
    }

    /// The same, by typed name: `result.metric(.etcdElections)`.
    public func metric(_ metric: Metric) -> Double? { self.metric(metric.name) }
}

public struct MetricValue: Hashable, Sendable {
    public var name: String
    /// NaN when undefined (e.g. an availability with no requests): stored as NULL.
    public var value: Double
    public var unit: String

    /// Equal when bit for bit the same, so that two runs that both leave a
    /// metric undefined (NaN) compare equal: determinism is about identical
    /// results, and NaN is never equal to itself under `==`.
    public static func == (a: Self, b: Self) -> Bool {
        a.name == b.name && a.value.bitPattern == b.value.bitPattern && a.unit == b.unit
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(value.bitPattern)
        hasher.combine(unit)
    }
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
    public var kind: EventKind
    public var detail: String
}

public struct ExpectationOutcome: Hashable, Sendable {
    public var name: String
    public var passed: Bool
    /// The observed value: the metric, or seconds in violation for never/always.
    public var observed: Double
    public var bound: String
    /// What a reader needs beside the observed value, or nil: for an SLO,
    /// the worst window and how many windows met it.
    public var detail: String? = nil

    /// Bit-for-bit, as `MetricValue`: an undefined (NaN) observation equals itself.
    public static func == (a: Self, b: Self) -> Bool {
        a.name == b.name && a.passed == b.passed && a.observed.bitPattern == b.observed.bitPattern && a.bound == b.bound && a.detail == b.detail
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(passed)
        hasher.combine(observed.bitPattern)
        hasher.combine(bound)
        hasher.combine(detail)
    }
}

/// Formats a 64-bit self-check value as 16 hex digits, as stored and printed.
public func hex16(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
}
