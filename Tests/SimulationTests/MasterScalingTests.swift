import Raft
import SimKernel
import Simulation
import Testing

/// Adding and removing masters with their etcd members (issue 5, item 2),
/// following the GCE HA procedure (kubernetes.io ha-master-gce) and etcd's
/// membership rules (etcd FAQ: "add one member at a time"; quorum grows as
/// soon as the member is added).
@Suite struct MasterScalingTests {
    /// One master in zone a; capacity for one more in b and c.
    func scenario(_ operations: [MasterOperation], faults: [Fault] = []) -> Scenario {
        let topology = growingFromOneMaster()
        var scenario = Scenario(name: "scaling", duration: .minutes(30), topology: topology, faults: faults)
        scenario.operations = operations
        return scenario
    }

    func events(_ result: RunResult, _ kinds: Set<EventKind>) -> [String] {
        result.events.filter { kinds.contains($0.kind) }.map { "\($0.time) \($0.entity) \($0.kind.rawValue)" }
    }

    @Test func addingAMasterCreatesTheVMThenAddsItsMemberThenStartsIt() {
        let result = simulate(scenario([MasterOperation(at: .minutes(5), kind: .add(host: 1))]))
        let steps = result.events.filter { [EventKind.vmCreate, .vmReady, .memberAdded, .memberStarted].contains($0.kind) }
        #expect(steps.map(\.kind) == [.vmCreate, .vmReady, .memberAdded, .memberStarted])
        #expect(steps[0].time == SimInstant(.minutes(5)) && steps[1].time == SimInstant(.minutes(6)))
        // The member add commits within milliseconds; then the data copy.
        #expect(steps[2].time - steps[1].time < .milliseconds(100))
        #expect(steps[2].detail == "2 voters, quorum 2")
        #expect(steps[3].time - steps[2].time == .seconds(20))
    }

    /// etcd FAQ: growing from 1 to 2 members raises the quorum to 2 at once,
    /// so until the new member runs there is no quorum: the data copy is a
    /// window without writes.
    @Test func quorumGrowsAtOnceAndIsLostUntilTheNewMemberRuns() {
        let result = simulate(scenario([MasterOperation(at: .minutes(5), kind: .add(host: 1))]))
        let leaderless = result.metric(.etcdLeaderlessSeconds)!
        #expect(leaderless >= 20 && leaderless < 23, "leaderless \(leaderless)")
        #expect(result.intervals.contains { $0.entity == "etcd/master-b-1" && $0.state == "absent" && $0.end.sinceStart >= .minutes(6) })
    }

    /// Removing the leader's own member: it steps down (raft StepDownOnRemoval)
    /// and the others elect a leader; its VM is deleted afterwards.
    @Test func removingTheLeaderHandsOverLeadership() {
        let result = simulate(scenario([
            MasterOperation(at: .minutes(5), kind: .add(host: 1)),
            MasterOperation(at: .minutes(5), kind: .add(host: 2)),
            MasterOperation(at: .minutes(20), kind: .remove(host: 0)),
        ]))
        let kinds = result.events.filter { $0.entity.hasSuffix("master-a-1") }.map(\.kind)
        #expect(Array(kinds.suffix(2)) == [.memberRemoved, .vmDeleted])
        let removal = result.events.first { $0.kind == .memberRemoved }!
        #expect(removal.detail == "2 voters, quorum 2")
        let afterRemoval = result.events.filter { $0.kind == .leaderElected && $0.time >= removal.time }
        #expect(afterRemoval.count == 1)
        #expect(afterRemoval[0].time - removal.time < .seconds(3))
        #expect(result.intervals.contains { $0.entity == "master-a-1" && $0.state == "absent" && $0.end.sinceStart == .minutes(30) })
        // Masters counted while provisioned: 1 of 1 up, then 3 of 3, then 2 of 2;
        // apiservers likewise (not yet added ones are not "unready").
        #expect(result.metric(.mastersUpFraction) == 1)
        #expect(result.metric(.apiServerReadyFraction)! > 0.95)
    }

    /// Operations run one at a time: the second starts when the first ends.
    @Test func operationsRunOneAtATime() {
        let result = simulate(scenario([
            MasterOperation(at: .minutes(5), kind: .add(host: 1)),
            MasterOperation(at: .minutes(5), kind: .add(host: 2)),
        ]))
        let firstStarted = result.events.first { $0.kind == .memberStarted }!.time
        let secondCreate = result.events.filter { $0.kind == .vmCreate }[1].time
        #expect(secondCreate == firstStarted)
    }
}

