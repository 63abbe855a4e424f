import Testing

/// `hasim seeds`: one scenario over many seeds, summarised per metric.
@Suite struct SeedsCommandTests {
    static let failover = HASimProcess.scenario("etcd-leader-failover.yaml")

    @Test func summarisesTheChosenMetricsOverTheSeeds() throws {
        let outcome = try hasim("seeds", Self.failover, "--count", "20", "--metric", "etcd.elections")
        #expect(outcome.status == 0)
        #expect(outcome.stdout == """
            etcd-leader-failover: 20 seeds from 1; expectations failed in 0 runs
            metric                 min    median       p90       p99       max      mean
            etcd.elections           1         1         1         1         1         1

            """)
    }

    @Test func theSameSeedsGiveTheSameSummary() throws {
        let first = try hasim("seeds", Self.failover, "--count", "5", "--from", "40")
        let second = try hasim("seeds", Self.failover, "--count", "5", "--from", "40")
        let other = try hasim("seeds", Self.failover, "--count", "5", "--from", "41")
        #expect(first.stdout == second.stdout)
        #expect(first.stdout != other.stdout)
        #expect(first.stdout.contains("etcd.leaderless.longest.seconds"))
    }

    @Test func anUnknownMetricIsInvalidInput() throws {
        let outcome = try hasim("seeds", Self.failover, "--metric", "etcd.nope")
        #expect(outcome.status == 2)
        #expect(outcome.stderr.hasPrefix("error: unknown metric \"etcd.nope\"; expected one of hosts.masters.up.fraction,"))
    }
}
