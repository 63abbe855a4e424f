import Foundation
import Report
import ResultStore
import Testing

/// The run page's lanes of what users feel, derived from several rows: the
/// downtime attribution linked to its windows, the clients' states, the load
/// balancer's backends seen with their hosts, operations and failures shaded
/// like faults, and workload availability worded as what it is.
@Suite struct WhatUsersFeelTests {
    let run = ReportFixtures.zoneOutage.run
    var html: String { RunPage(run: run, description: nil).html() }

    func lane(_ key: String, in html: String) throws -> String {
        let start = try #require(html.range(of: "<g class=\"lane\" data-entity=\"\(key)\""), "no lane \(key)")
        let rest = html[start.upperBound...]
        return String(rest[..<(rest.range(of: "<g class=\"lane\"")?.lowerBound ?? rest.endIndex)])
    }

    /// "API downtime 0.017 min = 0.017 election (zoneOutage zone/a)", and
    /// the item's link goes to the segment of its window on the timeline.
    @Test func theAttributionTableAddsUpAndLinksEachItemToItsWindow() throws {
        let page = html
        #expect(page.contains("<p class=\"downtime-sum\">API downtime (api.external): 0.017 min = 0.017 election (zoneOutage zone/a)</p>"))
        #expect(page.contains("<a href=\"#downtime-api.external-1\">10m0.001s–10m1.019s</a>"))
        let downtime = try lane("downtime/api.external", in: page)
        #expect(downtime.contains("<rect id=\"downtime-api.external-1\" class=\"iv\" data-state=\"election (zoneOutage zone/a)\""))
        // Every link has its target.
        for match in page.matches(of: #/href="#(downtime-[^"]+)"/#) {
            #expect(page.contains("id=\"\(match.output.1)\""), "no target for \(match.output.1)")
        }
    }

    /// The in-cluster client's connection was on master-a-1 when zone a went
    /// dark: pinned until client-go's HTTP/2 health check closed it, 45 s
    /// later (30 s read idle + 15 s ping), then served by master-b-1.
    @Test func theClientsLanesShowThePinnedConnection() throws {
        let inCluster = try lane("client/in-cluster", in: html)
        #expect(inCluster.contains("<title>client/in-cluster: pinned to master-a-1 (host down)\n10m → 10m45s (45s)</title>"))
        // Its downtime (api.incluster) lasts until the first request on the
        // new connection is served, 14 ms later.
        #expect(inCluster.contains("<title>client/in-cluster: failing: pinned connection\n10m45s → 10m45.014s (14ms)</title>"))
        #expect(inCluster.contains("<title>client/in-cluster: ok via master-b-1\n10m45.014s → 2h (1h49m14.986s)</title>"))
        let outside = try lane("client/outside", in: html)
        #expect(outside.contains("<title>client/outside: failing: election\n10m0.001s → 10m1.019s (1.018s)</title>"))
        // The clients come right after the attributed downtime, before the zones.
        let clients = try #require(html.range(of: "data-section=\"clients\""))
        let zones = try #require(html.range(of: "data-section=\"zones\""))
        #expect(clients.lowerBound < zones.lowerBound)
    }

    /// kubectl opens a connection per command, so its lane is its
    /// attributed downtime: with no health check, the target pool still
    /// sends a third of new connections to zone a's dark master
    /// (cluster/gce/util.sh creates the pool without one), and every such
    /// command fails while the zone is out.
    @Test func aPerRequestClassesLaneShowsItsFailedCommands() throws {
        let kubectl = try lane("client/kubectl", in: html)
        let failing = run.downtime.filter { $0.metric == "api.kubectl" }
        #expect(!failing.isEmpty)
        #expect(kubectl.occurrences(of: "data-state=\"failing: ") == failing.count)
        #expect(kubectl.contains("data-state=\"failing: LB without health check\""))
        #expect(kubectl.contains("data-state=\"ok\""))
        #expect(!kubectl.contains("not connected"))
    }

    /// The scenario has no health check: the load balancer's view is
    /// "healthy" throughout, but a dark host's backend never reads so.
    @Test func aBackendWhoseHostIsDownNeverReadsHealthy() throws {
        let backend = try lane("lb-backend/master-a-1", in: html)
        #expect(backend.contains("<title>lb-backend/master-a-1: host down\n10m → 40m (30m)</title>"))
        #expect(backend.occurrences(of: "data-state=\"healthy\"") == 2)
    }

