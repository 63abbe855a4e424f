/// A sweep as its rows hold it (tables `sweep`, `sweep_point`, `sweep_run`,
/// migration `v3-sweeps`): its points and, for each point, every stored
/// run's metrics in seed order. What the sweep report shows.
public struct StoredSweep: Hashable, Sendable {
    public struct Point: Hashable, Sendable {
        public var index: Int
        public var label: String
        public var parameters: String
        /// The point's runs in seed order.
        public var runs: [Run]

        public init(index: Int, label: String, parameters: String, runs: [Run]) {
            self.index = index
            self.label = label
            self.parameters = parameters
            self.runs = runs
        }
    }

    public struct Run: Hashable, Sendable {
        public var seed: Int64
        public var runID: Int64
        /// Metric name to value; nil when undefined in that run.
        public var metrics: [String: Double?]
        public var expectationsFailed: Int

        public init(seed: Int64, runID: Int64, metrics: [String: Double?], expectationsFailed: Int) {
            self.seed = seed
            self.runID = runID
            self.metrics = metrics
            self.expectationsFailed = expectationsFailed
        }
    }

    public var hash: String
    public var name: String
    public var sweepPath: String
    public var scenarioPath: String
    /// JSON array of the axes' key paths, as stored.
    public var axes: String
    /// Metric names in the order the runs store them (the catalogue's).
    public var metricNames: [String]
    /// Each metric's unit, by name.
    public var units: [String: String]
    public var toolVersions: [String]
    public var points: [Point]

    public init(
        hash: String, name: String, sweepPath: String, scenarioPath: String, axes: String, metricNames: [String],
        units: [String: String], toolVersions: [String], points: [Point]
    ) {
        self.hash = hash
        self.name = name
        self.sweepPath = sweepPath
        self.scenarioPath = scenarioPath
        self.axes = axes
        self.metricNames = metricNames
        self.units = units
        self.toolVersions = toolVersions
        self.points = points
    }
}
