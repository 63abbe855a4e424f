import Report
import ResultStore
import Testing

/// The timeline's pieces on small hand-made runs.
@Suite struct TimelineTests {
    let minute = ReportFixtures.minute

    @Test func aWorkerGroupCountsItsMembersInEachStateOverTime() {
        let run = ReportFixtures.run(intervals: [
            .init(entity: "worker-a-1", state: "up", startNanoseconds: 0, endNanoseconds: 2 * minute),
            .init(entity: "worker-a-1", state: "down", startNanoseconds: 2 * minute, endNanoseconds: 4 * minute),
            .init(entity: "worker-a-1", state: "up", startNanoseconds: 4 * minute, endNanoseconds: 10 * minute),
            .init(entity: "worker-a-2", state: "up", startNanoseconds: 0, endNanoseconds: 3 * minute),
            .init(entity: "worker-a-2", state: "down", startNanoseconds: 3 * minute, endNanoseconds: 5 * minute),
            .init(entity: "worker-a-2", state: "up", startNanoseconds: 5 * minute, endNanoseconds: 10 * minute),
            .init(entity: "worker-a-3", state: "up", startNanoseconds: 0, endNanoseconds: 10 * minute),
        ])
        let html = RunPage(run: run, description: nil).html()
        let states = html.components(separatedBy: "<rect class=\"iv\" data-state=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(states == ["up 3", "up 2, down 1", "down 2, up 1", "up 2, down 1", "up 3"])
        #expect(html.contains("<g class=\"lane\" data-entity=\"workers/a\" data-members=\"3\">"))
        #expect(html.contains("<title>workers/a (3): down 2, up 1\n3m → 4m (1m)</title>"))
    }

    @Test func aFaultWithoutAnEndLastsToTheEndOfTheRunAndOverlapsPairInOrder() {
        let run = ReportFixtures.run(
            intervals: [.init(entity: "master-a-1", state: "up", startNanoseconds: 0, endNanoseconds: 10 * minute)],
            events: [
                .init(timeNanoseconds: 1 * minute, entity: "master-a-1", kind: .faultStart, detail: "crash"),
                .init(timeNanoseconds: 2 * minute, entity: "master-a-1", kind: .faultStart, detail: "crash"),
                .init(timeNanoseconds: 3 * minute, entity: "master-a-1", kind: .faultEnd, detail: "crash"),
                .init(timeNanoseconds: 4 * minute, entity: "network", kind: .faultStart, detail: "partition"),
            ])
        let html = RunPage(run: run, description: nil).html()
        #expect(html.contains("<title>fault crash on master-a-1\n1m → 3m (2m)</title>"))
        #expect(html.contains("<title>fault crash on master-a-1\n2m → 10m (8m)</title>"))
        #expect(html.contains("<title>fault partition on network\n4m → 10m (6m)</title>"))
    }

    @Test func eventsWithoutALaneGoToTheOtherEventsLane() {
        let run = ReportFixtures.run(
            intervals: [.init(entity: "master-a-1", state: "up", startNanoseconds: 0, endNanoseconds: 10 * minute)],
            events: [
                .init(timeNanoseconds: minute, entity: "kube-scheduler/master-a-1", kind: .leaseLost, detail: "renew deadline"),
                .init(timeNanoseconds: minute, entity: "fault/0", kind: .faultSkipped, detail: "crash: no target"),
            ])
        let html = RunPage(run: run, description: nil).html()
        let host = html.components(separatedBy: "data-entity=\"master-a-1\"")[1].components(separatedBy: "</g>")[0]
        #expect(host.contains("data-kind=\"leaseLost\""))
        let other = html.components(separatedBy: "data-entity=\"events\"")[1].components(separatedBy: "</g>")[0]
        #expect(other.contains("data-kind=\"faultSkipped\""))
    }

    @Test func theAxisReadsInRoundSimulatedTimesForAnySpan() {
        func ticks(minutes: Int64) -> [String] {
            let run = ReportFixtures.run(
                intervals: [.init(entity: "zone/a", state: "up", startNanoseconds: 0, endNanoseconds: minutes * minute)],
                durationMinutes: minutes)
            return RunPage(run: run, description: nil).html().components(separatedBy: "class=\"tick\"").dropFirst().map {
                String($0.split(separator: ">")[1].prefix { $0 != "<" })
            }
        }
        #expect(ticks(minutes: 120) == ["0s", "15m", "30m", "45m", "1h", "1h15m", "1h30m", "1h45m", "2h"])
        #expect(ticks(minutes: 3) == ["0s", "30s", "1m", "1m30s", "2m", "2m30s", "3m"])
        #expect(ticks(minutes: 7 * 24 * 60).first == "0s")
        #expect(ticks(minutes: 7 * 24 * 60).count <= 10)
    }

    @Test func aWindowOutsideTheRunIsAnErrorInOneLine() throws {
        let minute = ReportFixtures.minute
        #expect(throws: ReportWindow.Problem(description: "--from 3h is not before the end of the run (2h)")) {
            try ReportWindow(from: 180 * minute, to: nil, duration: 120 * minute)
        }
        #expect(throws: ReportWindow.Problem(description: "--to 9m must come after --from 12m")) {
            try ReportWindow(from: 12 * minute, to: 9 * minute, duration: 120 * minute)
        }
        #expect(try ReportWindow(from: nil, to: 300 * minute, duration: 120 * minute).to == 120 * minute)
    }
}