    /// A master added by an operation gets its backend lane, absent until
    /// its host exists; removed, its host's state shows.
    @Test func everyMasterThatExistsGetsABackendLane() throws {
        let minute = ReportFixtures.minute
        let run = ReportFixtures.run(intervals: [
            .init(entity: "master-a-1", state: "up", startNanoseconds: 0, endNanoseconds: 10 * minute),
            .init(entity: "master-b-1", state: "absent", startNanoseconds: 0, endNanoseconds: 3 * minute),
            .init(entity: "master-b-1", state: "up", startNanoseconds: 3 * minute, endNanoseconds: 8 * minute),
            .init(entity: "master-b-1", state: "absent", startNanoseconds: 8 * minute, endNanoseconds: 10 * minute),
            .init(entity: "apiserver/master-a-1", state: "ready", startNanoseconds: 0, endNanoseconds: 10 * minute),
            .init(entity: "apiserver/master-b-1", state: "ready", startNanoseconds: 3 * minute, endNanoseconds: 8 * minute),
            .init(entity: "lb-backend/master-a-1", state: "healthy", startNanoseconds: 0, endNanoseconds: 10 * minute),
        ])
        let page = RunPage(run: run, description: nil).html()
        let added = try lane("lb-backend/master-b-1", in: page)
        #expect(added.contains("<title>lb-backend/master-b-1: absent\n0s → 3m (3m)</title>"))
        #expect(added.contains("<title>lb-backend/master-b-1: not probed\n3m → 8m (5m)</title>"))
        #expect(added.contains("<title>lb-backend/master-b-1: absent\n8m → 10m (2m)</title>"))
        #expect(!added.contains("data-state=\"healthy\""))
    }

    /// Operations (drains among them) and failure processes are shaded and named as faults are.
    @Test func operationsAndFailuresAreShadedLikeFaults() throws {
        let minute = ReportFixtures.minute
        let run = ReportFixtures.run(
            intervals: [.init(entity: "master-a-1", state: "up", startNanoseconds: 0, endNanoseconds: 10 * minute)],
            events: [
                .init(timeNanoseconds: 1 * minute, entity: "master-a-1", kind: .faultStart, detail: "crash (failures[0])"),
                .init(timeNanoseconds: 2 * minute, entity: "master-a-1", kind: .faultEnd, detail: "crash (failures[0])"),
                .init(timeNanoseconds: 3 * minute, entity: "master-b-1", kind: .replicateMaster, detail: ""),
                .init(timeNanoseconds: 3 * minute, entity: "master-b-1", kind: .vmCreate, detail: "adding a master"),
                .init(timeNanoseconds: 5 * minute, entity: "etcd/master-b-1", kind: .memberStarted, detail: ""),
                .init(timeNanoseconds: 6 * minute, entity: "etcd/master-a-1", kind: .memberRemoved, detail: "1 voters, quorum 1"),
                .init(timeNanoseconds: 7 * minute, entity: "master-a-1", kind: .vmDeleted, detail: "removing a master"),
                // A drain, from its start to its completion or its timeout.
                .init(timeNanoseconds: 2 * minute, entity: "worker-a-1", kind: .drainStarted, detail: "kubectl drain, --timeout 1h"),
                .init(timeNanoseconds: 3 * minute, entity: "worker-a-1", kind: .drainCompleted, detail: "every pod gone"),
                .init(timeNanoseconds: 4 * minute, entity: "worker-b-1", kind: .drainStarted, detail: "kubectl drain, --timeout 2m"),
                .init(timeNanoseconds: 6 * minute, entity: "worker-b-1", kind: .drainTimedOut, detail: "--timeout 2m reached"),
            ])
        let page = RunPage(run: run, description: nil).html()
        #expect(page.occurrences(of: "<rect class=\"fault\"") == 5)
        #expect(page.contains("data-entity=\"master-a-1\" data-kind=\"crash (failures[0])\" data-category=\"failure\""))
        #expect(page.contains(">failure: crash (failures[0]) master-a-1</text>"))
        #expect(page.contains("data-entity=\"master-b-1\" data-kind=\"addMaster\" data-category=\"operation\""))
        #expect(page.contains("<title>operation addMaster on master-b-1\n3m → 5m (2m)</title>"))
        #expect(page.contains("<title>operation removeMaster on master-a-1\n6m → 7m (1m)</title>"))
        #expect(page.contains("<title>operation drainNode on worker-a-1\n2m → 3m (1m)</title>"))
        #expect(page.contains("<title>operation drainNode on worker-b-1\n4m → 6m (2m)</title>"))
    }

    /// 0.98 of a workload is 2 % of its pods missing on average, not 2 % of
    /// the time unavailable: it is charted as that, apart from the others.
    @Test func workloadAvailabilityIsWordedAsWhatItIs() throws {
        var run = ReportFixtures.run(intervals: [])
        run.metrics = [
            .init(name: "api.external.availability", value: 0.99, unit: "ratio"),
            .init(name: "workload.web.availability", value: 0.98, unit: "ratio"),
        ]
        let page = RunPage(run: run, description: nil).html()
        #expect(page.contains("api.external.availability: 6s (0.99)"))
        #expect(page.contains("workload.web.availability: 2 % of desired pods not ready, on average"))
        #expect(!page.contains("workload.web.availability: 12s"))
    }
}
