/// A scenario ready to run from a test: loaded from a file or a string,
/// optionally with expectations added in Swift, run under any seed.
///
/// ```swift
/// let scenario = try TestScenario(file: "Scenarios/three-zones-zone-outage.yaml")
///     .expecting(.neverLongerThan(.etcdQuorumLost, .seconds(5)))
/// try scenario.run(seed: 7).requireExpectationsPassed()
/// ```
///
/// Parameter overrides by key path (the `--set topology.etcd.heartbeatInterval=50ms`
/// of sweeps) are meant to live here too, as a method returning a changed
/// `TestScenario`; the source text and file are kept for that.
public struct TestScenario: Sendable {
    /// The validated scenario; change it freely, it is a plain value.
    public var scenario: Scenario
    /// The file it came from, or the name given to a string; printed in failures.
    public var source: String
    /// The YAML text it was read from.
    public var text: String

    /// Reads and validates a scenario file. Throws `ScenarioErrors`, every
    /// mistake with its file, line, column and key path.
    public init(file path: String) throws(ScenarioErrors) {
        let loaded = try ScenarioLoader.loadReportingAll(path: path)
        scenario = loaded.scenario
        source = path
        text = String(decoding: loaded.contents, as: UTF8.self)
    }

    /// Reads and validates a scenario written in the test; `name` stands for
    /// the file in error messages.
    public init(yaml: String, name: String = "<string>") throws(ScenarioErrors) {
        scenario = try ScenarioParser.parseReportingAll(yaml, file: name)
        source = name
        text = yaml
    }

    /// The same scenario with these expectations added to the file's own.
    public func expecting(_ expectations: RunExpectation...) -> TestScenario {
        var copy = self
        copy.scenario.expectations += expectations
        return copy
    }

    /// The same scenario with only these expectations (the file's are dropped).
    public func expectingOnly(_ expectations: RunExpectation...) -> TestScenario {
        var copy = self
        copy.scenario.expectations = expectations
        return copy
    }

    /// Runs once; the file's seed when `seed` is nil. Deterministic: the
    /// same scenario and seed give the same result, digest included.
    public func run(seed: UInt64? = nil) -> TestRun {
        TestRun(source: source, result: simulate(scenario, seed: seed))
    }

    /// Runs once per seed, in seed order, on the calling thread.
    public func run<Seeds: Sequence>(seeds: Seeds) -> [TestRun] where Seeds.Element == UInt64 {
        seeds.map { run(seed: $0) }
    }
}
