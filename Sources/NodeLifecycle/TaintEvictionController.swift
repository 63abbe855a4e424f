import SimKernel

/// A pod, by dense index in `TaintEvictionController`.
public struct PodID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let index: Int
    public init(_ index: Int) { self.index = index }
    public static func < (a: PodID, b: PodID) -> Bool { a.index < b.index }
    public var description: String { "pod-\(index)" }
}

/// How a pod tolerates one NoExecute taint.
public enum NoExecuteToleration: Hashable, Sendable {
    /// No matching toleration: the pod is deleted as soon as the taint is seen.
    case none
    /// `tolerationSeconds`: deleted that long after the taint is seen.
    case seconds(Int64)
    /// A toleration without `tolerationSeconds`: never deleted for this taint.
    case forever
}

/// A pod's tolerations of the two taints the node lifecycle controller sets.
public struct PodTolerations: Hashable, Sendable {
    public var unreachable: NoExecuteToleration
    public var notReady: NoExecuteToleration

    public init(unreachable: NoExecuteToleration, notReady: NoExecuteToleration) {
        self.unreachable = unreachable
        self.notReady = notReady
    }

    /// What the DefaultTolerationSeconds admission plugin adds to a pod that has
    /// neither toleration: both taints for 300 s
    /// (plugin/pkg/admission/defaulttolerationseconds/admission.go).
    public static let admissionDefault = PodTolerations(unreachable: .seconds(300), notReady: .seconds(300))

    func toleration(of key: NoExecuteTaintKey) -> NoExecuteToleration {
        key == .unreachable ? unreachable : notReady
    }
}

/// A pure model of the taint eviction controller (pkg/controller/tainteviction/
/// taint_eviction.go `Controller`), restricted to the two node lifecycle taints:
/// it deletes a pod from a NoExecute-tainted node when its toleration runs out.
///
/// The clock starts when this controller sees the taint, not at the taint's
/// `timeAdded` (`processPodOnNode`: `startTime := now`); scheduled deletions
/// live in this instance's memory. A new kube-controller-manager leader
/// therefore starts every countdown again: replay the pods (`addPod`) and the
/// nodes (`nodeUpdated`) into a fresh instance at the time it starts.
public struct TaintEvictionController: Hashable, Sendable {
    /// A `TimedWorkerQueue` work item: the pod's deletion.
    struct ScheduledEviction: Hashable, Sendable {
        var createdAt: SimInstant
        var fireAt: SimInstant
    }

    struct Pod: Hashable, Sendable {
        var node: NodeID
        var tolerations: PodTolerations
        var isDeleted = false
        var eviction: ScheduledEviction?
    }

    var pods: [Pod] = []
    /// `taintedNodes`: each node's NoExecute taints, by node index (empty: none).
    var taintedNodes: [[NoExecuteTaintKey]] = []
    /// The pods bound to each node, by node index, in id order (the pod
    /// informer's `spec.nodeName` index).
    var podsOnNode: [[PodID]] = []

    public init() {}

    /// When the pod's deletion is scheduled, nil if it is not.
    public func scheduledEviction(_ pod: PodID) -> SimInstant? { pods[pod.index].eviction?.fireAt }

    /// The earliest scheduled deletion: when the caller should next call
    /// `evictionsDue`.
    public var nextEvictionTime: SimInstant? { pods.compactMap(\.eviction?.fireAt).min() }

    /// Moves every scheduled deletion `span` earlier, its countdown's start
    /// with it: a simulator skipping quiet time (hasim's fast-forward) brings
    /// the countdowns closer rather than moving its clock.
    public mutating func moveCountdowns(earlierBy span: SimDuration) {
        for index in pods.indices where pods[index].eviction != nil {
            pods[index].eviction!.createdAt = pods[index].eviction!.createdAt - span
            pods[index].eviction!.fireAt = pods[index].eviction!.fireAt - span
        }
    }

