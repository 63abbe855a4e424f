import SimKernel

/// A coordination.k8s.io Lease as stored in etcd, one per elected component
/// (client-go tools/leaderelection/resourcelock LeaderElectionRecord).
/// Changed only by a successful write (`write`), as the apiserver changes it.
struct LeaseRecord {
    /// The holder: a candidate and the life of its process (client-go
    /// identities are hostname_UUID, new for every process start).
    private(set) var holder: (candidate: Int, life: Int)?
    /// The holder's wall clock when it acquired and last renewed (informational:
    /// candidates never compare these with their own clocks).
    private(set) var acquireTime: Int64 = 0
    private(set) var renewTime: Int64 = 0
    private(set) var leaderTransitions = 0
    /// Bumped on every write: a candidate detects "the record changed" by
    /// comparing it, as client-go compares the raw record bytes.
    private(set) var version = 0

    /// No lease yet.
    init() {}

    /// The lease of an established cluster at time zero.
    init(holder: (candidate: Int, life: Int), version: Int) {
        self.holder = holder
        self.version = version
    }

    /// tryAcquireOrRenew's update: a new holder counts a transition and
    /// sets the acquire time (client-go leaderelection.go: LeaderTransitions
    /// + 1 when the identity changes); every write renews and bumps the version.
    mutating func write(holder newHolder: (candidate: Int, life: Int), wallTime: Int64) {
        let same = holder.map { $0.candidate == newHolder.candidate && $0.life == newHolder.life } ?? false
        if !same {
            leaderTransitions += 1
            acquireTime = wallTime
        }
        holder = newHolder
        renewTime = wallTime
        version += 1
    }

    /// The holder's release (ReleaseOnCancel): an empty holder, the
    /// transitions kept; a new version, so every candidate sees the change.
    mutating func release() {
        holder = nil
        version += 1
    }
}
