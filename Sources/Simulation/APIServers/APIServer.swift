import SimKernel

/// One kube-apiserver, on a master. It serves writes and linearizable reads
/// only while its etcd path works; `/readyz` follows with the etcd check's
/// 2 s timeout (FACTS.md, "API server").
struct APIServer {
    let host: Int
    /// Its crash faults; whether it runs is computed from the host (`World.apiServerUp`).
    private(set) var process = ProcessState(running: true)
    /// Since when the process is up but its etcd path fails; nil otherwise.
    private(set) var failingSince: SimInstant?
    /// Bumped when `failingSince` is set or cleared, so a pending readiness
    /// check from an earlier failure is dropped.
    private(set) var generation = 0
    /// The readiness state recorded: ready, notReady or down.
    private(set) var state = APIServerState.ready
    /// The graceful shutdown under way since SIGTERM, if any
    /// (APIServers/World+GracefulStop).
    private(set) var shutdown: APIServerShutdown?
    /// Bumped when a shutdown starts or ends, so that its steps queued for
    /// an earlier one are dropped.
    private(set) var shutdownGeneration = 0

    init(host: Int) { self.host = host }

    /// SIGTERM: the shutdown delay starts; returns the generation its steps carry.
    mutating func beginShutdown() -> Int {
        shutdown = .delaying
        shutdownGeneration += 1
        return shutdownGeneration
    }

    /// The delay is over: the listener closes and in-flight requests drain.
    mutating func stopAccepting() { shutdown = .draining }

    /// The process exited (or the shutdown was cut short by a crash).
    mutating func endShutdown() {
        shutdown = nil
        shutdownGeneration += 1
    }

    /// Whether its listener takes new connections and requests: not once
    /// its shutdown has closed it.
    var accepts: Bool { shutdown != .draining }

    mutating func changeCrashHolds(by delta: Int) { process.changeCrashHolds(by: delta) }

    /// The etcd path starts failing now; returns the generation a readiness
    /// check must carry. Nothing changes if it was failing already.
    mutating func startFailing(at now: SimInstant) -> Int? {
        guard failingSince == nil else { return nil }
        failingSince = now
        generation += 1
        return generation
    }

    /// The path works again (or the process is down): a pending check is dropped.
    mutating func clearFailing() {
        guard failingSince != nil else { return }
        failingSince = nil
        generation += 1
    }

    /// Records the readiness; returns the state it had.
    mutating func setState(_ newState: APIServerState) -> APIServerState {
        defer { state = newState }
        return state
    }

    /// kube-apiserver's --request-timeout, 60 s by default (k8s.io/apiserver
    /// pkg/server/config.go NewConfig, RequestTimeout): its timeout filter
    /// answers a request still unanswered then with 504, so this ends a hung
    /// request whose client set no timeout of its own.
    static let requestTimeout = SimDuration.seconds(60)

    /// Moves the start of its etcd trouble `span` later (a frozen control plane).
    mutating func delayHeldTimes(by span: SimDuration) {
        failingSince = failingSince.map { $0 + span }
    }
}

enum APIServerState: String {
    case ready, notReady, down
}

/// The steps of kube-apiserver's graceful shutdown (k8s.io/apiserver
/// pkg/server/genericapiserver.go RunWithContext).
enum APIServerShutdown {
    /// /readyz fails, everything else is served as before, for
    /// --shutdown-delay-duration.
    case delaying
    /// The listener is closed, HTTP/2 clients were sent GOAWAY, and requests
    /// in flight are answered, for at most the request timeout.
    case draining
}
