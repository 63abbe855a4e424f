import SimKernel
import Simulation
import Testing

/// Clients hold long-lived connections (client-go's HTTP/2), balanced per
/// connection by the target pool; a dead host is noticed only by the HTTP/2
/// health check, ReadIdleTimeout 30 s + PingTimeout 15 s (kubernetes PR 95981).
@Suite struct ClientConnectionTests {
    func topology() -> Topology {
        var topology = Topology(zones: ["a", "b", "c"], mastersPerZone: [1, 1, 1], workersPerZone: [0, 0, 0])
        topology.access.externalClientRate = 10
        topology.access.inClusterClientRate = 0
        return topology
    }

    /// The master the outside client's first connection went to under `seed`.
    func firstBackend(seed: UInt64) -> Int {
        let quiet = simulate(Scenario(name: "quiet", duration: .seconds(5), topology: topology()), seed: seed)
        let opened = quiet.events.first { $0.kind == .connectionOpened }!
        return ["master-a-1", "master-b-1", "master-c-1"].firstIndex(of: opened.detail)!
    }

    func crash(_ kind: FaultKind, seed: UInt64) -> RunResult {
        simulate(Scenario(name: "crash", duration: .minutes(8), topology: topology(),
                          faults: [Fault(kind: kind, at: .fixed(.minutes(2)), duration: .fixed(.minutes(3)))]), seed: seed)
    }

    @Test func aClientOnACrashedHostIsPinnedUntilTheHTTP2HealthCheck() {
        for seed in UInt64(1)...3 {
            let host = firstBackend(seed: seed)
            let result = crash(.hostCrash(.host(host)), seed: seed)
            let pinned = result.metric(.externalPinnedSeconds)!
            #expect(pinned > 44 && pinned <= 45, "seed \(seed): pinned \(pinned) s")
            #expect(result.metric(.externalReconnects) == 1)
            #expect(result.events.contains { $0.kind == .connectionClosed })
        }
    }

    /// The HTTP/2 health check's timeouts are settings (`clients.http2`):
    /// 10 s + 5 s pin the client for 15 s instead of 45 s.
    @Test func shorterHTTP2TimeoutsShortenThePinning() {
        let host = firstBackend(seed: 1)
        var quick = topology()
        quick.access.http2ReadIdleTimeout = .seconds(10)
        quick.access.http2PingTimeout = .seconds(5)
        let result = simulate(Scenario(name: "quick", duration: .minutes(8), topology: quick,
                                       faults: [Fault(kind: .hostCrash(.host(host)), at: .fixed(.minutes(2)), duration: .fixed(.minutes(3)))]), seed: 1)
        let pinned = result.metric(.externalPinnedSeconds)!
        #expect(pinned > 14 && pinned <= 15, "\(pinned)")
    }

    /// A dead process on a live host resets the connection: the client
    /// redials at once and loses about one request.
    @Test func aCrashedProcessOnALiveHostCostsAboutOneRequest() {
        for seed in UInt64(1)...3 {
            let host = firstBackend(seed: seed)
            let result = crash(.componentCrash(.apiserver, .host(host)), seed: seed)
            #expect(result.metric(.externalPinnedSeconds) == 0)
            #expect(result.metric(.externalDeadBackendRequests)! <= 3)
            #expect(result.events.contains { $0.kind == .connectionReset })
        }
    }

    /// A crash of a master the client is not connected to costs it nothing.
    @Test func otherMastersCrashingDoNotTouchTheConnection() {
        let host = firstBackend(seed: 1)
        let result = crash(.hostCrash(.host((host + 1) % 3)), seed: 1)
        #expect(result.metric(.externalAvailability) == 1)
        #expect(result.metric(.externalReconnects) == 0)
    }
}
