import HASim
import Testing

/// Downtime attribution (issue 14, "Done when"; docs/FAILURES.md, "Downtime
/// attribution"): a zone outage is attributed to quorum loss when it takes
/// a majority of etcd's members, to an election when it takes the leader
/// only, and to the load balancer's health-check delay when it takes the
/// backend an outside client's new connection is sent to.
@Suite struct DowntimeAttributionTests {
    func intervals(_ run: TestRun, _ condition: DowntimeCondition) -> [DowntimeInterval] {
        run.result.downtime.filter { $0.metric == condition.rawValue }
    }

    /// etcd Raft: a write commits on floor(n/2)+1 members, so 3 members
    /// placed 2/1 lose their quorum with zone a, for as long as it is dark
    /// (the members left cannot even elect). When it returns, the restarted
    /// members elect a leader first (etcd's 1 s election timeout,
    /// randomized, after adjustTicks): the same stretch goes on as an
    /// election, still attributed to the outage.
    @Test func aZoneOutageTakingAMajorityIsQuorumLoss() throws {
        let scenario = try TestScenario(yaml: """
            name: majority-zone-dark
            duration: 1h
            topology:
              zones: [a, b]
              masters: {a: 2, b: 1}
            faults:
              - {at: 10m, zoneOutage: a, for: 20m}
            """)
        for seed: UInt64 in [1, 2, 3] {
            let run = scenario.run(seed: seed)
            let quorum = intervals(run, .etcdQuorum)
            try #require(quorum.count >= 2, "seed \(seed): \(quorum)")
            #expect(quorum[0] == DowntimeInterval(metric: "etcd.quorum", start: SimInstant(.minutes(10)), end: SimInstant(.minutes(30)),
                                                  causes: [DowntimeCause(fault: "zoneOutage", target: "zone/a", origin: .fault(0))], mechanism: "quorum loss"))
            #expect(quorum[1].start == quorum[0].end && quorum[1].mechanism == "election" && quorum[1].causes == quorum[0].causes)
            #expect(quorum[0].cause == "zoneOutage zone/a")
            #expect(quorum[1].seconds < 5, "seed \(seed): \(quorum[1])")
            // The outside client's API and the external IP fail by the same quorum loss.
            #expect(intervals(run, .externalIP).first?.mechanism == "quorum loss")
            let api = intervals(run, .apiExternal).filter { $0.mechanism == "quorum loss" }.reduce(0) { $0 + $1.seconds }
            #expect(api > 20 * 60 - 1 && api <= 20 * 60, "seed \(seed): \(api) s")
        }
    }

    /// A failure process's outage is named as its events name it, with the
    /// entry it comes from.
    @Test func aFailureProcessIsNamedWithItsEntry() throws {
        let run = try TestScenario(yaml: """
            name: majority-zone-fails
            duration: 1h
            topology:
              zones: [a, b]
              masters: {a: 2, b: 1}
            failures:
              - {zone: a, mtbf: {fixed: 10m}, mttr: {fixed: 5m}}
            """).run(seed: 1)
        let quorum = intervals(run, .etcdQuorum)
        let start = run.result.events.first { $0.kind == .faultStart }!
        #expect(start.entity == "zone/a" && start.detail == "zoneOutage (failures[0])")
        #expect(quorum.first?.cause == "zoneOutage zone/a (failures[0])")
        #expect(quorum.first?.causes == [DowntimeCause(fault: "zoneOutage", target: "zone/a", origin: .failureProcess(0))])
        #expect(quorum.first?.mechanism == "quorum loss")
        #expect(quorum.first?.start == start.time)
    }

    /// A master operation is a cause while it runs and for its aftermath:
    /// a long-lived client on the VM deleted under it fails until client-go's
    /// HTTP/2 health check closes the connection (ReadIdleTimeout 30 s plus
    /// PingTimeout 15 s, client-go since kubernetes PR 95981), after
    /// the removal's last step. The stretch is named with the operation's
    /// entry and step; a crash after the aftermath is not.
    @Test func aMasterOperationIsNamedWithItsEntryAndStep() throws {
        let scenario = try TestScenario(yaml: """
            name: remove-abruptly
            duration: 1h
            topology:
              zones: [a, b, c]
              masters: {a: 1, b: 1, c: 1}
            operations:
              - {at: 10m, removeMaster: master-c-1}
            faults:
              - {at: 40m, crash: master-b-1, for: 5m}
            """)
        let removal = DowntimeCause(fault: "removeMaster remove", target: "master-c-1", origin: .operation(0))
        let crash = DowntimeCause(fault: "crash", target: "master-b-1", origin: .fault(0))
        var pinned = 0
        for seed: UInt64 in 1...9 {
            let run = scenario.run(seed: seed)
            for interval in intervals(run, .apiExternal) {
                if interval.start < SimInstant(.minutes(40)) {
                    // An election when master-c-1 led etcd: its removal leaves the others to elect.
                    #expect(interval.causes == [removal] && ["pinned connection", "election"].contains(interval.mechanism), "seed \(seed): \(interval)")
                    #expect(interval.cause == "removeMaster remove master-c-1 (operations[0])")
                    if interval.mechanism == "pinned connection" { pinned += 1 }
                } else {
                    #expect(interval.causes == [crash], "seed \(seed): \(interval)")
                }
            }
        }
        // The probe's connection is on master-c-1 in about a third of the seeds.
        #expect(pinned >= 1)
    }

    /// Three zones of one master: the zone holding etcd's leader goes dark.
    /// Two members of three remain, a quorum, connected: etcd is without a
    /// leader only until they elect one, at most one election timeout (1 s,
    /// randomized to [1 s, 2 s), etcd's defaults) after the last heartbeat
    /// they heard, plus the vote. The whole stretch is an election,
    /// attributed to the outage.
    @Test func aZoneOutageTakingTheLeaderIsAnElection() throws {
        let scenario = try TestScenario(yaml: """
            name: leader-zone-dark
            duration: 1h
            topology:
              zones: [a, b, c]
              masters: {a: 1, b: 1, c: 1}
            faults:
              - {at: 10m, zoneOutage: zone-of:etcd-leader, for: 20m}
            """)
        for seed: UInt64 in [1, 2, 3] {
            let run = scenario.run(seed: seed)
            let start = run.result.events.first { $0.kind == .faultStart }!
            let quorum = intervals(run, .etcdQuorum)
            try #require(!quorum.isEmpty)
            #expect(quorum.allSatisfy { $0.mechanism == "election" && $0.cause == "zoneOutage \(start.entity)" }, "seed \(seed): \(quorum)")
            #expect(quorum[0].start == SimInstant(.minutes(10)))
            #expect(quorum[0].seconds > 0 && quorum[0].seconds < 2.5, "seed \(seed): \(quorum[0])")
        }
    }

    /// GCP's target pool health check (docs/EXTERNAL-ACCESS.md; gcloud
    /// health-checks defaults: every 5 s, unhealthy after 2 failures) keeps
    /// a dead backend in rotation for up to 15 s. The outside client,
    /// connected to the master of the zone that goes dark, is first pinned
    /// to the silent host until client-go's HTTP/2 health check closes the
    /// connection (here 1 s + 1 s); its next dials go through the load
    /// balancer, which still picks the dead backend a third of the time:
    /// those requests fail by the health-check delay, until the backend is
    /// marked unhealthy. Which zone the client is connected to at 10 minutes
    /// is read from a run without the outage (the draws before it are the same).
    @Test func aZoneOutageTakingABackendIsTheHealthChecksDelay() throws {
        let topology = """
            duration: 30m
            topology:
              zones: [a, b, c]
              masters: {a: 1, b: 1, c: 1}
              access: {healthCheck: gcp, clients: {external: 10, inCluster: 0, http2: {readIdleTimeout: 1s, pingTimeout: 1s}}}
            """
        let outage = SimInstant(.minutes(10))
        var seedsWithDelay = 0
        for seed: UInt64 in 1...8 {
            let quiet = try TestScenario(yaml: "name: backend-quiet\n" + topology).run(seed: seed)
            let connection = quiet.result.events.last { $0.kind == .connectionOpened && $0.entity == "client/outside" && $0.time < outage }!
            let zone = connection.detail.split(separator: "-")[1]
            let run = try TestScenario(yaml: "name: backend-zone-dark\n" + topology + """

                faults:
                  - {at: 10m, zoneOutage: \(zone), for: 10m}
                """).run(seed: seed)
            let api = intervals(run, .apiExternal)
            let unhealthy = try #require(run.result.events.first { $0.kind == .backendUnhealthy && $0.entity == "lb-backend/\(connection.detail)" })
            #expect(api.allSatisfy { $0.cause == "zoneOutage zone/\(zone)" }, "seed \(seed): \(api)")
            #expect(api.first?.mechanism == "pinned connection" || api.first?.mechanism == "election", "seed \(seed): \(api)")
            let delayed = api.filter { $0.mechanism == "LB health-check delay" }
            if !delayed.isEmpty { seedsWithDelay += 1 }
            // Only before the load balancer saw the backend dead (and the next request served).
            #expect(delayed.allSatisfy { $0.start >= outage && $0.start <= unhealthy.time }, "seed \(seed): \(delayed)")
            #expect(api.allSatisfy { ["pinned connection", "election", "LB health-check delay"].contains($0.mechanism) }, "seed \(seed): \(api)")
            #expect((unhealthy.time - outage) <= HealthCheckSettings.gcp.worstCaseDeadBackendDetection)
        }
        #expect(seedsWithDelay > 0)
    }
}
