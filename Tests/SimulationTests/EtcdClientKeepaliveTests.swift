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
/// balancer until gRPC closes it: 10 s after the first request sent into
/// the silence on a busy connection (grpc-go internal/transport/
/// http2_client.go sets TCP_USER_TIMEOUT to the keepalive timeout), 30 s +
/// 10 s after the last frame on an idle one (the keepalive ping). The
/// requests sent there meanwhile hang; a member whose process stops on a
/// live host resets its connection and costs nothing.
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

    @Test func aSilentHostCrashOfTheMemberCostsEachApiserverTheKeepaliveTimeout() {
        let (world, result) = run(.hostCrash(.host(3)))
        let crash = SimInstant(.minutes(10))
        // Every apiserver had a connection to etcd-a-1 and sent some of its
        // requests there: a third of them, round robin.
        for host in 0..<3 {
            let sent = world.apiServers.etcdClients[host].silentRequests
            #expect(sent >= 2, "apiserver \(host)")
            #expect(result.metric(.apiServerEtcdDeadMemberRequests(host: "master-\(["a", "b", "c"][host])-1")) == Double(sent))
        }
        // Each connection closed 10 s after the first request it sent into
        // the silence (the controllers' and the leases' requests come
        // within a second or two), long before the idle keepalive's 40 s.
        let closed = result.events.filter { $0.entity.hasPrefix("etcd-client/") && $0.kind == .connectionClosed }
        #expect(closed.count == 3 && closed.allSatisfy { $0.detail.hasPrefix("etcd-a-1: request unacknowledged for 10s") })
        #expect(closed.allSatisfy { $0.time - crash >= .seconds(10) && $0.time - crash <= .seconds(13) }, "\(closed.map(\.time))")
        // The requests failed from the crash until then.
        let stretches = downtime(result, .etcdClientOnDeadMember)
        let first = stretches.map(\.start).min()!, last = stretches.map(\.end).max()!
        #expect(first >= crash && first - crash < .seconds(6), "first at \(first)")
        #expect(last - crash >= .seconds(9) && last - crash <= .seconds(16), "last at \(last)")
        // A third of 3 x 10 requests, give or take the election etcd-a-1's
        // crash may have cost when it led.
        #expect(failed(result) >= 6 && failed(result) <= 25, "\(failed(result)) failed")
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
        let resets = result.events.filter { $0.entity.hasPrefix("etcd-client/") && $0.kind == .connectionReset }
        #expect(resets.count == 3 && resets.allSatisfy { $0.detail == "etcd-a-1" })
        #expect(downtime(result, .etcdClientOnDeadMember).isEmpty)
        #expect(failed(result) <= 6, "\(failed(result)) failed")
    }

    @Test func theKeepaliveKeysSetTheSilence() {
        // A 30 s timeout: the busy connections close 30 s after their
        // first request into the silence, before the idle ping's 60 s.
        let (_, result) = run(.hostCrash(.host(3)), keepalive: (.seconds(30), .seconds(30)))
        let closed = result.events.filter { $0.entity.hasPrefix("etcd-client/") && $0.kind == .connectionClosed }
        let after = closed.map { $0.time - SimInstant(.minutes(10)) }
        #expect(closed.count == 3 && after.allSatisfy { $0 >= .seconds(30) && $0 <= .seconds(33) }, "\(after)")
        #expect(failed(result) >= 20, "\(failed(result)) failed")
    }

    @Test func aPartitionThatHealsBeforeTheKeepaliveKeepsTheConnection() {
        // etcd-a-1 cut off from everything for 5 s, less than the 10 s a
        // request may stay unacknowledged: the connections stay and carry
        // on (TCP retransmits what was sent), and none closes.
        var topology = Topology(zones: ["a", "b", "c"], mastersPerZone: [1, 1, 1], workersPerZone: [0, 0, 0], externalEtcdPerZone: [1, 1, 1])
        topology.access.clients = [ClientClass(name: "controllers", runs: .master, count: 3)]
        let cut = Fault(kind: .partition(.isolate(.host(.host(3)))), at: .fixed(.minutes(10)), duration: .fixed(.seconds(5)))
        var scenario = Scenario(name: "etcd-client", duration: .minutes(20), topology: topology, faults: [cut], expectations: [])
        scenario.fastForward = false
        var world = World(scenario: scenario, seed: 1)
        let result = world.run()
        let client = result.events.filter { $0.entity.hasPrefix("etcd-client/") }
        #expect(client.count == 3 && client.allSatisfy { $0.kind == .etcdConnectionSilent })
        #expect(world.apiServers.etcdClients.allSatisfy { $0.links.allSatisfy { $0 == .connected } })
        #expect(downtime(result, .etcdClientOnDeadMember).count > 0)
    }

    /// The two deadlines of a silent connection, on the client alone: the
    /// idle keepalive's, and the first request's TCP_USER_TIMEOUT when it
    /// comes sooner.
    @Test func aSilentConnectionClosesAtTheFirstOfTheKeepaliveAndTheUserTimeout() {
        let start = SimInstant(.minutes(1))
        var client = EtcdClient(members: 3, start: 0)
        let generation = client.goSilent(2, incarnation: 0, at: start, idleClose: .seconds(40))
        #expect(generation != nil && client.isSilent(2))
        #expect(client.goSilent(2, incarnation: 0, at: start, idleClose: .seconds(40)) == nil, "silent already")
        // Round robin: members 0 and 1 answer, 2 is silent; a request into
        // the silence 35 s in would abort at 45 s, after the ping's 40 s.
        #expect(client.pick(at: start, userTimeout: .seconds(10))!.silent == false)
        #expect(client.pick(at: start, userTimeout: .seconds(10))!.silent == false)
        let late = client.pick(at: start + .seconds(35), userTimeout: .seconds(10))!
        #expect(late.member == 2 && late.silent && late.closes == nil)
        // A request 1 s in aborts the connection 11 s in, under a new generation.
        var busy = EtcdClient(members: 3, start: 2)
        let first = busy.goSilent(2, incarnation: 0, at: start, idleClose: .seconds(40))!
        let pick = busy.pick(at: start + .seconds(1), userTimeout: .seconds(10))!
        #expect(pick.member == 2 && pick.closes?.at == start + .seconds(11) && pick.closes?.generation == first + 1)
        // Later requests on it change nothing; a closed link is skipped.
        _ = busy.pick(at: start + .seconds(2), userTimeout: .seconds(10))
        _ = busy.pick(at: start + .seconds(2), userTimeout: .seconds(10))
        #expect(busy.pick(at: start + .seconds(3), userTimeout: .seconds(10))!.closes == nil)
        busy.close(2)
        #expect((0..<6).map { _ in busy.pick(at: start, userTimeout: .seconds(10))!.member }.allSatisfy { $0 != 2 })
        #expect(busy.silentRequests == 2)
    }

    @Test func stackedEtcdHasNoClientConnectionsToLose() {
        // A stacked master's crash takes its own apiserver with its member.
        let (world, result) = run(.hostCrash(.host(0)), external: false)
        #expect(world.apiServers.etcdClients.isEmpty)
        #expect(downtime(result, .etcdClientOnDeadMember).isEmpty)
        #expect(!result.events.contains { $0.entity.hasPrefix("etcd-client/") })
    }
}
