import SimKernel
import Simulation

/// A run as its rows hold it: what a report shows. The non-deterministic
/// columns (`wall_seconds`, `created_at`) are left out, so two stored copies
/// of the same run are equal and render the same bytes.
public struct StoredRun: Hashable, Sendable {
    public struct Metric: Hashable, Sendable {
        public var name: String
        /// nil when undefined (stored as NULL).
        public var value: Double?
        public var unit: String

        public init(name: String, value: Double?, unit: String) {
            self.name = name
            self.value = value
            self.unit = unit
        }
    }

    public struct Interval: Hashable, Sendable {
        public var entity: String
        public var state: String
        public var startNanoseconds: Int64
        public var endNanoseconds: Int64

        public init(entity: String, state: String, startNanoseconds: Int64, endNanoseconds: Int64) {
            self.entity = entity
            self.state = state
            self.startNanoseconds = startNanoseconds
            self.endNanoseconds = endNanoseconds
        }
    }

    public struct Event: Hashable, Sendable {
        public var timeNanoseconds: Int64
        public var entity: String
        /// The `kind` column's text, kept as stored: a database written by
        /// another version may hold a kind this one does not know, and the
        /// report still shows it.
        public var kind: String
        public var detail: String

        public init(timeNanoseconds: Int64, entity: String, kind: String, detail: String) {
            self.timeNanoseconds = timeNanoseconds
            self.entity = entity
            self.kind = kind
            self.detail = detail
        }

        public init(timeNanoseconds: Int64, entity: String, kind: EventKind, detail: String) {
            self.init(timeNanoseconds: timeNanoseconds, entity: entity, kind: kind.rawValue, detail: detail)
        }

        /// The kind as the model names it; nil for a text this version does
        /// not record. What the report matches on, so that a renamed kind is
        /// a compile error rather than a window silently missing.
        public var recordedKind: EventKind? { EventKind(rawValue: kind) }
    }

    public struct Expectation: Hashable, Sendable {
        public var name: String
        public var passed: Bool
        public var observed: Double?
        public var bound: String

        public init(name: String, passed: Bool, observed: Double?, bound: String) {
            self.name = name
            self.passed = passed
            self.observed = observed
            self.bound = bound
        }
    }

    /// A row of the `downtime` table with its `downtime_cause` rows.
    public struct Downtime: Hashable, Sendable {
        public var metric: String
        public var startNanoseconds: Int64
        public var endNanoseconds: Int64
        public var causes: [DowntimeCause]
        public var mechanism: String

        public init(metric: String, startNanoseconds: Int64, endNanoseconds: Int64, causes: [DowntimeCause], mechanism: String) {
            self.metric = metric
            self.startNanoseconds = startNanoseconds
            self.endNanoseconds = endNanoseconds
            self.causes = causes
            self.mechanism = mechanism
        }

        public init(_ interval: DowntimeInterval) {
            self.init(
                metric: interval.metric, startNanoseconds: interval.start.nanosecondsSinceStart,
                endNanoseconds: interval.end.nanosecondsSinceStart, causes: interval.causes, mechanism: interval.mechanism)
        }

        /// The causes as the `cause` column holds them.
        public var cause: String { DowntimeCause.text(of: causes) }

        /// The interval as the model recorded it.
        public var interval: DowntimeInterval {
            DowntimeInterval(
                metric: metric, start: SimInstant(nanosecondsSinceStart: startNanoseconds),
                end: SimInstant(nanosecondsSinceStart: endNanoseconds), causes: causes, mechanism: mechanism)
        }
    }

    /// nil for a run that was not stored (`hasim check` without `--db`).
    public var runID: Int64?
    public var scenario: String
    public var scenarioPath: String
    public var scenarioSHA256: String
    public var seed: Int64
    public var parameters: String
    public var durationNanoseconds: Int64
    public var eventsDispatched: Int
    public var digest: String
    public var unseed: String
    public var toolVersion: String
    public var metrics: [Metric] = []
    /// Bytes sent between zones (the `traffic` table); nil for a run stored before it.
    public var crossZoneBytes: Int64?
    public var intervals: [Interval] = []
    public var events: [Event] = []
    public var expectations: [Expectation] = []
    public var downtime: [Downtime] = []

    public init(
        runID: Int64?, scenario: String, scenarioPath: String, scenarioSHA256: String, seed: Int64, parameters: String,
        durationNanoseconds: Int64, eventsDispatched: Int, digest: String, unseed: String, toolVersion: String
    ) {
        self.runID = runID
        self.scenario = scenario
        self.scenarioPath = scenarioPath
        self.scenarioSHA256 = scenarioSHA256
        self.seed = seed
        self.parameters = parameters
        self.durationNanoseconds = durationNanoseconds
        self.eventsDispatched = eventsDispatched
        self.digest = digest
        self.unseed = unseed
        self.toolVersion = toolVersion
    }

    /// The rows `ResultDatabase.write` would store for this result, without a
    /// database: so a run that is not stored renders exactly as one that is.
    public init(result: RunResult, provenance: RunProvenance, runID: Int64?) {
        self.init(
            runID: runID, scenario: result.scenarioName, scenarioPath: provenance.scenarioPath,
            scenarioSHA256: provenance.scenarioSHA256, seed: Int64(result.seed), parameters: provenance.parameters,
            durationNanoseconds: result.duration.nanoseconds, eventsDispatched: result.eventsDispatched,
            digest: hex16(result.digest), unseed: hex16(result.unseed), toolVersion: provenance.toolVersion)
        metrics = result.metrics.map { Metric(name: $0.name, value: $0.value.isNaN ? nil : $0.value, unit: $0.unit) }
        crossZoneBytes = Int64(result.traffic.totalBytes)
        intervals = result.intervals.map {
            Interval(entity: $0.entity, state: $0.state, startNanoseconds: $0.start.nanosecondsSinceStart, endNanoseconds: $0.end.nanosecondsSinceStart)
        }
        events = result.events.map { Event(timeNanoseconds: $0.time.nanosecondsSinceStart, entity: $0.entity, kind: $0.kind.rawValue, detail: $0.detail) }
        expectations = result.expectations.map {
            Expectation(name: $0.name, passed: $0.passed, observed: $0.observed.isNaN ? nil : $0.observed, bound: $0.bound)
        }
        downtime = result.downtime.map(Downtime.init)
    }
}
