import SimKernel

/// One kube-apiserver, on a master. It serves writes and linearizable reads
/// only while its etcd path works; `/readyz` follows with the etcd check's
/// 2 s timeout (FACTS.md, "API server").
struct APIServer {
    let host: Int
    /// Its crash faults; whether it runs is computed from the host (`World.apiServerUp`).
    var process = ProcessState(running: true)
    /// Since when the process is up but its etcd path fails; nil otherwise.
    var failingSince: SimInstant?
    /// Bumped when `failingSince` is set or cleared, so a pending readiness
    /// check from an earlier failure is dropped.
    var generation = 0
    /// The readiness state recorded: ready, notReady or down.
    var state = APIServerState.ready

    /// kube-apiserver's --request-timeout, 60 s by default (k8s.io/apiserver
    /// pkg/server/config.go NewConfig, RequestTimeout): its timeout filter
    /// answers a request still unanswered then with 504, so this ends a hung
    /// request whose client set no timeout of its own.
    static let requestTimeout = SimDuration.seconds(60)
}

enum APIServerState: String {
    case ready, notReady, down
}
