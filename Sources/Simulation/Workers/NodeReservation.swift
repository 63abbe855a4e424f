/// What the kubelet keeps back from the pods: a node's allocatable is its
/// capacity less `kubeReserved`, `systemReserved` and the hard eviction
/// threshold (kubernetes pkg/kubelet/cm/node_container_manager_linux.go
/// `getNodeAllocatableAbsolute`; "Reserve Compute Resources for System
/// Daemons" in the Kubernetes docs). The scheduler fits pods against it.
public struct NodeReservation: Hashable, Sendable {
    /// How kubeReserved plus systemReserved is found.
    public enum Formula: Hashable, Sendable {
        /// Nothing reserved: the kubelet's own default (kubelet config
        /// v1beta1 leaves `kubeReserved` and `systemReserved` empty).
        case none
        /// GKE Standard's: memory 255 MiB on machines under 1 GiB, else 25 %
        /// of the first 4 GiB, 20 % of the next 4, 10 % of the next 8, 6 % of
        /// the next 112 and 2 % above 128 GiB; CPU 6 % of the first core, 1 %
        /// of the next, 0.5 % of the next 2 and 0.25 % above 4
        /// (https://cloud.google.com/kubernetes-engine/docs/concepts/plan-node-sizes).
        case gke
        /// The EKS AMIs': memory 11 MiB a pod of `maxPods` plus 255 MiB; CPU
        /// the same ladder as GKE's (awslabs/amazon-eks-ami, the bootstrap's
        /// `get_memory_mebibytes_to_reserve` and `get_cpu_millicores_to_reserve`).
        case eks
        /// Given amounts.
        case fixed(milliCPU: Int64, memoryBytes: Int64)
    }

    public var formula: Formula
    /// `evictionHard` `memory.available`: 100 MiB, the kubelet's default
    /// (pkg/kubelet/eviction/defaults_linux.go), GKE's and the EKS AMIs'.
    public var evictionHardMemoryBytes: Int64

    public init(formula: Formula = .none, evictionHardMemoryBytes: Int64 = 100 << 20) {
        self.formula = formula
        self.evictionHardMemoryBytes = evictionHardMemoryBytes
    }

    /// The node's allocatable resources; never below zero.
    public func allocatable(_ capacity: NodeCapacity) -> NodeCapacity {
        let (cpu, memory) = reserved(capacity)
        return NodeCapacity(
            milliCPU: max(capacity.milliCPU - cpu, 0),
            memoryBytes: max(capacity.memoryBytes - memory - evictionHardMemoryBytes, 0),
            pods: capacity.pods)
    }

    /// kubeReserved plus systemReserved: millicores and bytes.
    func reserved(_ capacity: NodeCapacity) -> (milliCPU: Int64, memoryBytes: Int64) {
        switch formula {
        case .none: return (0, 0)
        case .fixed(let cpu, let memory): return (cpu, memory)
        case .gke: return (Self.cpuLadder(capacity.milliCPU), Self.gkeMemory(capacity.memoryBytes))
        case .eks: return (Self.cpuLadder(capacity.milliCPU), (11 * Int64(capacity.pods) + 255) << 20)
        }
    }

    /// Rates of a regressive ladder: each step's share of the amount within it.
    static func ladder(_ amount: Int64, _ steps: [(upTo: Int64, percent: Double)]) -> Int64 {
        var reserved = 0.0
        var below: Int64 = 0
        for step in steps where amount > below {
            reserved += Double(min(amount, step.upTo) - below) * step.percent / 100
            below = step.upTo
        }
        return Int64(reserved.rounded())
    }

    static func cpuLadder(_ milliCPU: Int64) -> Int64 {
        ladder(milliCPU, [(1_000, 6), (2_000, 1), (4_000, 0.5), (.max, 0.25)])
    }

    static func gkeMemory(_ bytes: Int64) -> Int64 {
        guard bytes >= 1 << 30 else { return 255 << 20 }
        return ladder(bytes, [(4 << 30, 25), (8 << 30, 20), (16 << 30, 10), (128 << 30, 6), (.max, 2)])
    }
}
