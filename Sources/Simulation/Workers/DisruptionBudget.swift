/// A workload's PodDisruptionBudget (policy/v1), selecting exactly its pods
/// (`workloads[].pdb`): the eviction API refuses an eviction that would
/// leave fewer healthy pods than it allows. Taint-based eviction by the node
/// lifecycle controller deletes pods directly and does not consult it.
public struct DisruptionBudget: Hashable, Sendable {
    /// An `IntOrString`: a count, or a whole percentage of the workload's scale.
    public enum Amount: Hashable, Sendable {
        case count(Int)
        case percent(Int)

        /// intstr `GetScaledValueFromIntOrPercent(value, total, roundUp: true)`,
        /// as the disruption controller calls it.
        func scaled(_ total: Int) -> Int {
            switch self {
            case .count(let count): return count
            case .percent(let percent): return (percent * total + 99) / 100
            }
        }
    }

    public enum Rule: Hashable, Sendable {
        case minAvailable(Amount)
        case maxUnavailable(Amount)
    }

    public var rule: Rule

    public init(_ rule: Rule) { self.rule = rule }

    /// The disruption controller's expected pods and desired healthy pods
    /// (kubernetes pkg/controller/disruption/disruption.go
    /// `getExpectedPodCount`): `maxUnavailable` and a percentage
    /// `minAvailable` count against the controller's scale (the replicas,
    /// `getExpectedScale`), an integer `minAvailable` against the pods that
    /// exist.
    func expectation(replicas: Int, pods: Int) -> (expected: Int, desiredHealthy: Int) {
        switch rule {
        case .maxUnavailable(let amount):
            return (replicas, max(0, replicas - amount.scaled(replicas)))
        case .minAvailable(.count(let count)):
            return (pods, count)
        case .minAvailable(let amount):
            return (replicas, amount.scaled(replicas))
        }
    }
}

/// A PodDisruptionBudget's status as the disruption controller writes it
/// and the eviction API spends it. Its fields change only through `sync`
/// (the controller) and `admit` (an eviction request).
struct DisruptionBudgetStatus {
    let budget: DisruptionBudget
    private(set) var currentHealthy = 0
    private(set) var desiredHealthy = 0
    private(set) var expectedPods = 0
    private(set) var disruptionsAllowed = 0
    /// Evictions it refused (429), over the run.
    private(set) var refusals = 0

    init(_ budget: DisruptionBudget) { self.budget = budget }

    /// disruption.go `trySync` and `updatePdbStatus`: currentHealthy counts
    /// the pods that are Ready and not being deleted (`countHealthyPods`);
    /// disruptionsAllowed = currentHealthy - desiredHealthy, never below 0,
    /// and 0 while no pod is expected. The controller follows every pod
    /// change through its informers; the model takes it as up to date
    /// whenever kube-controller-manager's leader works (World+Drains).
    mutating func sync(healthy: Int, replicas: Int, pods: Int) {
        let (expected, desired) = budget.expectation(replicas: replicas, pods: pods)
        currentHealthy = healthy
        desiredHealthy = desired
        expectedPods = expected
        disruptionsAllowed = expected <= 0 ? 0 : max(0, healthy - desired)
    }

    /// One eviction request for a running pod (kubernetes
    /// pkg/registry/core/pod/storage/eviction.go `Create`): a pod that is
    /// not Ready is deleted without spending the budget while the budget is
    /// met (`currentHealthy >= desiredHealthy`, `desiredHealthy > 0`);
    /// otherwise `checkAndDecrement` refuses with 429 TooManyRequests while
    /// `disruptionsAllowed` is 0 and spends one disruption when it is not.
    /// (A Pending pod's eviction is a plain delete, `canIgnorePDB`, and does
    /// not come here.) Returns whether the pod is evicted.
    mutating func admit(podReady: Bool) -> Bool {
        if !podReady && currentHealthy >= desiredHealthy && desiredHealthy > 0 { return true }
        guard disruptionsAllowed > 0 else {
            refusals += 1
            return false
        }
        // The pod goes into DisruptedPods: the controller's next sync no
        // longer counts it healthy.
        disruptionsAllowed -= 1
        return true
    }
}
