import Foundation
import HASim
import Testing

/// The safety net under refactoring the World: every scenario of the library
/// over seeds 1-10 must give the digest, unseed, metrics, intervals and events
/// pinned in `Fixtures/pinned-runs/<scenario>.txt`. A pure move of code keeps every line;
/// a change of behaviour changes some, and its commit says which and why.
///
/// To re-pin after a deliberate change of behaviour:
/// `HASIM_REPIN=1 swift test -c release -Xswiftc -enable-testing --filter ScenarioLibraryPinTests`,
/// then read the diff of the fixture before committing it.
@Suite struct ScenarioLibraryPinTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/pinned-runs")
    static let seeds: ClosedRange<UInt64> = 1...10

    /// One line a (scenario, seed): what the run produced, each part hashed
    /// separately so that a failure says which part moved.
    static func line(file: String, run: TestRun) -> String {
        let result = run.result
        var metrics = FNV1a.offsetBasis
        for metric in result.metrics {
            FNV1a.combine(&metrics, FNV1a.hash64(metric.name + " " + metric.unit))
            FNV1a.combine(&metrics, metric.value.bitPattern)
        }
        // In order, and as a set (a wrapping sum of each interval's hash):
        // a change that only reorders intervals closed at one instant moves
        // the first and keeps the second.
        var intervals = FNV1a.offsetBasis
        var intervalSet: UInt64 = 0
        for interval in result.intervals {
            var one = FNV1a.hash64(interval.entity + " " + interval.state)
            FNV1a.combine(&one, UInt64(bitPattern: interval.start.nanosecondsSinceStart))
            FNV1a.combine(&one, UInt64(bitPattern: interval.end.nanosecondsSinceStart))
            FNV1a.combine(&intervals, one)
            intervalSet &+= one
        }
        var events = FNV1a.offsetBasis
        for event in result.events {
            FNV1a.combine(&events, FNV1a.hash64(event.entity + " " + event.kind + " " + event.detail))
            FNV1a.combine(&events, UInt64(bitPattern: event.time.nanosecondsSinceStart))
        }
        return [file, "seed=\(run.seed)", "digest=\(run.digest)", "unseed=\(hex(result.unseed))",
                "metrics=\(result.metrics.count):\(hex(metrics))", "intervals=\(result.intervals.count):\(hex(intervals))", "intervalSet=\(hex(intervalSet))",
                "events=\(result.events.count):\(hex(events))"].joined(separator: " ")
    }

    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    static let scenarioFiles: [String] = {
        let folder = root.appendingPathComponent("Scenarios")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted()
    }()

    @Test func theLibraryIsPinned() throws {
        let pinned = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.path).sorted()
        #expect(pinned == Self.scenarioFiles.map { $0.replacingOccurrences(of: ".yaml", with: ".txt") })
    }

    @Test(arguments: scenarioFiles)
    func everyLibraryScenarioGivesItsPinnedRunsOverSeedsOneToTen(file: String) throws {
        let scenario = try TestScenario(file: Self.root.appendingPathComponent("Scenarios/\(file)").path)
        let runs = Self.seeds.map { scenario.run(seed: $0) }
        let current = runs.map { Self.line(file: file, run: $0) }
        let pinFile = Self.fixtures.appendingPathComponent(file.replacingOccurrences(of: ".yaml", with: ".txt"))
        if ProcessInfo.processInfo.environment["HASIM_REPIN"] == "1" {
            try (current.joined(separator: "\n") + "\n").write(to: pinFile, atomically: true, encoding: .utf8)
        }
        let pinned = try String(contentsOf: pinFile, encoding: .utf8).split(separator: "\n").map(String.init)
        let moved = zip(pinned, current).filter { $0 != $1 }.map { "pinned  \($0)\ncurrent \($1)" }
        #expect(pinned.count == current.count)
        #expect(moved.isEmpty, Comment(rawValue: "\(moved.count) runs moved:\n" + moved.joined(separator: "\n")))

        // Transition: the readable pins, written from the same runs the hash pins above just passed on.
        let readableFolder = Self.fixtures.deletingLastPathComponent().appendingPathComponent("pinned-runs-readable")
        let readableFile = readableFolder.appendingPathComponent(file.replacingOccurrences(of: ".yaml", with: ".txt"))
        let readable = runs.map(PinnedRun.init)
        if ProcessInfo.processInfo.environment["HASIM_REPIN_READABLE"] == "1" {
            try FileManager.default.createDirectory(at: readableFolder, withIntermediateDirectories: true)
            try PinFile.text(scenario: file, runs: readable).write(to: readableFile, atomically: true, encoding: .utf8)
        }
        let readablePinned = try PinFile.runs(String(contentsOf: readableFile, encoding: .utf8))
        let readableMoved = PinFile.moved(file: file, pinned: readablePinned, current: readable)
        #expect(readableMoved.isEmpty, Comment(rawValue: readableMoved.map(\.description).joined(separator: "\n")))
    }
}
