/// Where a run came from, recorded beside its results: what only the command
/// line knows (the file, its hash, the tool version, wall time).
public struct RunProvenance: Sendable {
    public var scenarioPath: String
    public var scenarioSHA256: String
    /// The command-line settings that overrode the scenario, as a JSON object.
    public var parameters: String
    public var toolVersion: String
    public var wallSeconds: Double
    /// ISO 8601 UTC time the run was written.
    public var createdAt: String

    public init(scenarioPath: String, scenarioSHA256: String, parameters: String, toolVersion: String, wallSeconds: Double, createdAt: String) {
        self.scenarioPath = scenarioPath
        self.scenarioSHA256 = scenarioSHA256
        self.parameters = parameters
        self.toolVersion = toolVersion
        self.wallSeconds = wallSeconds
        self.createdAt = createdAt
    }
}
