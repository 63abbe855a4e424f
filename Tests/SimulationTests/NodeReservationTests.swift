import Testing

@testable import Simulation

/// A node's allocatable is its capacity less kubeReserved, systemReserved
/// and the hard eviction threshold (pkg/kubelet/cm/node_container_manager_linux.go
/// `getNodeAllocatableAbsolute`), and the scheduler fits pods against it.
@Suite struct NodeReservationTests {
    static let gib: Int64 = 1 << 30
    static let mib: Int64 = 1 << 20

    /// The kubelet's defaults reserve nothing but the 100 MiB eviction threshold.
    @Test func theKubeletsDefaultsLeaveOutOnlyTheEvictionThreshold() {
        let allocatable = NodeReservation().allocatable(.standard)
        #expect(allocatable.milliCPU == 2_000)
        #expect(allocatable.memoryBytes == 8 * Self.gib - 100 * Self.mib)
        #expect(allocatable.pods == 110)
    }

    /// GKE's plan-node-sizes page: 4 cores keep 60 + 10 + 2 x 5 = 80
    /// millicores (its example node shows `cpu: 3920m`); 8 GiB keep 25 % of
    /// 4 GiB and 20 % of the next 4 (1.8 GiB), then the 100 MiB threshold.
    @Test func gkesLadderReservesRegressively() {
        let gke = NodeReservation(formula: .gke)
        let node = gke.allocatable(NodeCapacity(milliCPU: 4_000, memoryBytes: 8 * Self.gib, pods: 110))
        #expect(node.milliCPU == 3_920)
        #expect(node.memoryBytes == 8 * Self.gib - (Self.gib + 4 * Self.gib / 5) - 100 * Self.mib)
        // 32 GiB: 1 + 0.8 + 0.8 + 6 % of 16 GiB.
        let big = gke.reserved(NodeCapacity(milliCPU: 8_000, memoryBytes: 32 * Self.gib, pods: 110))
        #expect(big.memoryBytes == Int64((Double(Self.gib) * (1 + 0.8 + 0.8 + 0.96)).rounded()))
        #expect(big.milliCPU == 60 + 10 + 10 + 10)
        // Under 1 GiB: a flat 255 MiB.
        #expect(gke.reserved(NodeCapacity(milliCPU: 1_000, memoryBytes: Self.gib / 2, pods: 110)).memoryBytes == 255 * Self.mib)
    }

    /// The EKS AMIs: 11 MiB a pod plus 255 MiB; an m5.large (2 vCPUs, 8 GiB,
    /// 29 pods) keeps 574 MiB and 70 millicores.
    @Test func eksReservesByPodDensity() {
        let node = NodeReservation(formula: .eks).allocatable(NodeCapacity(milliCPU: 2_000, memoryBytes: 8 * Self.gib, pods: 29))
        #expect(node.milliCPU == 1_930)
        #expect(node.memoryBytes == 8 * Self.gib - 574 * Self.mib - 100 * Self.mib)
    }

    /// Memory-bound pods: eight of 1 GiB fit an 8 GiB node's capacity, but
    /// only seven fit the kubelet's default allocatable and six GKE's, which
    /// is the room the surviving zones really have after an outage.
    @Test func podsFitTheAllocatableNotTheCapacity() {
        let pod = Workload(name: "db", replicas: 1, milliCPU: 100, memoryBytes: Self.gib)
        #expect(pod.podsFitting(.standard) == 8)
        #expect(pod.podsFitting(NodeReservation().allocatable(.standard)) == 7)
        #expect(pod.podsFitting(NodeReservation(formula: .gke).allocatable(.standard)) == 6)
        var settings = WorkerSettings()
        settings.kubelet.reservation = NodeReservation(formula: .gke)
        #expect(pod.podsFitting(settings.allocatable(zone: 0)) == 6)
    }
}
