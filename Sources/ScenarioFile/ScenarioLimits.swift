/// The largest scenario hasim accepts. Every count and size read from a file
/// is checked against these before anything is allocated from it, so no input
/// can make the parser (or the run it describes) exhaust memory or overflow
/// an integer. Each limit is far above any real topology; why each value was
/// chosen is said beside it (docs/RELIABILITY.md).
public enum ScenarioLimits {
    /// The largest file read. The library's scenarios are 1-2 KB; the YAML
    /// tree of a file costs many times its size in memory.
    public static let fileBytes = 1 << 20
    /// YAML nodes in the composed document, aliases counted every time they
    /// are used, so a "billion laughs" file is refused after this many.
    public static let documentNodes = 100_000
    /// Zones. Cloud regions have three to six (AWS us-east-1: six); a
    /// control plane over several regions is still a handful. Every zone
    /// adds a metric and a column to every per-zone table, so the limit keeps
    /// validation and the report small while being far above real use.
    public static let zones = 100
    /// Masters over the whole run, those added by operations included. With
    /// stacked etcd every master is an etcd member, and Raft ids are bits of a
    /// 64-bit set; etcd's FAQ advises at most seven members anyway.
    public static let masters = 64
    /// Kubernetes' documented scale limit ("Considerations for large
    /// clusters": 5,000 nodes).
    public static let workers = 5_000
    /// Pods over all workloads: Kubernetes' documented limit ("Considerations
    /// for large clusters": no more than 150,000 total pods).
    public static let pods = 150_000
    /// etcd members (Raft ids are bits of a 64-bit set).
    public static let etcdMembers = 64
    /// Faults, operations, expectations and network links each: every fault
    /// is a random stream and a few events; a thousand is already a scenario
    /// no one can read.
    public static let listItems = 1_000
    /// Targets of the failure processes over all entries (`every: worker`
    /// is one a worker): each is two random streams, a pending event and its
    /// counters. Ten entries over the 5,000 workers fit; a hundred do not,
    /// and no reader could follow them anyway.
    public static let failureTargets = 50_000
    /// Points of a sweep's grid (`vary:` crossed, before `exclude:`),
    /// counted before any is built: every point is a parsed scenario (a few
    /// KB each), and ten thousand points are already more than a table can
    /// compare or a cluster can run over many seeds.
    public static let sweepPoints = 10_000
    /// Windows one `slo` expectation judges in a run (duration / window):
    /// each is a few numbers, built when the run is judged; a year of
    /// hourly windows is 8,760, a window of a nanosecond would be trillions.
    public static let sloWindows = 100_000
    /// A name's length shown in a message ("found ..."), so that an error
    /// never echoes a large part of the input.
    public static let quotedCharacters = 60
}
