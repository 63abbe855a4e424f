import SimKernel
import Simulation
import Testing

/// `upgradeMasters`: kubeadm's in-place upgrade (kubernetes
/// cmd/kubeadm/app/phases/upgrade/staticpods.go StaticPodControlPlane and
/// upgradeComponent), one master at a time, one static pod at a time.
@Suite struct InPlaceUpgradeTests {
    let masters = ["master-a-1", "master-b-1", "master-c-1"]

    func scenario(_ upgrade: InPlaceUpgrade = InPlaceUpgrade(hosts: [0, 1, 2]), faults: [Fault] = []) -> Scenario {
        var topology = Topology(zones: ["a", "b", "c"], mastersPerZone: [1, 1, 1], workersPerZone: [0, 0, 0])
        topology.access.externalClientRate = 10
        topology.access.inClusterClientRate = 0
        topology.access.healthCheck = .gcp
        var scenario = Scenario(name: "upgrade", duration: .minutes(20), topology: topology, faults: faults)
        scenario.operations = [MasterOperation(at: .minutes(2), kind: .upgrade(upgrade))]
        return scenario
    }

    /// StaticPodControlPlane: etcd first (performEtcdStaticPodUpgrade),
    /// then kube-apiserver, kube-controller-manager, kube-scheduler; the
    /// masters in the given order, each begun only once the previous one
    /// has finished, and no two static pods replaced at the same time.
    @Test func eachMastersPodsAreReplacedInKubeadmsOrderOneMasterAtATime() {
        let order = [1, 0, 2]
        let result = simulate(scenario(InPlaceUpgrade(hosts: order)), seed: 1)
        let replaced = result.events.filter { $0.kind == .staticPodReplaced }.map(\.entity)
        let expected = order.flatMap { host in StaticPod.kubeadmOrder.map { "\($0.rawValue)/\(masters[host])" } }
        #expect(replaced == expected)
        let phases = result.events.filter { [.masterUpgradeStarted, .masterUpgraded].contains($0.kind) }.map { "\($0.kind) \($0.entity)" }
        #expect(phases == order.flatMap { ["masterUpgradeStarted \(masters[$0])", "masterUpgraded \(masters[$0])"] })
        #expect(result.events.first { $0.kind == .masterUpgradeStarted }?.detail == "kubeadm upgrade apply")
        #expect(result.events.filter { $0.kind == .masterUpgradeStarted }.dropFirst().allSatisfy { $0.detail == "kubeadm upgrade node" })
        // Each pod is up before the next is replaced.
        let steps = result.events.filter { [.staticPodReplaced, .staticPodUp].contains($0.kind) }.map(\.kind)
        #expect(steps == Array(repeating: [EventKind.staticPodReplaced, .staticPodUp], count: 12).flatMap { $0 })
    }

    /// upgradeComponent waits (WaitForStaticPodHashChange, then
    /// WaitForPodsWithLabel) until the new pod is up: an apiserver that
    /// crashes as it restarts holds the upgrade until it is back, and one
    /// that is not back within UpgradeManifestTimeout (5 min) stops it
    /// there, the next master never touched.
    @Test func theNextPodWaitsForThePreviousOneToBeUp() {
        // Each restart takes 10 s: master-a-1's etcd is replaced at 2m and
        // up at about 2m10s, its apiserver replaced then and started at
        // about 2m20s, inside the crash from 2m15s.
        var upgrade = InPlaceUpgrade(hosts: [0, 1, 2])
        upgrade.restart = .fixed(.seconds(10))
        func crashed(for lasting: SimDuration) -> RunResult {
            simulate(
                scenario(upgrade, faults: [Fault(kind: .componentCrash(.apiserver, .host(0)), at: .fixed(.seconds(135)), duration: .fixed(lasting))]), seed: 2)
        }
        let held = crashed(for: .minutes(2))
        let up = held.events.first { $0.kind == .staticPodUp && $0.entity == "kube-apiserver/master-a-1" }!
        #expect(up.time >= SimInstant.start + .seconds(255))
        let next = held.events.first { $0.kind == .staticPodReplaced && $0.entity == "kube-controller-manager/master-a-1" }!
        #expect(next.time == up.time)
        #expect(held.events.filter { $0.kind == .masterUpgraded }.count == 3)

        let stuck = crashed(for: .minutes(10))
        #expect(stuck.events.contains { $0.kind == .operationFailed && $0.entity == "kube-apiserver/master-a-1" })
        #expect(!stuck.events.contains { $0.kind == .masterUpgradeStarted && $0.entity == "master-b-1" })
    }

    /// Each replacement is a graceful stop of that one process: the etcd
    /// leader hands its leadership over (etcd server.go TransferLeadership),
    /// so etcd is never leaderless for an election timeout, and the
    /// apiserver's GOAWAY sends the long-lived client elsewhere at once.
    @Test func aReplacementIsAGracefulStopOfThatProcess() {
        for seed in UInt64(1)...3 {
            let result = simulate(scenario(), seed: seed)
            #expect(result.metric(.etcdLeaderlessLongestSeconds)! < 0.2, "seed \(seed)")
            #expect(result.metric(.externalPinnedSeconds) == 0, "seed \(seed)")
            #expect(result.events.filter { $0.kind == .leadershipTransfer }.count >= 1, "seed \(seed)")
            #expect(result.events.filter { $0.kind == .gracefulStop }.count == 12, "seed \(seed)")
            #expect(result.metric(.mastersUpFraction) == 1, "seed \(seed)")
        }
    }
}
