import HASim
import Testing

/// The analytic cross-check of issue 14: the simulated etcd quorum
/// availability of members that fail and recover at random must agree with
/// the k-of-n formula (`QuorumProbability`, FACTS.md "Availability
/// arithmetic") within the simulation's own confidence interval, for
/// n = 1, 3, 5, 7 and for zones failing together with their members.
///
/// For n = 1 to 7 every master host fails with an exponential time to
/// failure (mean 3 min) and is repaired after an exponential time (mean
/// 2 min): A = 0.6, so a quorum is lost 28 % of the time at n = 7 and a
/// one-hour run sees dozens of quorum losses. Repairs are 120 times etcd's ~1 s failover, so the
/// elections the formula knows nothing of add about 2 % to the time
/// without quorum (measured: `etcd.leaderless.seconds` against
/// `hosts.masters.majorityDown.seconds`), well inside the interval.
/// The formula compared is the expectation over a one-hour run that starts
/// with every member up (`QuorumAvailability.overRunLost`), not the steady
/// state, which such a run approaches only after its first minutes.
/// The heartbeat is 200 ms with a 1 s election timeout (etcd's smallest
/// ratio, 5): the failover stays about a second at half the ticks' cost.
/// About 20 s of CPU in a release build over the five cases (docs/FAILURES.md).
@Suite struct QuorumCrossCheckTests {
    /// Student's t, 0.995 quantile, 39 degrees of freedom (NIST/SEMATECH
    /// e-Handbook of Statistical Methods, table 1.3.6.7.2): a 99 % interval
    /// for 40 seeds, a slightly wider one for more, so that five checks over
    /// fixed seeds fail by chance rarely.
    static let t99 = 2.708

    struct Case: CustomTestStringConvertible, Sendable {
        var masters: String
        var zones: String
        var failures: String
        var seeds: ClosedRange<UInt64>
        var testDescription: String { "masters \(masters)" }
    }

    static let hosts = "  - {every: master, mtbf: 3m, mttr: 2m}\n"
    static let cases = [
        Case(masters: "{a: 1}", zones: "[a]", failures: hosts, seeds: 1...40),
        Case(masters: "{a: 3}", zones: "[a]", failures: hosts, seeds: 1...40),
        Case(masters: "{a: 5}", zones: "[a]", failures: hosts, seeds: 1...40),
        Case(masters: "{a: 7}", zones: "[a]", failures: hosts, seeds: 1...40),
        // Zone-correlated: 2/2/1 survives any one zone but no two. Zones
        // down a quarter of the time, hosts a twentieth: the correlated
        // formula says 0.20 of the time without quorum, members failing
        // independently with the same down-probability would say 0.15;
        // 80 seeds tell the two apart.
        Case(masters: "{a: 2, b: 2, c: 1}", zones: "[a, b, c]",
             failures: "  - {every: master, mtbf: 38m, mttr: 2m}\n  - {every: zone, mtbf: 6m, mttr: 2m}\n", seeds: 1...80),
    ]

    /// Mean and 99 % confidence half-width of per-seed values.
    static func interval(_ values: [Double]) -> (mean: Double, halfWidth: Double) {
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count - 1)
        return (mean, t99 * (variance / Double(values.count)).squareRoot())
    }

    @Test(arguments: cases)
    func simulatedQuorumLossMatchesTheFormula(_ test: Case) throws {
        let scenario = try TestScenario(yaml: """
            name: cross-check
            duration: 1h
            topology:
              zones: \(test.zones)
              masters: \(test.masters)
              etcd: {writeProbe: {rate: 0}, heartbeatInterval: 200ms, electionTimeout: 1s}
              access: {clients: {external: 0, inCluster: 0}}
            failures:
            \(test.failures)
            """)
        let formula = try QuorumAvailability(scenario.scenario)
        var quorumLost: [Double] = []
        var majorityDown: [Double] = []
        for seed in test.seeds {
            let run = scenario.run(seed: seed)
            quorumLost.append(1 - (try run.value(.etcdQuorumAvailability)))
            majorityDown.append(try run.value(.masterMajorityDownSeconds) / 3600)
        }
        let quorum = Self.interval(quorumLost)
        let majority = Self.interval(majorityDown)
        let expected = formula.overRunLost
        #expect(abs(quorum.mean - expected) <= quorum.halfWidth,
                "quorum lost \(quorum.mean) ± \(quorum.halfWidth), formula \(expected)")
        #expect(abs(majority.mean - expected) <= majority.halfWidth,
                "majority down \(majority.mean) ± \(majority.halfWidth), formula \(expected)")
        // The check has teeth: the interval is narrower than a fifth of the
        // value, and with zones it tells the zone-correlated formula from
        // members failing independently with the same down-probability.
        #expect(quorum.halfWidth < expected / 5)
        if formula.zoneDown.count > 1 {
            let zone = formula.zoneDown[0]
            let members = formula.memberDown.map { 1 - (1 - $0) * (1 - zone) }
            let independent = QuorumProbability.quorumLost(memberDown: [members], zoneDown: [0], needed: formula.quorum)
            #expect(abs(independent - quorum.mean) > quorum.halfWidth)
        }
        // Elections only add time without quorum, never remove it.
        #expect(quorum.mean >= majority.mean)
    }
}
