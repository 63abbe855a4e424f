import SimKernel
import Testing

@testable import Simulation

/// The apiserver's etcd client with external etcd. kube-apiserver gives
/// clientv3 every member of `--etcd-servers` and a gRPC keepalive of 30 s
/// + 10 s (kubernetes staging/src/k8s.io/apiserver/pkg/storage/
/// storagebackend/factory/etcd3.go `keepaliveTime`, `keepaliveTimeout`);
/// clientv3 balances requests over the members' connections with gRPC's
/// `round_robin` (etcd-io/etcd client/v3/internal/resolver/resolver.go). A
/// member whose host dies silently keeps its connection ready to the
/// balancer until the keepalive closes it, so the requests sent there hang
/// for up to 40 s; a member whose process stops on a live host resets its
/// connection and costs nothing.
@Suite struct EtcdClientKeepaliveTests {
    /// Three masters and three external etcd members, one a zone; a client
    /// on every master dials its own apiserver once a second (kubeadm's
    /// controllers do). `fault` hits etcd-a-1 (host 3) at 10 minutes for 5.
    func run(_ fault: FaultKind?, external: Bool = true, keepalive: (SimDuration, SimDuration)? = nil) -> (World, RunResult) {
        var topology = Topology(
            zones: ["a", "b", "c"], mastersPerZone: [1, 1, 1], workersPerZone: [0, 0, 0], externalEtcdPerZone: external ? [1, 1, 1] : nil)
        topology.access.clients = [ClientClass(name: "controllers", runs: .master, count: 3)]
        if let keepalive {
            topology.apiServerEtcdKeepaliveTime = keepalive.0
            topology.apiServerEtcdKeepaliveTimeout = keepalive.1
        }
        let faults = fault.map { [Fault(kind: $0, at: .fixed(.minutes(10)), duration: .fixed(.minutes(5)))] } ?? []
        var scenario = Scenario(name: "etcd-client", duration: .minutes(20), topology: topology, faults: faults, expectations: [])
        scenario.fastForward = false
        var world = World(scenario: scenario, seed: 1)
        let result = world.run()
        return (world, result)
    }

    /// The class's failing stretches attributed to `mechanism`.
    func downtime(_ result: RunResult, _ mechanism: DowntimeMechanism) -> [DowntimeInterval] {
        result.downtime.filter { $0.metric == "api.controllers" && $0.mechanism == mechanism.rawValue }
    }

    /// Requests of the class that failed, over its 3,600 (three a second for 20 minutes).
    func failed(_ result: RunResult) -> Double { (1 - result.metric(.clientAvailability("controllers"))!) * 3_600 }

    @Test func aSilentHostCrashOfTheMemberCostsEachApiserverTheKeepalive() {
        let (world, result) = run(.hostCrash(.host(3)))
        let crash = SimInstant(.minutes(10))
        // Every apiserver had a connection to etcd-a-1 and sent some of its
        // requests there: a third of them, round robin.
        for host in 0..<3 { #expect(world.apiServers.etcdClients[host].silentRequests >= 8, "apiserver \(host)") }
        // Those requests failed from the crash until the keepalive closed
        // the connection, 30 s + 10 s after its last frame.
        let stretches = downtime(result, .etcdClientOnDeadMember)
        let first = stretches.map(\.start).min()!, last = stretches.map(\.end).max()!
        #expect(first >= crash && first - crash < .seconds(6), "first at \(first)")
        #expect(last - crash >= .seconds(30) && last - crash <= .seconds(46), "last at \(last)")
        // A third of 3 x 40 requests, give or take the election etcd-a-1's
        // crash may have cost when it led.
        #expect(failed(result) >= 25 && failed(result) <= 60, "\(failed(result)) failed")
        let closed = result.events.filter { $0.entity.hasPrefix("etcd-client/") && $0.kind == .connectionClosed }
        #expect(closed.count == 3 && closed.allSatisfy { $0.detail.hasPrefix("etcd-a-1: keepalive") })
        #expect(closed.allSatisfy { $0.time - crash == .seconds(40) })
    }

    @Test func aMemberProcessCrashResetsItsConnectionsAndCostsNothing() {
        let (world, result) = run(.etcdCrash(.host(3)))
        for host in 0..<3 { #expect(world.apiServers.etcdClients[host].silentRequests == 0) }
        #expect(downtime(result, .etcdClientOnDeadMember).isEmpty)
        // At most the requests of an election, if etcd-a-1 led.
        #expect(failed(result) <= 6, "\(failed(result)) failed")
        let resets = result.events.filter { $0.entity.hasPrefix("etcd-client/") && $0.kind == .connectionReset }
        #expect(resets.count == 3)
    }

    @Test func aGracefulStopOfTheMemberHostCostsNothing() {
        // The host stays up while its processes stop: the kernel resets.
        let (_, result) = run(.hostStop(.host(3)))
        #expect(downtime(result, .etcdClientOnDeadMember).isEmpty)
        #expect(failed(result) <= 6, "\(failed(result)) failed")
    }

    @Test func theKeepaliveKeysSetTheSilence() {
        let (_, result) = run(.hostCrash(.host(3)), keepalive: (.seconds(10), .seconds(5)))
        let closed = result.events.filter { $0.entity.hasPrefix("etcd-client/") && $0.kind == .connectionClosed }
        #expect(closed.count == 3 && closed.allSatisfy { $0.time - SimInstant(.minutes(10)) == .seconds(15) })
        #expect(failed(result) <= 25, "\(failed(result)) failed")
    }

    @Test func aPartitionThatHealsBeforeTheKeepaliveKeepsTheConnection() {
        // etcd-a-1 cut off from everything for 20 s: the connections stay
        // and carry on, and no keepalive closes them.
        var topology = Topology(zones: ["a", "b", "c"], mastersPerZone: [1, 1, 1], workersPerZone: [0, 0, 0], externalEtcdPerZone: [1, 1, 1])
        topology.access.clients = [ClientClass(name: "controllers", runs: .master, count: 3)]
        let cut = Fault(kind: .partition(.isolate(.host(.host(3)))), at: .fixed(.minutes(10)), duration: .fixed(.seconds(20)))
        var scenario = Scenario(name: "etcd-client", duration: .minutes(20), topology: topology, faults: [cut], expectations: [])
        scenario.fastForward = false
        var world = World(scenario: scenario, seed: 1)
        let result = world.run()
        let client = result.events.filter { $0.entity.hasPrefix("etcd-client/") }
        #expect(client.count == 3 && client.allSatisfy { $0.kind == .etcdConnectionSilent })
        #expect(world.apiServers.etcdClients.allSatisfy { $0.links.allSatisfy { $0 == .connected } })
        #expect(downtime(result, .etcdClientOnDeadMember).count > 0)
    }

    @Test func stackedEtcdHasNoClientConnectionsToLose() {
        // A stacked master's crash takes its own apiserver with its member.
        let (world, result) = run(.hostCrash(.host(0)), external: false)
        #expect(world.apiServers.etcdClients.isEmpty)
        #expect(downtime(result, .etcdClientOnDeadMember).isEmpty)
        #expect(!result.events.contains { $0.entity.hasPrefix("etcd-client/") })
    }
}
