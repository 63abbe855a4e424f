import Foundation
import HASim
import Testing

/// The safety net under refactoring the World: every scenario of the library
/// over seeds 1-10 must give the runs pinned in
/// `Fixtures/pinned-runs/<scenario>.txt`, as text a person can read
/// (`PinnedRun`: every metric exactly, intervals and events summarised with
/// hashes behind the summaries, digest and unseed). A pure move of code keeps
/// every line; a change of behaviour changes some, the failure names the first
/// line that moved in each run with its pinned and current values, and the
/// commit that re-pins says which and why.
///
/// To re-pin after a deliberate change of behaviour:
/// `HASIM_REPIN=1 swift test -c release -Xswiftc -enable-testing --filter ScenarioLibraryPinTests`,
/// then read `git diff` of the fixtures before committing them.
@Suite struct ScenarioLibraryPinTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/pinned-runs")
    static let seeds: ClosedRange<UInt64> = 1...10

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
        let current = Self.seeds.map { PinnedRun(scenario.run(seed: $0)) }
        let pinFile = Self.fixtures.appendingPathComponent(file.replacingOccurrences(of: ".yaml", with: ".txt"))
        if ProcessInfo.processInfo.environment["HASIM_REPIN"] == "1" {
            try PinFile.text(scenario: file, runs: current).write(to: pinFile, atomically: true, encoding: .utf8)
        }
        let pinned = try PinFile.runs(String(contentsOf: pinFile, encoding: .utf8))
        let moved = PinFile.moved(file: "pinned-runs/\(pinFile.lastPathComponent)", pinned: pinned, current: current)
        #expect(moved.isEmpty, Comment(rawValue: "\(moved.count) of \(current.count) runs moved:\n" + moved.map(\.description).joined(separator: "\n")))
    }
}
