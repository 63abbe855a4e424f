import SimKernel
import Simulation
import Testing

/// Scaling masters as kubernetes cluster/gce/util.sh does it (issue 11):
/// create-loadbalancer before replicate-master when a second master is
/// added, and kube-down's order when one is removed.
@Suite struct ScriptedProcedureTests {
    /// Fixed step times so that each step's moment can be computed.
    func topology(masters: [Int] = [1, 0, 0]) -> Topology {
        var topology = growingFromOneMaster(.gceScripts)
        topology.mastersPerZone = masters
        topology.access.loadBalancerPropagation = .fixed(.minutes(20))
        topology.access.steps.ipDetach = .fixed(.seconds(20))
        topology.access.steps.targetPool = .fixed(.seconds(10))
        topology.access.steps.ipAttach = .fixed(.seconds(15))
        return topology
    }

    func run(_ topology: Topology, _ operations: [MasterOperation], duration: SimDuration = .hours(1), seed: UInt64 = 1) -> RunResult {
        var scenario = Scenario(name: "scripted", duration: duration, topology: topology)
        scenario.operations = operations
        return simulate(scenario, seed: seed)
    }

    let growToThree = [MasterOperation(at: .minutes(5), kind: .add(host: 1)), MasterOperation(at: .minutes(5), kind: .add(host: 2))]

    /// create-loadbalancer steps 1-3, then the wait, then replicate-master:
    /// member add ("before we do anything else"), VM, target pool.
    @Test func addingTheSecondMasterCreatesTheLoadBalancerFirst() {
        let result = run(topology(), growToThree)
        let kinds: Set<EventKind> = [.createLoadBalancer, .ipReleased, .targetPoolCreated, .loadBalancerCreationStarted, .loadBalancerLive, .replicateMaster,
                          .memberAdded, .vmCreate, .vmReady, .memberStarted, .backendsChanged]
        let steps = result.events.filter { kinds.contains($0.kind) }.map { "\($0.entity) \($0.kind.rawValue)" }
        #expect(Array(steps.prefix(12)) == [
            "master-b-1 createLoadBalancer", "external-ip ipReleased", "external-ip targetPoolCreated",
            "external-ip loadBalancerCreationStarted", "external-ip loadBalancerLive",
            "master-b-1 replicateMaster", "etcd/master-b-1 memberAdded", "master-b-1 vmCreate", "master-b-1 vmReady",
            "etcd/master-b-1 memberStarted", "external-ip backendsChanged", "master-c-1 replicateMaster",
        ])
        let live = result.events.first { $0.kind == .loadBalancerLive }!
        // Detach 20 s, target pool 10 s, forwarding rule 20 min.
        #expect(live.time == SimInstant(.minutes(5) + .seconds(30) + .minutes(20)))
    }

    /// The external IP reaches nothing from its detachment until the
    /// forwarding rule is live: the blackout the seed document's ~20 minutes
    /// become. Then the second member's addition costs quorum until it runs
    /// (VM 60 s + copy 20 s), and the one apiserver behind the IP cannot serve.
    @Test func theExternalIPReachesNothingWhileTheForwardingRulePropagates() throws {
        let result = run(topology(), growToThree)
        #expect(result.metric(.externalAvailabilityWhilePropagating)! < 0.2)
        let intervals = result.intervals.filter { $0.state == "externalIPUnreachable" }
        try #require(intervals.count == 2)
        #expect(intervals[0].start == SimInstant(.minutes(5)))
        #expect(intervals[0].end == SimInstant(.minutes(25) + .seconds(30)))
        let quorumGap = (intervals[1].end - intervals[1].start).seconds
        #expect(quorumGap >= 80 && quorumGap < 82, "\(quorumGap)")
    }

    /// The legacy order keeps the IP on the first master while the load
    /// balancer propagates (documented as not what the scripts do).
    @Test func theLegacyOrderKeepsTheIPOnTheFirstMaster() {
        var legacy = topology()
        legacy.access.procedure = .legacy
        let result = run(legacy, growToThree)
        #expect(result.metric(.externalAvailabilityWhilePropagating)! > 0.99)
        #expect(result.events.contains { $0.kind == .createLoadBalancer } == false)
    }

    /// kube-down: remove-replica-from-etcd, target-pools remove-instances,
    /// delete the VM; with one master left, delete the forwarding rule,
    /// attach the static IP to the last master, delete the target pool.
    @Test func removingFollowsKubeDown() {
        let shrink = [MasterOperation(at: .minutes(5), kind: .remove(host: 2)), MasterOperation(at: .minutes(5), kind: .remove(host: 1))]
        let result = run(topology(masters: [1, 1, 1]), shrink)
        let kinds: Set<EventKind> = [.memberRemoved, .backendsChanged, .vmDeleted, .loadBalancerRemovalStarted, .loadBalancerRemoved,
                          .ipAttached, .targetPoolDeleted]
        let steps = result.events.filter { kinds.contains($0.kind) }.map { "\($0.entity) \($0.kind.rawValue)" }
        #expect(steps == [
            "etcd/master-c-1 memberRemoved", "external-ip backendsChanged", "master-c-1 vmDeleted",
            "etcd/master-b-1 memberRemoved", "external-ip backendsChanged", "master-b-1 vmDeleted",
            "external-ip loadBalancerRemovalStarted", "external-ip loadBalancerRemoved", "external-ip ipAttached",
            "external-ip targetPoolDeleted",
        ])
        // Only the IP attachment (15 s) leaves the IP pointing nowhere.
        #expect(result.metric(.externalIPUnreachableSeconds) == 15)
    }

    /// create-loadbalancer gives up after 1,800 one-second polls and kube-up
    /// exits 2: the replica is never added.
    @Test func aLoadBalancerSlowerThanTheWaitAbortsTheAddition() {
        var slow = topology()
        slow.access.loadBalancerPropagation = .fixed(.minutes(40))
        let result = run(slow, [MasterOperation(at: .minutes(5), kind: .add(host: 1))])
        let failed = result.events.first { $0.kind == .operationFailed }
        #expect(failed?.time == SimInstant(.minutes(5) + .seconds(30) + .seconds(1_800)))
        #expect(result.events.contains { $0.kind == .memberAdded } == false)
        #expect(result.metric(.mastersUpFraction) == 1)
    }

    /// The first etcd leader is drawn from the seed, not always member 0.
    @Test func theFirstLeaderIsDrawnFromTheSeed() {
        let three = Topology(zones: ["a", "b", "c"], mastersPerZone: [1, 1, 1], workersPerZone: [0, 0, 0])
        var leaders = Set<String>()
        for seed in UInt64(1)...12 {
            let result = simulate(Scenario(name: "bootstrap", duration: .seconds(1), topology: three), seed: seed)
            if let leader = result.intervals.first(where: { $0.entity.hasPrefix("etcd/") && $0.state == "leader" }) { leaders.insert(leader.entity) }
        }
        #expect(leaders.count == 3)
    }
}
