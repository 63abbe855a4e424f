import SimKernel

/// A coordination.k8s.io Lease as stored in etcd, one per elected component
/// (client-go tools/leaderelection/resourcelock LeaderElectionRecord).
struct LeaseRecord {
    /// The holder: a candidate and the life of its process (client-go
    /// identities are hostname_UUID, new for every process start).
    var holder: (candidate: Int, life: Int)?
    /// The holder's wall clock when it acquired and last renewed (informational:
    /// candidates never compare these with their own clocks).
    var acquireTime: Int64 = 0
    var renewTime: Int64 = 0
    var leaderTransitions = 0
    /// Bumped on every write: a candidate detects "the record changed" by
    /// comparing it, as client-go compares the raw record bytes.
    var version = 0
}
