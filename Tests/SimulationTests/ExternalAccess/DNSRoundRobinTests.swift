import SimKernel
import Simulation
import Testing

/// DNS round-robin, the alternative to a load balancer (DESIGN.md §3
/// "External access"): a resolver caches an answer for its TTL (RFC 1035
/// §3.2.1, TTL "the time interval that the resource record may be cached"), so
/// a client keeps dialling the address it picked until the TTL expires.
@Suite struct DNSRoundRobinTests {
    @Test func aClientSticksToADeadRecordUntilTheTTLExpires() {
        var client = DNSRoundRobin(ttl: .seconds(30))
        var stream = RandomStream(seed: 4)
        let first = client.target(at: .start, live: [0, 1, 2], stream: &stream)
        let picked = try! #require(first)
        // The picked apiserver dies at 5s and its record is withdrawn at once;
        // the cached answer still sends every request there.
        let others = [0, 1, 2].filter { $0 != picked }
        for second in Int64(5)..<30 {
            #expect(client.target(at: SimInstant(.seconds(second)), live: others, stream: &stream) == picked)
        }
        #expect(client.resolutions == 1)
        let after = client.target(at: SimInstant(.seconds(30)), live: others, stream: &stream)
        #expect(after.map(others.contains) == true)
        #expect(client.resolutions == 2)
        #expect(client.expires == SimInstant(.seconds(60)))
    }

    @Test func noRecordsResolveToNothingAndAreNotCached() {
        var client = DNSRoundRobin(ttl: .seconds(30))
        var stream = RandomStream(seed: 4)
        #expect(client.target(at: .start, live: [], stream: &stream) == nil)
        #expect(client.target(at: SimInstant(.seconds(1)), live: [7], stream: &stream) == 7)
        #expect(client.resolutions == 2)
    }

    @Test func clientsSpreadOverTheRecordsAndTheSameSeedGivesTheSamePicks() {
        func picks(seed: UInt64) -> [Int?] {
            var stream = RandomStream(seed: seed)
            return (0..<300).map { _ in
                var client = DNSRoundRobin(ttl: .seconds(30))
                return client.target(at: .start, live: [0, 1, 2], stream: &stream)
            }
        }
        let hosts = picks(seed: 8)
        #expect(hosts == picks(seed: 8))
        for host in 0..<3 {
            #expect(hosts.filter { $0 == host }.count > 70)
        }
    }
}
