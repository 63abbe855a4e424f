import SimKernel

/// A validated scenario: what to simulate, for how long, with which faults,
/// and what to expect. Built by the ScenarioFile module from YAML, or directly
/// in code and tests.
public struct Scenario: Hashable, Sendable {
    public var name: String
    public var description: String
    /// Simulated span of the run.
    public var duration: SimDuration
    /// The root seed when the command line gives none.
    public var seed: UInt64
    public var topology: Topology
    public var faults: [Fault]
    /// Failures that recur for the whole run, one renewal process per target (Failures/).
    public var failures: [FailureProcess] = []
    /// Master additions and removals, in order (see `MasterOperation`).
    public var operations: [MasterOperation] = []
    /// Deployments and StatefulSets on the workers (Workers/).
    public var workloads: [Workload] = []
    public var expectations: [RunExpectation]
    /// Whether quiet time is skipped (docs/FAST-FORWARD.md): results are the
    /// same in distribution either way; false runs every event of the span.
    public var fastForward = true
    /// How many times a year a one-off scenario's faults and operations
    /// happen (`occurrences: 12/yr`), turning its per-occurrence downtime
    /// into a yearly figure (`DowntimeFigures`); nil: not said. It changes
    /// nothing in a run.
    public var occurrencesPerYear: Double? = nil
    /// The prices of its hosts and cross-zone traffic (`cost:`,
    /// docs/COST.md); nil: none given, and no cost is printed. It changes
    /// nothing in a run.
    public var cost: CostModel? = nil

    public static let defaultDuration = SimDuration.hours(1)
    public static let defaultSeed: UInt64 = 1

    public init(
        name: String, description: String = "", duration: SimDuration = Scenario.defaultDuration,
        seed: UInt64 = Scenario.defaultSeed, topology: Topology, faults: [Fault] = [], expectations: [RunExpectation] = []
    ) {
        self.name = name
        self.description = description
        self.duration = duration
        self.seed = seed
        self.topology = topology
        self.faults = faults
        self.expectations = expectations
    }
}
