import Foundation
import ScenarioFile
import SimKernel
import Simulation
import Testing

@Suite struct ScenarioParserTests {
    @Test func omittedSettingsTakeTheirDocumentedDefaults() throws {
        let scenario = try ScenarioParser.parse("name: minimal\ntopology: {zones: [a], masters: {a: 1}}\n", file: "m.yaml")
        #expect(scenario.duration == Scenario.defaultDuration)
        #expect(scenario.seed == Scenario.defaultSeed)
        #expect(scenario.description == "")
        #expect(scenario.topology.workersPerZone == [0])
        #expect(scenario.faults.isEmpty && scenario.expectations.isEmpty)
    }

    @Test func readsAFullScenario() throws {
        let text = """
            name: full
            description: every key
            duration: 1h30m
            seed: 42
            topology:
              zones: [a, b, c]
              masters: {a: 2, c: 1}
              workers: {b: 1_000}
            faults:
              - {at: 10m, zoneOutage: b, for: {uniform: [15m, 25m]}}
              - {at: {exponential: {mean: 30m}}, crash: master-a-2}
              - {at: {normal: {mean: 20m, stddev: 1m}}, crash: worker-b-7, for: {weibull: {shape: 1.5, scale: 2m}}}
              - {at: {lognormal: {median: 5m, sigma: 0.25}}, crash: master-c-1, for: {fixed: 1s}}
            expect:
              - {metric: hosts.masters.up.fraction, atLeast: 99.5%}
              - {metric: hosts.masters.noneUp.seconds, atMost: 0}
              - {never: noMasterUp}
              - {always: anyMasterUp}
            """
        let scenario = try ScenarioParser.parse(text, file: "full.yaml")
        #expect(scenario.duration == .minutes(90))
        #expect(scenario.seed == 42)
        #expect(scenario.topology.mastersPerZone == [2, 0, 1])
        #expect(scenario.topology.workersPerZone == [0, 1_000, 0])
        #expect(scenario.faults == [
            Fault(kind: .zoneOutage(.zone(1)), at: .fixed(.minutes(10)), duration: .uniform(low: .minutes(15), high: .minutes(25))),
            Fault(kind: .hostCrash(.host(1)), at: .exponential(mean: .minutes(30))),
            Fault(kind: .hostCrash(.host(9)), at: .normal(mean: .minutes(20), standardDeviation: .minutes(1)),
                  duration: .weibull(shape: 1.5, scale: .minutes(2))),
            Fault(kind: .hostCrash(.host(2)), at: .lognormal(median: .minutes(5), sigma: 0.25), duration: .fixed(.seconds(1))),
        ])
        #expect(scenario.expectations == [
            .metric(name: "hosts.masters.up.fraction", atLeast: 0.995, atMost: nil),
            .metric(name: "hosts.masters.noneUp.seconds", atLeast: nil, atMost: 0),
            .never(.noMasterUp),
            .always(.anyMasterUp),
        ])
    }

    /// Every scenario of the library parses; CI also runs them with `hasim check`.
    @Test func theScenarioLibraryParses() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Scenarios")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files.count >= 2)
        for file in files {
            let loaded = try ScenarioLoader.load(path: folder.appendingPathComponent(file).path)
            #expect(!loaded.scenario.expectations.isEmpty, "\(file) has no expectations")
        }
    }
}

/// The scenarios the docs show are real scenarios: they must keep parsing.
@Suite struct DocumentedScenarioTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The ```yaml blocks of a document that are whole scenarios (they start with `name:`).
    static func scenarioBlocks(_ document: String) throws -> [String] {
        let text = try String(contentsOf: root.appendingPathComponent(document), encoding: .utf8)
        return text.components(separatedBy: "```yaml\n").dropFirst().compactMap { block in
            guard let end = block.range(of: "```") else { return nil }
            let yaml = String(block[..<end.lowerBound])
            return yaml.hasPrefix("name:") ? yaml : nil
        }
    }

    @Test func theReferenceExampleParses() throws {
        let example = try #require(try Self.scenarioBlocks("docs/SCENARIOS.md").first)
        let scenario = try ScenarioParser.parse(example, file: "docs/SCENARIOS.md")
        #expect(scenario.topology.zones == ["a", "b", "c"])
        #expect(!scenario.operations.isEmpty && !scenario.faults.isEmpty && !scenario.expectations.isEmpty)
    }

    @Test(arguments: ["README.md", "docs/TUTORIAL.md"])
    func everyScenarioShownParses(document: String) throws {
        let blocks = try Self.scenarioBlocks(document)
        #expect(!blocks.isEmpty, "\(document) shows no scenario")
        for yaml in blocks { _ = try ScenarioParser.parse(yaml, file: document) }
    }
}
