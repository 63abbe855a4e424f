import NodeLifecycle
import SimKernel

/// The hosts whose kubelets the Workers subsystem runs, by slot: the
/// workers in host order, then the masters when
/// `WorkerSettings.controlPlaneNodes` makes them nodes too (a slot's host
/// is `WorkerNode.host`). Each one's Node object, kubelet and
/// connection (`WorkerNode`), which slot registered each Node, and the
/// lease renewals no live kubelet counts any more. Read as a collection of
/// slots; a slot changes through `subscript(slot:)`, and the slots'
/// registration and their kubelets' ends through the methods below.
struct WorkerNodes: SlotArray {
    typealias Element = WorkerNode

    private(set) var elements: [WorkerNode] = []
    /// By Node id: the slot whose kubelet registered it.
    private var slotOfNode: [Int] = []
    /// Kubelets cut off from the API now (`WorkerNode.kubeletCutOff`), as
    /// last counted (`countCutOff`).
    private(set) var kubeletsCutOff = 0
    /// Renewals of kubelets that died with their hosts.
    private(set) var renewalsOfEndedKubelets = 0
    /// Renewals of the windows the fast-forward skipped, at the kubelets'
    /// mean rate (World+WorkersSubsystem): a fraction, as an expected count is.
    private(set) var renewalsInSkippedTime = 0.0

    subscript(slot slot: Int) -> WorkerNode {
        _read { yield elements[slot] }
        _modify { yield &elements[slot] }
    }

    /// A bootstrap slot, its Node already registered when `node.node` is set.
    mutating func append(_ node: WorkerNode) {
        if let id = node.node { noteRegistered(id, slot: elements.count) }
        elements.append(node)
    }

    /// The kubelet of a node the autoscaler added has created its Node object.
    mutating func register(_ id: NodeID, slot: Int) {
        noteRegistered(id, slot: slot)
        elements[slot].registered(as: id)
    }

    private mutating func noteRegistered(_ id: NodeID, slot: Int) {
        precondition(id.index == slotOfNode.count, "node ids are dense")
        slotOfNode.append(slot)
    }

    /// The slot whose kubelet registered the Node.
    func slot(of id: NodeID) -> Int { slotOfNode[id.index] }

    /// The slot's kubelet dies with its host: its renewals are kept, its
    /// connection closes, its queued events are dropped (a new generation).
    mutating func kubeletDied(_ slot: Int, at now: SimInstant) {
        renewalsOfEndedKubelets += elements[slot].kubelet?.renewals ?? 0
        elements[slot].kubeletDied(at: now)
    }

    /// Counts whether the slot's kubelet is cut off now; true when that changed.
    mutating func countCutOff(_ slot: Int) -> Bool {
        let cutOff = elements[slot].kubeletCutOff
        guard cutOff != elements[slot].countedCutOff else { return false }
        elements[slot].setCountedCutOff(cutOff)
        kubeletsCutOff += cutOff ? 1 : -1
        return true
    }

    /// The fast-forward skipped windows in which `renewals` renewals were due.
    mutating func countSkippedRenewals(_ renewals: Double) { renewalsInSkippedTime += renewals }

    /// Node lease renewals that reached etcd: the live kubelets', the ended
    /// ones', and the skipped windows' (rounded to a count).
    var leaseRenewals: Double {
        Double(elements.reduce(0) { $0 + ($1.kubelet?.renewals ?? 0) } + renewalsOfEndedKubelets) + renewalsInSkippedTime.rounded()
    }
}
