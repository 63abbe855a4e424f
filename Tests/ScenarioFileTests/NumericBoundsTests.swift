import Foundation
import ScenarioFile
import SimKernel
import Simulation
import Testing
import Yams

/// Every numeric key at its extremes gives a scenario the model runs
/// without a trap, or a located error (issue 21: traps on values `validate`
/// accepted; docs/RELIABILITY.md, "Arithmetic").
@Suite struct NumericBoundsTests {
    static let library = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Scenarios")

    /// Values at and past every bound: zero, the least and most a reader
    /// takes and one step past, not-a-number, and tails past virtual time.
    static let extremes = [
        "0", "1", "-1", "64", "65", "5000", "9223372036854775807", "1e-300", "3.2e-10", "1e300", ".nan", ".inf",
        "0s", "1ns", "1ms", "50s", "36500d", "36501d", "21900d",
        "{lognormal: {median: 1ms, sigma: 1000}}", "{weibull: {shape: 0.0001, scale: 1s}}",
        "{exponential: {mean: 36500d}}", "{normal: {mean: 36500d, stddev: 36500d}}",
    ]

    /// Each numeric key path of the library (durations, counts, rates,
    /// fractions), with the first file that has it.
    static func numericKeyPaths() throws -> [(file: String, path: String)] {
        let files = try FileManager.default.contentsOfDirectory(atPath: library.path).filter { $0.hasSuffix(".yaml") }.sorted()
        var found: [(String, String)] = []
        var seen = Set<String>()
        for name in files {
            let file = library.appendingPathComponent(name).path
            guard let root = try Yams.compose(yaml: String(contentsOfFile: file, encoding: .utf8)) else { continue }
            for path in leaves(root, prefix: "") where seen.insert(path.path).inserted {
                guard let first = path.value.first, first.isNumber || first == "-" || first == "." else { continue }
                found.append((file, path.path))
            }
        }
        return found
    }

    static func leaves(_ node: Node, prefix: String) -> [(path: String, value: String)] {
        switch node {
        case .scalar(let scalar): return prefix.isEmpty ? [] : [(prefix, scalar.string)]
        case .mapping(let mapping):
            return mapping.flatMap { key, value in leaves(value, prefix: prefix.isEmpty ? key.string ?? "" : "\(prefix).\(key.string ?? "")") }
        case .sequence(let sequence):
            return sequence.enumerated().flatMap { leaves($1, prefix: "\(prefix)[\($0)]") }
        case .alias: return []
        }
    }

    @Test func everyNumericKeyAtItsExtremesIsRunOrRefusedWhereItIsWritten() throws {
        let paths = try Self.numericKeyPaths()
        #expect(paths.count >= 40, "the library's numeric keys: \(paths.count)")
        var accepted = 0, refused = 0
        for (file, path) in paths {
            for value in Self.extremes {
                let override = try ScenarioOverride.commandLine("\(path)=\(value)")
                let scenario: Scenario
                do {
                    scenario = try ScenarioLoader.load(path: file, overrides: [override]).scenario
                } catch {
                    #expect(error.line >= 1 && error.column >= 1 && !error.keyPath.isEmpty, "\(file) \(path)=\(value): \(error)")
                    refused += 1
                    continue
                }
                accepted += 1
                #expect(WorkEstimate.events(scenario).isFinite)
                // A trap here would end the test process: running is the assertion.
                _ = try? simulate(scenario, limits: RunLimits(events: 5_000))
            }
        }
        #expect(accepted > 100 && refused > 100, "accepted \(accepted), refused \(refused)")
    }

    /// Every rate key refuses a positive rate whose period passes virtual
    /// time, saying what to write instead, and takes the least it allows.
    @Test(arguments: [
        ("topology.etcd.writeProbe.rate", "writes per second"),
        ("topology.access.clients.external", "requests per second"),
        ("topology.access.clients.inCluster", "requests per second"),
        ("topology.nodeLifecycle.nodeEvictionRate", "nodes per second"),
        ("topology.nodeLifecycle.secondaryNodeEvictionRate", "nodes per second"),
    ])
    func aRateTooSmallForVirtualTimeIsRefused(path: String, unit: String) throws {
        let file = Self.library.appendingPathComponent("workers-short-zone-outage.yaml").path
        do {
            _ = try ScenarioLoader.load(path: file, overrides: [ScenarioOverride.commandLine("\(path)=1e-300")])
            Issue.record("\(path)=1e-300 was accepted")
        } catch {
            #expect(error.keyPath == path)
            #expect(
                error.message == "expected \(unit) of 0, or from one in 100 years (3.2e-10) to \(path.contains("Eviction") ? "1000" : "1000000"), found 1e-300")
        }
        let slowest = try ScenarioLoader.load(path: file, overrides: [ScenarioOverride.commandLine("\(path)=3.2e-10")])
        _ = try? simulate(slowest.scenario, limits: RunLimits(events: 20_000))
    }

    /// The kubelet's nodeLeaseDurationSeconds is whole seconds above zero
    /// (pkg/kubelet/apis/config/validation); 1 ns gave an empty jitter range.
    @Test func aNodeLeaseDurationBelowASecondIsRefused() throws {
        let file = Self.library.appendingPathComponent("workers-short-zone-outage.yaml").path
        do {
            _ = try ScenarioLoader.load(path: file, overrides: [ScenarioOverride.commandLine("topology.kubelet.nodeLeaseDuration=1ns")])
            Issue.record("a 1 ns node lease was accepted")
        } catch {
            #expect(error.message == "expected a whole number of seconds of at least 1s, as the kubelet's nodeLeaseDurationSeconds is; found 1ns")
        }
        let shortest = try ScenarioLoader.load(path: file, overrides: [ScenarioOverride.commandLine("topology.kubelet.nodeLeaseDuration=1s")])
        _ = try? simulate(shortest.scenario, limits: RunLimits(events: 20_000))
    }

    /// A FIFO blocked open() forever; every path is opened without blocking
    /// and refused unless it is a regular file.
    @Test func aFIFOIsRefusedAtOnce() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hasim-fifo-\(ProcessInfo.processInfo.processIdentifier).yaml").path
        #expect(mkfifo(path, 0o600) == 0)
        defer { unlink(path) }
        do {
            _ = try ScenarioLoader.load(path: path)
            Issue.record("a FIFO was read")
        } catch {
            #expect(error.description == "\(path):1:1: cannot read the file: it is a FIFO (named pipe), not a regular file; expected a readable scenario file")
        }
        do {
            _ = try SweepParser.load(path: path)
            Issue.record("a FIFO was read as a sweep")
        } catch {
            #expect(error.errors.first?.message == "cannot read the file: it is a FIFO (named pipe), not a regular file; expected a readable scenario file")
        }
    }
}
