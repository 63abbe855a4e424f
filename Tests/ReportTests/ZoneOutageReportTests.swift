import Foundation
import Report
import ResultStore
import Testing

/// The report of the library's zone-outage run: its timeline has the lanes,
/// the fault window and the intervals the rows hold.
@Suite struct ZoneOutageReportTests {
    let run = ReportFixtures.zoneOutage.run
    var html: String { RunPage(run: run, description: ReportFixtures.zoneOutage.description).html() }

    /// The markup of one lane, from its opening tag to the next lane's.
    func lane(_ key: String, in html: String) -> String? {
        guard let start = html.range(of: "<g class=\"lane\" data-entity=\"\(key)\"") else { return nil }
        let rest = html[start.upperBound...]
        let end = rest.range(of: "<g class=\"lane\"")?.lowerBound ?? rest.endIndex
        return String(rest[..<end])
    }

    @Test func everyEntityHasALaneAndWorkersAreGroupedPerZone() throws {
        let page = html
        let entities = Set(run.intervals.map(\.entity))
        let workers = entities.filter { $0.hasPrefix("worker-") }
        #expect(workers.count == 300)
        for entity in entities.subtracting(workers).subtracting(["cluster"]) {
            #expect(lane(entity, in: page) != nil, "no lane for \(entity)")
        }
        for condition in Set(run.intervals.filter { $0.entity == "cluster" }.map(\.state)) {
            #expect(lane("cluster/\(condition)", in: page) != nil, "no lane for condition \(condition)")
        }
        for zone in ["a", "b", "c"] {
            #expect(page.contains("<g class=\"lane\" data-entity=\"workers/\(zone)\" data-members=\"100\">"))
        }
        #expect(!page.contains("data-entity=\"worker-a-1\""))
        // One lane per entity but workers (3 groups) and cluster (one per
        // condition); one per attributed condition and per client class
        // (the two probes, whose connections are events, and kubectl); and
        // one for events of entities with no lane.
        let conditions = Set(run.intervals.filter { $0.entity == "cluster" }.map(\.state)).count
        let downtime = Set(run.downtime.map(\.metric)).count
        let clients = run.metrics.count { $0.name.hasPrefix("api.") && $0.name.hasSuffix(".availability") && $0.name.count { $0 == "." } == 2 }
        #expect(Set(run.events.map(\.entity).filter { $0.hasPrefix("client/") }) == ["client/outside", "client/in-cluster"])
        // The three classes, the kubelets, the external IP and etcd.
        #expect(downtime == 6 && clients == 3)
        let unplaced = run.events.contains { !entities.contains($0.entity) && !$0.entity.hasPrefix("client/") } ? 1 : 0
        #expect(page.occurrences(of: "<g class=\"lane\"") == entities.count - workers.count - 1 + conditions + 3 + downtime + clients + unplaced)
    }

    @Test func theZoneOutageIsShadedAcrossTheLanesForItsThirtyMinutes() throws {
        let page = html
        #expect(page.occurrences(of: "<rect class=\"fault\"") == 1)
        #expect(page.contains("<rect class=\"fault\" data-entity=\"zone/a\" data-kind=\"zoneOutage\""))
        #expect(page.contains("<title>fault zoneOutage on zone/a\n10m → 40m (30m)</title>"))
        // 10 of 120 minutes into a 964-pixel plot that starts at x = 200.
        #expect(page.contains("data-kind=\"zoneOutage\" data-category=\"fault\" x=\"280.3\" y=\"0\" width=\"241\""))
        #expect(page.contains("<text x=\"284.3\" y=\"12\">zoneOutage zone/a</text>"))
    }

    @Test func eachIntervalIsOneRectAndWorkerGroupsCountTheirMembers() throws {
        let page = html
        // Every entity's lane has one rect per interval (the load balancer's
        // backends are drawn with their hosts: WhatUsersFeelTests).
        for entity in Set(run.intervals.map(\.entity)) where !entity.hasPrefix("worker-") && !entity.hasPrefix("lb-backend/") && entity != "cluster" {
            let markup = try #require(lane(entity, in: page))
            #expect(markup.occurrences(of: "<rect class=\"iv\"") == run.intervals.filter { $0.entity == entity }.count, "\(entity)")
        }
        let zoneA = try #require(lane("workers/a", in: page))
        #expect(zoneA.occurrences(of: "<rect class=\"iv\" data-state=\"down 100\"") == 1)
        #expect(zoneA.occurrences(of: "<rect class=\"iv\" data-state=\"up 100\"") == 2)
        let etcdB = try #require(lane("etcd/master-b-1", in: page))
        #expect(etcdB.occurrences(of: "<rect class=\"iv\"") == run.intervals.filter { $0.entity == "etcd/master-b-1" }.count)
    }

    @Test func eventsAreMarksWithTheirDetailOnHover() throws {
        let page = html
        let etcdB = try #require(lane("etcd/master-b-1", in: page))
        #expect(etcdB.contains("<path class=\"ev\" data-kind=\"leaderElected\""))
        #expect(etcdB.contains("leaderElected\netcd/master-b-1: term 2</title>"))
        // Zone a's hundred workers going down at once are one mark with a count.
        let zoneA = try #require(lane("workers/a", in: page))
        #expect(zoneA.contains("10m  hostDown ×100\nworker-a-1: incarnation 1\n"))
        #expect(zoneA.occurrences(of: "<path class=\"ev\"") == 2)
    }

    @Test func theHeaderNamesTheRunAndItsExpectations() throws {
        let page = html
        #expect(page.contains("<h1>three-zones-zone-outage</h1>"))
        #expect(page.contains("<p class=\"description\">Three masters, one per zone"))
        #expect(page.contains("<dt>digest</dt><dd>\(run.digest)</dd>"))
        #expect(page.contains("<dt>simulated</dt><dd>2h</dd>"))
        #expect(page.contains("<dt>tool</dt><dd>hasim test</dd>"))
        #expect(page.contains("<span class=\"badge pass\">8 passed, 0 failed</span>"))
        #expect(page.contains("<td>etcd.quorum.availability</td>"))
    }

    @Test func aWindowShowsOnlyItsPartOfTheRun() throws {
        let minute = ReportFixtures.minute
        let window = try ReportWindow(from: 9 * minute, to: 12 * minute, duration: run.durationNanoseconds)
        let page = RunPage(run: run, description: nil, window: window).html()
        #expect(page.contains("<h2 id=\"timeline\">Timeline, 9m to 12m</h2>"))
        #expect(page.contains(">9m30s</text>"))
        #expect(!page.contains(">15m</text>"))
        // The outage began at 10m: a sixth of the way into the plot.
        #expect(page.contains("data-kind=\"zoneOutage\" data-category=\"fault\" x=\"521.3\""))
        // The second `up 100` of zone a (from 40m) is outside the window.
        #expect(page.occurrences(of: "data-state=\"up 100\"") == 3)
    }
}
