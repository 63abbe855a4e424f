import SimKernel
import Simulation
import Testing

/// Every request crosses the simulated network: a host cut off but up is
/// unreachable to its callers, and slow or lossy links slow every exchange.
@Suite struct NetworkTrafficTests {
    func topology(externalEtcd: Bool) -> Topology {
        var topology = Topology(
            zones: ["a", "b", "c"], mastersPerZone: [1, 1, 1], workersPerZone: [0, 0, 0],
            externalEtcdPerZone: externalEtcd ? [1, 1, 1] : nil)
        topology.access.externalClientRate = 10
        topology.access.inClusterClientRate = 0
        topology.access.healthCheck = .gcp
        return topology
    }

    func isolateZoneA(at: SimDuration, for lasting: SimDuration) -> Fault {
        Fault(kind: .partition(.isolate(.zone(.zone(0)))), at: .fixed(at), duration: .fixed(lasting))
    }

    /// With external etcd the apiserver reaches the etcd leader over the
    /// network. Cut off, it fails /readyz when the etcd check times out
    /// (2 s, kube-apiserver's etcd readiness check, FACTS.md) and the load
    /// balancer, whose probes cross the same network, marks it unhealthy
    /// after two failed checks 5 s apart (GCP legacy health check defaults).
    @Test func isolatedApiserverWithExternalEtcdFailsReadyzAndLeavesTheLoadBalancer() throws {
        let cut = SimInstant(.minutes(1))
        let scenario = Scenario(
            name: "isolated", duration: .minutes(4), topology: topology(externalEtcd: true),
            faults: [isolateZoneA(at: .minutes(1), for: .minutes(2))])
        let result = simulate(scenario, seed: 3)
        let readiness = result.intervals.filter { $0.entity == "apiserver/master-a-1" }
        #expect(readiness.map(\.state) == ["ready", "notReady", "ready"])
        #expect(readiness[1].start >= cut + .seconds(2) && readiness[1].start <= cut + .seconds(4))
        let backend = result.intervals.filter { $0.entity == "lb-backend/master-a-1" }
        try #require(backend.map(\.state).prefix(2) == ["healthy", "unhealthy"])
        #expect(backend[1].start >= cut + .seconds(5) && backend[1].start <= cut + .seconds(11))
        #expect(result.metric(.apiServerReadyFraction(host: "master-b-1")) == 1)
    }

    /// The cut-off scheduler lease holder can no longer renew through its
    /// apiserver; it stops leading after RenewDeadline and a standby takes
    /// over after LeaseDuration on its own clock (client-go leaderelection.go).
    @Test func leaseHolderCutOffFromExternalEtcdLosesTheLease() {
        let scenario = Scenario(
            name: "lease", duration: .minutes(4), topology: topology(externalEtcd: true),
            faults: [
                Fault(
                    kind: .partition(.isolate(.zone(.zoneOf(.leaseHolder(.kubeScheduler))))),
                    at: .fixed(.minutes(1)), duration: .fixed(.minutes(2)))
            ])
        for seed in UInt64(1)...3 {
            let result = simulate(scenario, seed: seed)
            #expect(result.metric(.leaseTransitions(.kubeScheduler)) == 1)
            #expect(result.metric(.leaseOverlapSeconds(.kubeScheduler)) == 0)
            let gap = result.metric(.leaseHolderlessLongestSeconds(.kubeScheduler))!
            #expect(gap >= 2 && gap <= 12, "seed \(seed): \(gap) s without a scheduler")
        }
    }

    /// The outside client whose connection is on the isolated zone's master
    /// hears nothing back: it is pinned there until client-go's HTTP/2
    /// health check closes the connection (30 s + 15 s, kubernetes PR 95981).
    @Test func outsideClientCannotReachAnIsolatedZone() {
        var pinnedRuns = 0
        for seed in UInt64(1)...6 {
            let scenario = Scenario(
                name: "stacked", duration: .minutes(4), topology: topology(externalEtcd: false),
                faults: [isolateZoneA(at: .minutes(1), for: .minutes(2))])
            let result = simulate(scenario, seed: seed)
            guard result.events.first(where: { $0.kind == .connectionOpened })?.detail == "master-a-1" else { continue }
            pinnedRuns += 1
            let pinned = result.metric(.externalPinnedSeconds)!
            #expect(pinned > 44 && pinned <= 45, "seed \(seed): \(pinned)")
        }
        #expect(pinnedRuns >= 1)
    }

    /// A 50 ms one-way delay on every cross-zone link adds a cross-zone round
    /// trip to every commit: 100 ms, less the 1 to 2 ms the links took before.
    @Test func crossZoneDegradationRaisesClientLatencyByARoundTrip() {
        let slow = LinkDegradation(
            between: .zone(.zone(0)), and: .union([.zone(.zone(1)), .zone(.zone(2))]),
            latency: .fixed(.milliseconds(50)), loss: 0)
        let slowBC = LinkDegradation(between: .zone(.zone(1)), and: .zone(.zone(2)), latency: .fixed(.milliseconds(50)), loss: 0)
        func p50(_ faults: [Fault]) -> Double {
            simulate(Scenario(name: "latency", duration: .minutes(2), topology: topology(externalEtcd: false), faults: faults), seed: 1)
                .metric(.externalLatencyP50Seconds)!
        }
        let before = p50([])
        let after = p50([Fault(kind: .degrade(slow), at: .fixed(.zero)), Fault(kind: .degrade(slowBC), at: .fixed(.zero))])
        #expect(after - before >= 0.095, "p50 \(before) s -> \(after) s")
    }

    /// etcd's peers talk over streams of their own, one per peer and
    /// direction (etcd server/etcdserver/api/rafthttp/stream.go,
    /// `streamWriter`; peer.go `pick`), and TCP orders each connection, not
    /// the link: a follower's commit is never held behind an apiserver's
    /// etcd reply between the same hosts. Over 150 ms one way a write sent
    /// to a follower takes four delays (0.6 s); with one order per link its
    /// p99 was about 0.74 s, now it stays within fsyncs of the median.
    @Test func peerStreamsKeepTheirOwnOrderOverAWideAreaLink() {
        var wide = topology(externalEtcd: false)
        wide.network.crossZone = .uniform(low: .milliseconds(149), high: .milliseconds(151))
        for seed: UInt64 in 1...3 {
            let result = simulate(Scenario(name: "wide", duration: .minutes(10), topology: wide), seed: seed)
            let p50 = result.metric(.etcdWriteLatencyP50Seconds)!
            let p99 = result.metric(.etcdWriteLatencyP99Seconds)!
            #expect(p50 > 0.6 && p50 < 0.61, "seed \(seed): p50 \(p50) s")
            #expect(p99 < 0.64, "seed \(seed): p99 \(p99) s")
        }
    }

    /// Peers and clients use TCP: a lost segment is retransmitted after the
    /// retransmission timeout, at least 200 ms on Linux (TCP_RTO_MIN,
    /// include/net/tcp.h), so loss shows as latency, not as failed writes;
    /// with 1 % loss most requests see none of it.
    @Test func lossOnLinksIsRetransmissionDelay() {
        var lossy = topology(externalEtcd: false)
        lossy.network.loss = 0.01
        let result = simulate(Scenario(name: "lossy", duration: .minutes(3), topology: lossy), seed: 1)
        #expect(result.metric(.externalAvailability) == 1)
        #expect(result.metric(.etcdQuorumAvailability) == 1)
        #expect(result.metric(.externalLatencyP99Seconds)! >= 0.2)
        #expect(result.metric(.externalLatencyP50Seconds)! < 0.05)
    }
}
