import Foundation
import ScenarioFile
import Simulation
import Testing

/// Sweep files: the grid they describe, and their mistakes located in the sweep file.
@Suite struct SweepParserTests {
    static let inline = """
        name: grid
        scenario:
          name: base
          duration: 1h
          topology:
            zones: [a, b, c]
            masters: {a: 1, b: 1, c: 1}
        seeds: {from: 5, count: 3}

        """

    func parse(_ rest: String) throws -> SweepDefinition { try SweepParser.parse(Self.inline + rest, file: "sweep.yaml") }

    func error(_ rest: String) -> String {
        do {
            _ = try parse(rest)
            return "parsed"
        } catch {
            return "\(error)"
        }
    }

    @Test func axesAreCrossedFirstAxisSlowestAndZipGroupsMoveTogether() throws {
        let sweep = try parse("""
            vary:
              topology.masters: [{a: 1}, {a: 2, b: 2, c: 1}]
            zip:
              - duration: [2h, 3h]
                topology.etcd.electionTimeout: [1s, 2s]
            """)
        #expect(sweep.points.map(\.label) == [
            "topology.masters={a: 1}, duration=2h, topology.etcd.electionTimeout=1s",
            "topology.masters={a: 1}, duration=3h, topology.etcd.electionTimeout=2s",
            "topology.masters={a: 2, b: 2, c: 1}, duration=2h, topology.etcd.electionTimeout=1s",
            "topology.masters={a: 2, b: 2, c: 1}, duration=3h, topology.etcd.electionTimeout=2s",
        ])
        #expect(sweep.points.map(\.index) == [0, 1, 2, 3])
        #expect(sweep.points[3].scenario.topology.mastersPerZone == [2, 2, 1])
        #expect(sweep.points[3].scenario.duration == .hours(3))
        #expect(sweep.seeds == [5, 6, 7])
        #expect(sweep.axes == ["topology.masters", "duration", "topology.etcd.electionTimeout"])
        #expect(sweep.metrics == SweepDefinition.defaultMetrics)
        #expect(sweep.points[2].runParametersJSON(seed: 6) == #"{"seed":6,"topology.masters":{"a":2,"b":2,"c":1},"duration":"2h","topology.etcd.electionTimeout":"1s"}"#)
    }

    @Test func excludeDropsTheMatchingPoints() throws {
        let sweep = try parse("""
            vary:
              topology.masters: [{a: 1}, {a: 1, b: 1, c: 1}]
              duration: [1h, 2h]
            exclude:
              - {topology.masters: {a: 1}, duration: 2h}
            """)
        #expect(sweep.points.map(\.label) == [
            "topology.masters={a: 1}, duration=1h",
            "topology.masters={a: 1, b: 1, c: 1}, duration=1h",
            "topology.masters={a: 1, b: 1, c: 1}, duration=2h",
        ])
    }

    /// The hash's input: the same file gives the same identity; another point does not.
    @Test func theIdentityDependsOnThePointsNotOnTheSeeds() throws {
        let vary = "vary:\n  duration: [1h, 2h]\n"
        let base = try parse(vary)
        let moreSeeds = try SweepParser.parse(Self.inline.replacingOccurrences(of: "count: 3", with: "count: 300") + vary, file: "sweep.yaml")
        let otherPoint = try parse("vary:\n  duration: [1h, 3h]\n")
        #expect(base.identity == moreSeeds.identity)
        #expect(base.identity != otherPoint.identity)
    }

    @Test(arguments: [
        ("vary:\n  topology.etcd.electionTimout: [1s]", #"sweep.yaml:10:3: topology.etcd.electionTimout: unknown key "electionTimout"; expected one of placement, members, heartbeatInterval, electionTimeout, preVote, fsync, initialElectionTickAdvance, writeProbe (did you mean "electionTimeout"?) (in sweep point 0: topology.etcd.electionTimout=1s)"#),
        ("vary:\n  topology.masters: [{a: 1}, {d: 1}]", #"sweep.yaml:10:31: topology.masters.d: unknown zone "d"; expected one of a, b, c (in sweep point 1: topology.masters={d: 1})"#),
        ("vary:\n  faults[0].at: [1m]", "sweep.yaml:10:3: faults[0].at: faults is not in the scenario; expected a list to index (in sweep point 0: faults[0].at=1m)"),
        ("vary:\n  topology..masters: [1]", "sweep.yaml:10:3: vary.topology..masters: expected a key path into the scenario such as topology.etcd.electionTimeout or faults[0].at"),
        ("vary:\n  duration: []", "sweep.yaml:10:13: vary.duration: expected at least one value"),
        ("vary:\n  duration: [1h]\nzip:\n  - {duration: [2h]}", "sweep.yaml:12:6: zip[0].duration: the key path duration is already an axis; expected each key path once across vary and zip"),
        ("zip:\n  - {duration: [1h, 2h], topology.etcd.electionTimeout: [1s]}", "sweep.yaml:10:57: zip[0].topology.etcd.electionTimeout: expected 2 values, as many as duration, found 1"),
        ("vary:\n  duration: [1h, 2h]\nexclude:\n  - {durations: 1h}", #"sweep.yaml:12:6: exclude[0].durations: unknown axis "durations"; expected one of duration (did you mean "duration"?)"#),
        ("vary:\n  duration: [1h, 2h]\nexclude:\n  - {duration: 3h}", "sweep.yaml:12:16: exclude[0].duration: 3h is not a value of the axis; expected one of 1h, 2h"),
        ("vary:\n  duration: [1h]\nexclude:\n  - {duration: 1h}", "sweep.yaml:12:3: exclude: every point is excluded; expected at least one point to run"),
        ("metrics: [etcd.quorum.availabilty]", #"sweep.yaml:9:11: metrics[0]: unknown metric "etcd.quorum.availabilty"; expected one of hosts.masters.up.fraction, hosts.masters.noneUp.seconds, hosts.masters.noneUp.longest.seconds, hosts.masters.majorityDown.seconds, zone.a.availability, zone.b.availability, zone.c.availability, faults.injected, etcd.quorum.availability, etcd.leaderless.seconds, etcd.leaderless.longest.seconds, etcd.elections, ... (67 in all) (did you mean "etcd.quorum.availability"?)"#),
        ("varry: {}", #"sweep.yaml:9:1: varry: unknown key "varry"; expected one of name, description, scenario, seeds, metrics, vary, zip, exclude, advise (did you mean "vary"?)"#),
        // hasim advise's settings (docs/DECIDING.md).
        ("advise: {target: 1}", "sweep.yaml:9:18: advise.target: expected a fraction of windows above 0 and below 1 (such as 95%), found 1"),
        ("advise: {targt: 90%}", #"sweep.yaml:9:10: advise.targt: unknown key "targt"; expected one of target, rounds (did you mean "target"?)"#),
        ("advise: {rounds: [2, 2]}", "sweep.yaml:9:22: advise.rounds[1]: expected more seeds than the round before (2), found 2; each round adds seeds"),
        ("advise: {rounds: [5]}", "sweep.yaml:9:19: advise.rounds[0]: expected at most the sweep's 3 seeds (seeds.count), found 5"),
        ("advise: {rounds: []}", "sweep.yaml:9:18: advise.rounds: expected at least one round"),
        // Issue 21: a metric named twice was a fatal "duplicate values for key" after the runs were stored.
        ("metrics: [etcd.elections, etcd.quorum.availability, etcd.elections]", #"sweep.yaml:9:53: metrics[2]: duplicate metric "etcd.elections", first at metrics[0]; expected each metric once"#),
        // Issue 21: a 3 KB file made 90,000 points and took 525 MB before any run; counted first now.
        ("vary:\n  duration: [1h, 2h, 3h, 4h, 5h, 6h, 7h, 8h, 9h, 10h]\n  topology.etcd.electionTimeout: [1s, 2s, 3s, 4s, 5s, 6s, 7s, 8s, 9s, 10s]\n  topology.leaderElection.retryPeriod: [1s, 2s, 3s, 4s, 5s, 6s, 7s, 8s, 9s, 10s]\n  topology.access.clients.external: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]",
         "sweep.yaml:10:3: vary: the grid has 11000 points (10 x 10 x 10 x 11), more than the 10000 a sweep may have; expected fewer values, or axes moving together in zip:, or several sweeps"),
    ])
    func aMistakeIsLocatedInTheSweepFile(text: String, expected: String) {
        #expect(error(text) == expected)
    }

    /// advise's rounds: 5, 10, 20, ... by default, always ending at every seed.
    @Test func adviseRacesInDoublingRoundsUpToTheSeedsUnlessTheFileSaysOtherwise() throws {
        #expect(try parse("").advice == AdviceSettings(target: 0.95, rounds: [3]))
        #expect(AdviceSettings.doubling(upTo: 40) == [5, 10, 20, 40])
        #expect(AdviceSettings.doubling(upTo: 100) == [5, 10, 20, 40, 80, 100])
        #expect(try parse("advise: {target: 99%, rounds: [1, 2]}").advice == AdviceSettings(target: 0.99, rounds: [1, 2, 3]))
        #expect(try parse("advise: {rounds: [1, 3]}").advice.rounds == [1, 3])
    }

    @Test func aMissingScenarioFileIsNamedAtTheScenarioKey() {
        do {
            _ = try SweepParser.parse("scenario: nowhere.yaml\n", file: "/tmp/sweep.yaml")
            Issue.record("parsed")
        } catch {
            #expect("\(error)" == "/tmp/sweep.yaml:1:11: scenario: cannot read /tmp/nowhere.yaml; expected the path of a scenario file, relative to the sweep file, or the scenario inline")
        }
    }
}

/// The checked-in sweeps parse, every point of them.
@Suite struct SweepLibraryTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Scenarios/sweeps")

    @Test func replicaCountComparesFivePlacementsOverTwoHundredSeeds() throws {
        let sweep = try SweepParser.load(path: Self.folder.appendingPathComponent("replica-count.yaml").path)
        #expect(sweep.points.map { $0.scenario.topology.mastersPerZone } == [[1, 0, 0], [1, 1, 1], [2, 2, 1], [3, 1, 1], [3, 2, 2]])
        #expect(sweep.seedCount == 200)
        #expect(sweep.points.allSatisfy { $0.scenario.faults.count == 3 })
    }

    /// docs/DECIDING.md's example of hasim advise: eight points, each judged by an SLO and priced.
    @Test func theAdviseExampleRacesEightPricedPointsOverFortySeeds() throws {
        let sweep = try SweepParser.loadForAdvice(path: Self.folder.appendingPathComponent("advise-zone-a-failures.yaml").path)
        #expect(sweep.points.count == 8)
        #expect(sweep.advice == AdviceSettings(target: 0.95, rounds: [5, 10, 20, 40]))
        #expect(sweep.points.allSatisfy { $0.scenario.cost != nil && $0.scenario.expectations.count == 1 })
    }
}
