import HASim
import Testing

@testable import Simulation

/// The readable pins must say what moved: a failing library pin is read by
/// whoever changed the model, and "metric X: pinned A, now B" is what tells
/// them whether the change was meant.
@Suite struct PinFileTests {
    /// Two seeds of the library test's scenario (an outage, an election, a lost majority).
    static func runs() throws -> [TestRun] {
        try TestScenario(yaml: TestScenarioTests.yaml, name: "pin-example").run(seeds: [1, 2])
    }

    @Test func aChangedMetricIsNamedWithItsPinnedAndCurrentValues() throws {
        let runs = try Self.runs()
        let pinned = runs.map(PinnedRun.init)
        var changed = runs
        let index = try #require(changed[1].result.metrics.firstIndex { $0.name == Metric.etcdQuorumAvailability.name })
        let old = changed[1].result.metrics[index].value
        changed[1].result.metrics[index].value = old - 0.001
        let moved = PinFile.moved(file: "pin-example.yaml", pinned: pinned, current: changed.map(PinnedRun.init))

        #expect(moved.count == 1)
        let only = try #require(moved.first)
        #expect(only.seed == 2)
        #expect(only.key == "metric etcd.quorum.availability [ratio]")
        #expect(only.pinned == "\(old)")
        #expect(only.current == "\(old - 0.001)")
        // What the failing test prints: file, seed, metric, old and new value.
        #expect(only.description.hasPrefix("pin-example.yaml seed 2: metric etcd.quorum.availability [ratio]: pinned \(old), now \(old - 0.001)"))
    }

    @Test func theSmallestChangeOfAValueShows() throws {
        let runs = try Self.runs()
        var changed = runs
        let index = try #require(changed[0].result.metrics.firstIndex { $0.name == Metric.etcdQuorumAvailability.name })
        changed[0].result.metrics[index].value = changed[0].result.metrics[index].value.nextDown
        let moved = PinFile.moved(file: "f", pinned: runs.map(PinnedRun.init), current: changed.map(PinnedRun.init))
        #expect(moved.map(\.key) == ["metric etcd.quorum.availability [ratio]"])
    }

    @Test func aMovedIntervalIsNamedBeforeTheHashesAndTheDigest() throws {
        let runs = try Self.runs()
        var changed = runs
        let first = try #require(changed[0].result.intervals.first)
        changed[0].result.intervals[0].end = first.end + .seconds(1)
        let moved = PinFile.moved(file: "f", pinned: runs.map(PinnedRun.init), current: changed.map(PinnedRun.init))
        let only = try #require(moved.first)
        // The entity's summary line (alone, or leaving the group it was alike with) comes first.
        #expect(only.key.hasPrefix("interval \(first.entity)") || only.key.contains("interval \(first.entity) ("))
        #expect(only.alsoMoved.contains("intervals.inOrder") && only.alsoMoved.contains("intervals.asSet"))
        #expect(!only.alsoMoved.contains("digest"))
    }

    @Test func entitiesThatSumUpAlikeAreOneLine() {
        func interval(_ entity: String, _ state: String, _ seconds: Int64) -> StateInterval {
            StateInterval(
                entity: entity, state: state, start: SimInstant(nanosecondsSinceStart: 0),
                end: SimInstant(nanosecondsSinceStart: seconds * 1_000_000_000))
        }
        let intervals = [interval("w1", "up", 60), interval("w2", "up", 60), interval("w3", "up", 30), interval("w4", "up", 60)]
        let groups = PinnedRun.entitiesAlike(PinnedRun.intervalSummaries(intervals))
        #expect(groups.map(\.label) == ["w1 (+2 alike, to w4)", "w3"])
        #expect(groups.map(\.count) == [3, 1])
    }

    @Test func aReorderedIntervalMovesTheOrderHashAndNotTheSetHash() throws {
        let runs = try Self.runs()
        var changed = runs
        let intervals = changed[0].result.intervals
        try #require(intervals.count >= 2 && intervals[0] != intervals[1])
        changed[0].result.intervals.swapAt(0, 1)
        let moved = PinFile.moved(file: "f", pinned: runs.map(PinnedRun.init), current: changed.map(PinnedRun.init))
        let keys = moved.flatMap { [$0.key] + $0.alsoMoved }
        #expect(keys.contains("intervals.inOrder"))
        #expect(!keys.contains("intervals.asSet"))
    }

    @Test func anEventLeftOutIsNamedByItsKind() throws {
        let runs = try Self.runs()
        var changed = runs
        let kind = try #require(changed[0].result.events.last?.kind)
        changed[0].result.events.removeLast()
        let moved = PinFile.moved(file: "f", pinned: runs.map(PinnedRun.init), current: changed.map(PinnedRun.init))
        let only = try #require(moved.first)
        #expect(only.key == "events")
        #expect(only.alsoMoved.contains("event \(kind.rawValue)"))
        #expect(only.alsoMoved.contains("events.all"))
    }

    @Test func theTextReadsBackToTheSameRuns() throws {
        let pinned = try Self.runs().map(PinnedRun.init)
        let text = PinFile.text(scenario: "pin-example.yaml", runs: pinned)
        #expect(try PinFile.runs(text) == pinned)
        #expect(text.contains("\nmetric etcd.quorum.availability [ratio] = "))
        #expect(text.contains("\ndigest = "))
    }

    @Test func aLineThatIsNotAPinIsRefused() {
        #expect(throws: PinFile.ParseError.self) { try PinFile.runs("seed 1\nno separator here\n") }
    }

    @Test func aMissingOrExtraSeedIsSaid() throws {
        let pinned = try Self.runs().map(PinnedRun.init)
        let moved = PinFile.moved(file: "f", pinned: Array(pinned.prefix(1)), current: Array(pinned.suffix(1)))
        #expect(moved.map(\.seed) == [1, 2])
        #expect(moved.map(\.key) == ["seed", "seed"])
    }

    @Test func exactTextOfTimesAndValues() {
        #expect(PinnedRun.seconds(90_000_000_000) == "90s")
        #expect(PinnedRun.seconds(250_000_000) == "0.25s")
        #expect(PinnedRun.seconds(12_000_000_001) == "12.000000001s")
        #expect(PinnedRun.exact(0.1) == "0.1")
        #expect(PinnedRun.exact(.nan).hasPrefix("nan (bits "))
    }

    @Test func aValueOnSeveralLinesStaysOneLine() throws {
        let run = PinnedRun(seed: 1, lines: [.init(key: "event x #1", value: "two\nlines and a \\ backslash")])
        #expect(try PinFile.runs(PinFile.text(scenario: "s", runs: [run])) == [run])
    }
}
