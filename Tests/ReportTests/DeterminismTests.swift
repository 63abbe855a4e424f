import Foundation
import Report
import ResultStore
import Simulation
import Testing

/// Same rows, same bytes: a report depends on nothing but what the database
/// holds (no wall clock, no dictionary order, no locale).
@Suite struct DeterminismTests {
    let fixture = ReportFixtures.zoneOutage

    @Test func renderingTwiceGivesTheSameBytes() {
        let first = RunPage(run: fixture.run, description: fixture.description).html()
        let second = RunPage(run: fixture.run, description: fixture.description).html()
        #expect(first == second)
    }

    @Test func aStoredRunReadBackRendersAsTheRunInMemory() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hasim-report-tests-\(ProcessInfo.processInfo.processIdentifier)-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("runs.sqlite").path
        // Another wall time and creation time: the report must not show them.
        var provenance = ReportFixtures.provenance
        provenance.wallSeconds = 99
        provenance.createdAt = "2030-06-01T12:00:00Z"
        let runID = try ResultDatabase(path: path).write(fixture.result, provenance: provenance)
        let stored = try #require(try ResultReader(path: path).run(id: runID))
        #expect(stored == fixture.run)
        #expect(RunPage(run: stored, description: fixture.description).html() == RunPage(run: fixture.run, description: fixture.description).html())
    }

    @Test func rowsInAnotherOrderGiveTheSameLanesInTheSameOrder() {
        let minute = ReportFixtures.minute
        let intervals: [StoredRun.Interval] = [
            .init(entity: "worker-a-10", state: "up", startNanoseconds: 0, endNanoseconds: 10 * minute),
            .init(entity: "zone/b", state: "up", startNanoseconds: 0, endNanoseconds: 10 * minute),
            .init(entity: "master-a-2", state: "up", startNanoseconds: 0, endNanoseconds: 10 * minute),
            .init(entity: "zone/a", state: "up", startNanoseconds: 0, endNanoseconds: 10 * minute),
            .init(entity: "master-a-10", state: "up", startNanoseconds: 0, endNanoseconds: 10 * minute),
            .init(entity: "worker-a-2", state: "up", startNanoseconds: 0, endNanoseconds: 10 * minute),
        ]
        let forward = RunPage(run: ReportFixtures.run(intervals: intervals), description: nil).html()
        let backward = RunPage(run: ReportFixtures.run(intervals: intervals.reversed()), description: nil).html()
        #expect(forward == backward)
        let order = ["zone/a", "zone/b", "master-a-2", "master-a-10", "workers/a"].map { forward.range(of: "data-entity=\"\($0)\"")!.lowerBound }
        #expect(order == order.sorted())
    }
}
