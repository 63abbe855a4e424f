import SimKernel
import Simulation
import Testing

/// Routing through the load balancer. Sources: Compute Engine API
/// TargetPool.backupPool ("traffic will be spread to the healthy instances
/// with the best effort, or to all instances when no instance is healthy");
/// ELB target group health checks (AWS fails open the same way).
@Suite struct LoadBalancerRoutingTests {
    func backends(healthy: [Bool]) -> [LoadBalancerBackend] {
        healthy.enumerated().map { LoadBalancerBackend(host: $0.offset, health: BackendHealth(settings: .gcp, initiallyHealthy: $0.element)) }
    }

    func picks(seed: UInt64, _ pool: [LoadBalancerBackend], count: Int = 200) -> [LoadBalancerRouting.Outcome] {
        var routing = LoadBalancerRouting()
        var stream = RandomStream(seed: seed)
        return (0..<count).map { _ in routing.route(pool, isAlive: { _ in true }, stream: &stream) }
    }

    @Test func requestsGoOnlyToHealthyBackendsSpreadUniformly() {
        let outcomes = picks(seed: 3, backends(healthy: [true, false, true]), count: 3000)
        let hosts = outcomes.compactMap { if case .served(let host) = $0 { host } else { nil } }
        #expect(hosts.count == 3000)
        #expect(!hosts.contains(1))
        let zeros = hosts.filter { $0 == 0 }.count
        #expect(zeros > 1350 && zeros < 1650)
    }

    @Test func withNoHealthyBackendTrafficIsSpreadOverAllAsGCPTargetPoolsDo() {
        var routing = LoadBalancerRouting()
        var stream = RandomStream(seed: 5)
        let pool = backends(healthy: [false, false])
        var seen: [Int] = []
        for _ in 0..<50 {
            if case .served(let host) = routing.route(pool, isAlive: { _ in true }, stream: &stream), !seen.contains(host) {
                seen.append(host)
            }
        }
        #expect(seen.sorted() == [0, 1])
        #expect(routing.failedOpen == 50)
        #expect(routing.dropped == 0)
    }

    @Test func aDroppingPolicyRefusesWhenNoneIsHealthy() {
        var routing = LoadBalancerRouting(dropWhenNoneHealthy: true)
        var stream = RandomStream(seed: 5)
        #expect(routing.route(backends(healthy: [false]), isAlive: { _ in true }, stream: &stream) == .dropped)
        #expect(routing.route([], isAlive: { _ in true }, stream: &stream) == .dropped)
        #expect(routing.dropped == 2)
    }

    @Test func aRequestToABackendThatIsActuallyDeadFailsAndIsCounted() {
        var routing = LoadBalancerRouting()
        var stream = RandomStream(seed: 9)
        #expect(routing.route(backends(healthy: [true]), isAlive: { _ in false }, stream: &stream) == .sentToDeadBackend(0))
        #expect(routing.sentToDeadBackend == 1)
        #expect(routing.served == 0)
    }

    /// DESIGN.md §2: the same seed gives the same run.
    @Test func theSameSeedGivesTheSameRoutingSequence() {
        let pool = backends(healthy: [true, true, true])
        #expect(picks(seed: 42, pool) == picks(seed: 42, pool))
        #expect(picks(seed: 42, pool) != picks(seed: 43, pool))
    }
}
