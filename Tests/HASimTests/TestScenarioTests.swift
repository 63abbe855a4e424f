import HASim
import Testing

/// The library API for regression tests: load, run, typed metrics, one-line checks.
@Suite struct TestScenarioTests {
    /// Zone a (holding etcd's first leader) dark for 30 minutes, then zones a
    /// and b together for 10 minutes: a second of election, then a lost majority.
    static let yaml = """
        name: zone-outages
        duration: 2h
        topology:
          zones: [a, b, c]
          masters: {a: 1, b: 1, c: 1}
        faults:
          - {at: 10m, zoneOutage: a, for: 30m}
          - {at: 80m, zoneOutage: a, for: 10m}
          - {at: 80m, zoneOutage: b, for: 10m}
        """

    @Test func theSameSeedGivesTheSameDigestAndAnotherSeedAnother() throws {
        let scenario = try TestScenario(yaml: Self.yaml)
        #expect(scenario.run(seed: 3).digest == scenario.run(seed: 3).digest)
        #expect(scenario.run(seed: 3).digest != scenario.run(seed: 4).digest)
        #expect(scenario.run(seed: 3).digest.count == 16)
        #expect(scenario.run(seeds: [5, 6]).map(\.seed) == [5, 6])
    }

    @Test func typedMetricsReadTheRunsValues() throws {
        let run = try TestScenario(yaml: Self.yaml).run(seed: 1)
        // Zone a is out 40 of 120 minutes.
        #expect(try run.value(.zoneAvailability("a")) == run.result.metric(.zoneAvailability("a")))
        #expect(abs(try run.value(.zoneAvailability("a")) - 80.0 / 120.0) < 1e-9)
        #expect(try run.value(.faultsInjected) == 3)
        try run.require(.zoneAvailability("c"), atLeast: 1)
    }

    @Test func aMetricTheTopologyDoesNotRecordIsAnErrorNamingTheNearestName() throws {
        let run = try TestScenario(yaml: Self.yaml).run(seed: 1)
        let failure = #expect(throws: ExpectationFailure.self) { try run.value(.zoneAvailability("d")) }
        #expect(failure?.description.contains("metric zone.d.availability is not recorded by this scenario's topology (did you mean zone.a.availability?)") == true)
    }

    @Test func aFailedCheckNamesTheSeedTheDigestAndWhatFailed() throws {
        let run = try TestScenario(yaml: Self.yaml).expectingOnly(.never(.etcdMajorityDown)).run(seed: 9)
        let failure = try #require(throws: ExpectationFailure.self) { try run.requireExpectationsPassed() }
        #expect(failure.seed == 9)
        #expect(failure.digest == run.digest)
        // Zones a and b down together for 10 minutes: 600 s without an etcd majority.
        #expect(failure.problems == ["never etcdMajorityDown: observed 600, expected 0 s holding"])
        #expect(failure.description.hasPrefix("zone-outages (<string>), seed 9, digest \(run.digest): 1 check failed\n"))
        #expect(failure.description.hasSuffix("replay: hasim check <string> --seed 9"))
        let bound = #expect(throws: ExpectationFailure.self) { try run.require(.zoneAvailability("a"), atLeast: 0.9) }
        #expect(bound?.problems == ["zone.a.availability: observed 0.666667, expected >= 0.9"])
    }

    @Test func quorumLostForAnElectionPassesLongerThanButNotNever() throws {
        let scenario = try TestScenario(yaml: Self.yaml.replacingOccurrences(of: "  - {at: 80m, zoneOutage: b, for: 10m}", with: ""))
        let run = scenario.expectingOnly(
            .never(.etcdQuorumLost),
            .neverLongerThan(.etcdQuorumLost, .seconds(5)),
            .never(.etcdMajorityDown),
            .alwaysExceptShorterThan(.allMastersUp, .minutes(30)),
            .alwaysExceptShorterThan(.allMastersUp, .minutes(29))
        ).run(seed: 1)
        #expect(run.expectations.map(\.name) == [
            "never etcdQuorumLost", "never etcdQuorumLost longerThan 5s", "never etcdMajorityDown",
            "always allMastersUp longerThan 30m", "always allMastersUp longerThan 29m",
        ])
        #expect(run.expectations.map(\.passed) == [false, true, true, true, false])
        // Each election after the leader's zone went dark lasts about one election timeout.
        let election = run.expectations[1].observed
        #expect(election > 0 && election <= 5)
        #expect(run.expectations[0].observed >= election)
        #expect(run.expectations[3].observed == 1800)
        #expect(run.expectations[3].bound == "longest stretch not holding <= 1800 s")
    }

    @Test func theScenarioLoadsFromAFileAndReportsEveryMistake() throws {
        let errors = #expect(throws: ScenarioErrors.self) {
            try TestScenario(yaml: "name: broken\nduration: soon\ntopology: {zones: [a], masters: {b: 1}}\n", name: "broken.yaml")
        }
        #expect(errors?.all.map(\.keyPath) == ["duration", "topology.masters.b"])
        let missing = #expect(throws: ScenarioErrors.self) { try TestScenario(file: "/nonexistent/scenario.yaml") }
        #expect(missing?.description == "/nonexistent/scenario.yaml:1:1: cannot read the file: no such file; expected a readable scenario file")
    }
}