    /// A pod bound to `node` (`PodUpdated` -> `handlePodUpdate`): if the node is
    /// tainted, its countdown starts now.
    public mutating func addPod(on node: NodeID, tolerations: PodTolerations, at now: SimInstant) -> PodID {
        pods.append(Pod(node: node, tolerations: tolerations))
        let id = PodID(pods.count - 1)
        growNodeArrays(to: node)
        podsOnNode[node.index].append(id)
        let taints = taints(of: node)
        if !taints.isEmpty { processPodOnNode(id, taints: taints, at: now) }
        return id
    }

    /// The pod is gone (deleted by anyone): its scheduled deletion is cancelled.
    public mutating func removePod(_ pod: PodID) {
        guard !pods[pod.index].isDeleted else { return }
        pods[pod.index].isDeleted = true
        pods[pod.index].eviction = nil
        podsOnNode[pods[pod.index].node.index].removeAll { $0 == pod }
    }

    /// `handleNodeUpdate`: the node's NoExecute taints are now `taints` (pass
    /// `NodeStore[node].taints.map(\.key)`, or [] for a deleted node). No taint
    /// cancels every countdown on the node; otherwise each pod is re-examined.
    public mutating func nodeUpdated(_ node: NodeID, taints: [NoExecuteTaintKey], at now: SimInstant) {
        growNodeArrays(to: node)
        taintedNodes[node.index] = taints
        for pod in podsOnNode[node.index] {
            if taints.isEmpty {
                pods[pod.index].eviction = nil
            } else {
                processPodOnNode(pod, taints: taints, at: now)
            }
        }
    }

    /// The timed workers that fire by `now`: these pods are deleted
    /// (`deletePodHandler`), in the order of their firing time, then pod id.
    public mutating func evictionsDue(at now: SimInstant) -> [PodID] {
        let due = pods.indices
            .compactMap { i in pods[i].eviction.flatMap { $0.fireAt <= now ? (PodID(i), $0.fireAt) : nil } }
            .sorted { ($0.1, $0.0) < ($1.1, $1.0) }
            .map(\.0)
        for pod in due { removePod(pod) }
        return due
    }

    private mutating func growNodeArrays(to node: NodeID) {
        guard node.index >= taintedNodes.count else { return }
        let extra = node.index + 1 - taintedNodes.count
        taintedNodes.append(contentsOf: repeatElement([], count: extra))
        podsOnNode.append(contentsOf: repeatElement([], count: extra))
    }

    private func taints(of node: NodeID) -> [NoExecuteTaintKey] {
        node.index < taintedNodes.count ? taintedNodes[node.index] : []
    }

    /// taint_eviction.go `processPodOnNode`.
    private mutating func processPodOnNode(_ pod: PodID, taints: [NoExecuteTaintKey], at now: SimInstant) {
        let tolerations = taints.map { pods[pod.index].tolerations.toleration(of: $0) }
        if tolerations.contains(.none) {
            // Not all taints tolerated: cancel, and delete right away.
            pods[pod.index].eviction = ScheduledEviction(createdAt: now, fireAt: now)
            return
        }
        // getMinTolerationTime: the smallest tolerationSeconds (<= 0 counts as 0);
        // none at all means forever.
        let seconds = tolerations.compactMap { toleration -> Int64? in
            if case .seconds(let s) = toleration { return max(s, 0) }
            return nil
        }
        guard let minimum = seconds.min() else {
            pods[pod.index].eviction = nil
            return
        }
        let tolerated = SimDuration.seconds(minimum)
        var startTime = now
        let triggerTime = now + tolerated
        if let scheduled = pods[pod.index].eviction {
            // An older countdown is kept as it is.
            startTime = scheduled.createdAt
            if startTime + tolerated < triggerTime { return }
        }
        pods[pod.index].eviction = ScheduledEviction(createdAt: startTime, fireAt: triggerTime)
    }
}
