import SimKernel

/// `drainNode`: `kubectl drain NODE` (kubernetes/kubectl pkg/drain/default.go
/// `RunCordonOrUncordon`, then pkg/drain/drain.go `DeleteOrEvictPods`
/// through the eviction API): the node is cordoned, then every pod on it is evicted, each
/// eviction refused by a PodDisruptionBudget retried after
/// `EvictErrorRetryDelay`, and the drain waits for each evicted pod to be
/// gone (its termination grace period). The node stays cordoned, as kubectl
/// leaves it, unless `uncordon` is set. World+Drains runs it.
public struct NodeDrain: Hashable, Sendable {
    /// The worker host drained.
    public var host: Int
    /// kubectl drain's `--timeout`. Its default, 0, waits forever; a run
    /// needs an end, so the model's default gives up after an hour (an
    /// assumption) and reports the drain as not completed.
    public var timeout: SimDuration = .hours(1)
    /// After a refused eviction (429), kubectl sleeps `EvictErrorRetryDelay`
    /// and asks again: 5 s (kubernetes/kubectl pkg/cmd/drain/drain.go
    /// `NewDrainCmdOptions`; pkg/drain/drain.go `evictPods`).
    public var retry: SimDuration = .seconds(5)
    /// kubectl's poll for an evicted pod to be gone (pkg/drain/drain.go
    /// `evictPods`: `waitForDelete` with an interval of 1 s).
    public var poll: SimDuration = .seconds(1)
    /// Once the drain has completed, `kubectl uncordon` returns the node
    /// to the scheduler (pkg/drain/default.go `RunCordonOrUncordon` with
    /// desired false: `spec.unschedulable` cleared): a maintenance drain,
    /// such as one for a kernel patch, hands the node back once the work
    /// is done. A drain that timed out leaves the node cordoned.
    public var uncordon = false

    public init(host: Int) { self.host = host }
}
