import SimKernel

/// The Workers subsystem's random streams, created only for a topology with
/// workers so that other runs draw exactly what they drew before.
struct WorkerStreams {
    private var ids: [RandomStreams.StreamID] = []
    static let labels = ["workers/kubelets", "workers/boots", "workers/status", "workers/pods", "workers/autoscaler"]

    init() {}

    init(_ random: inout RandomStreams) {
        ids = Self.labels.map { random.stream($0) }
    }

    /// Each initial kubelet's renewal phase and jitter key.
    var kubelets: RandomStreams.StreamID { ids[0] }
    /// The jitter key of a kubelet that starts during the run.
    var boots: RandomStreams.StreamID { ids[1] }
    /// When a kubelet's status sync comes round.
    var status: RandomStreams.StreamID { ids[2] }
    /// Pod startup times.
    var pods: RandomStreams.StreamID { ids[3] }
    /// The autoscaler's expander choice and node provisioning times.
    var autoscaler: RandomStreams.StreamID { ids[4] }
}