/// The external IP following scaling operations (docs ha-master-gce; FACTS.md
/// "Load balancer and the GCE HA master procedure"; docs/EXTERNAL-ACCESS.md).
@Suite struct ExternalIPScalingTests {
    func run(_ operations: [MasterOperation], propagation: Distribution) -> RunResult {
        var topology = growingFromOneMaster()
        topology.access.loadBalancerPropagation = propagation
        var scenario = Scenario(name: "ip", duration: .hours(2), topology: topology)
        scenario.operations = operations
        return simulate(scenario)
    }

    @Test func theSecondMasterCreatesTheLoadBalancerAndTheLastOneGetsTheIPBack() {
        let result = run([
            MasterOperation(at: .minutes(5), kind: .add(host: 1)),
            MasterOperation(at: .minutes(5), kind: .add(host: 2)),
            MasterOperation(at: .minutes(60), kind: .remove(host: 0)),
            MasterOperation(at: .minutes(60), kind: .remove(host: 1)),
        ], propagation: .fixed(.minutes(20)))
        let ip = result.events.filter { $0.entity == "external-ip" }
        #expect(ip.map(\.kind) == [.loadBalancerCreationStarted, .backendsChanged, .loadBalancerLive,
                                   .backendsChanged, .loadBalancerRemovalStarted, .loadBalancerRemoved])
        // Creation starts when the second master has joined, and is live 20 minutes later.
        let memberStarted = result.events.first { $0.kind == .memberStarted }!.time
        #expect(ip[0].time == memberStarted)
        #expect(ip[2].time - ip[0].time == .minutes(20))
        // Removal: the load balancer goes first, before the etcd member and the VM.
        let removalStart = ip[4].time
        let lastMemberRemoved = result.events.last { $0.kind == .memberRemoved }!.time
        #expect(removalStart <= lastMemberRemoved)
        #expect(ip[5].time - removalStart == .minutes(20))
        #expect(ip[5].detail == "load balancer removed; the IP is attached to master-c-1")
        #expect(result.metric(.loadBalancerPropagatingSeconds) == 2400)
        let states = result.intervals.filter { $0.entity == "external-ip" }.map(\.state)
        #expect(states == ["direct master-a-1", "creatingLoadBalancer (direct master-a-1)", "loadBalancer", "removingLoadBalancer", "direct master-c-1"])
    }

    @Test func propagationDelaysAreDrawnFromTheScenariosDistribution() {
        var delays: [SimDuration] = []
        for seed in 1...20 as ClosedRange<UInt64> {
            var topology = Topology(zones: ["a", "b"], mastersPerZone: [1, 0], workersPerZone: [0, 0])
            topology.masterCapacityPerZone = [1, 1]
            topology.access.loadBalancerPropagation = .uniform(low: .minutes(15), high: .minutes(25))
            var scenario = Scenario(name: "ip", duration: .hours(1), topology: topology)
            scenario.operations = [MasterOperation(at: .minutes(1), kind: .add(host: 1))]
            let ip = simulate(scenario, seed: seed).events
            let started = ip.first { $0.kind == .loadBalancerCreationStarted }!.time
            delays.append(ip.first { $0.kind == .loadBalancerLive }!.time - started)
        }
        #expect(delays.allSatisfy { $0 >= .minutes(15) && $0 <= .minutes(25) })
        #expect(Set(delays).count == 20)
    }
}

/// Control-plane processes on masters that operations add (issue 4 on top of
/// issue 5's scaling): their lease candidates and add-on managers start when
/// the master boots, and can take over the leases.
@Suite struct ScaledControlPlaneTests {
    @Test func aMasterAddedLaterCanTakeOverTheLeases() {
        let topology = growingFromOneMaster()
        var scenario = Scenario(name: "scaled-leases", duration: .minutes(20), topology: topology,
                                faults: [Fault(kind: .hostCrash(.host(0)), at: .fixed(.minutes(10)))])
        scenario.operations = [MasterOperation(at: .minutes(1), kind: .add(host: 1)), MasterOperation(at: .minutes(1), kind: .add(host: 2))]
        let result = simulate(scenario)
        // Before the crash master-a-1, the only master at the start, holds every lease.
        for lease in ["kube-controller-manager", "kube-scheduler", "cluster-autoscaler"] {
            let holders = result.intervals.filter { $0.entity == "lease/\(lease)" }
            #expect(holders.first?.state == "master-a-1")
            // After it, a master added by the operations leads.
            let last = holders.last!
            #expect(["master-b-1", "master-c-1"].contains(last.state), "\(lease): \(holders.map(\.state))")
            #expect(last.start.sinceStart < .minutes(10) + .seconds(25))
        }
        #expect(result.metric(.leaseOverlapSeconds(.kubeScheduler)) == 0)
    }
}
