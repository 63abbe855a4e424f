import SimKernel

/// A client's long-lived connection to one apiserver. client-go keeps an
/// HTTP/2 connection open and sends every request over it; a GCP target pool
/// (or an AWS NLB) balances connections, not requests, so the backend is
/// chosen when the connection is dialled and kept until it breaks.
///
/// How it breaks decides what the client sees (kubernetes PR 95981, FACTS.md
/// "client connections"):
/// - the apiserver process dies on a live host: the host's kernel resets the
///   connection at once, and the client redials;
/// - the host dies or is cut off: nothing comes back, and only the HTTP/2
///   health check notices: after `readIdleTimeout` without a frame the client
///   pings, and after `pingTimeout` more without an answer it closes the
///   connection. Until then every request on it fails: the client is pinned
///   to a dead backend.
struct ClientConnection {
    /// The apiserver host the connection goes to; nil when none is open.
    private(set) var backend: Int?
    /// Whether it was dialled through the external IP, so that it dies with
    /// the IP's path to the backend (the IP detached or moved, the backend
    /// out of the load balancer), not only with the backend.
    private(set) var throughExternalIP = false
    /// The master whose HAProxy the connection ends on, when dialled through
    /// keepalived's virtual IP: it dies with that master or the address's move.
    private(set) var viaHolder: Int?
    /// When the last frame (a response) came back from the backend.
    private(set) var lastFrame = SimInstant.start
    /// Since when requests on the open connection have found its backend
    /// dead or unreachable.
    private(set) var pinnedSince: SimInstant?
    /// Connections opened after an earlier one broke.
    private(set) var reconnects = 0
    /// Total time spent pinned to a dead backend, closed stretches only.
    private(set) var pinned = SimDuration.zero
    private var everConnected = false

    /// client-go's HTTP/2 health check (kubernetes PR 95981): ReadIdleTimeout
    /// 30 s, then PingTimeout 15 s; `clients.http2` in a scenario changes them.
    static let defaultReadIdleTimeout = SimDuration.seconds(30)
    static let defaultPingTimeout = SimDuration.seconds(15)

    /// When the health check closes a connection whose backend went silent:
    /// `silence` (read idle plus ping timeout) after the last frame.
    func healthCheckCloses(after silence: SimDuration) -> SimInstant { lastFrame + silence }

    mutating func open(to host: Int, throughExternalIP: Bool, via holder: Int? = nil, at now: SimInstant) {
        if everConnected { reconnects += 1 }
        everConnected = true
        backend = host
        self.throughExternalIP = throughExternalIP
        viaHolder = holder
        lastFrame = now
        pinnedSince = nil
    }

    /// A frame came back: the connection is alive.
    mutating func heard(from host: Int, at now: SimInstant) {
        guard backend == host else { return }
        lastFrame = now
        pinnedSince = nil
    }

    /// A request found the backend silent: the client is pinned from now on.
    mutating func foundSilent(at now: SimInstant) {
        if pinnedSince == nil { pinnedSince = now }
    }

    /// The connection is gone (reset, or closed by the health check at `at`).
    mutating func close(at time: SimInstant) {
        if let since = pinnedSince, time > since { pinned = pinned + (time - since) }
        backend = nil
        pinnedSince = nil
    }

    /// The backend sent HTTP/2 GOAWAY as its apiserver shut down gracefully
    /// (x/net/http2 server startGracefulShutdown, which net/http's
    /// Server.Shutdown triggers): the client opens no new stream on the
    /// connection, closes it once its streams end, and dials afresh for its
    /// next request (golang.org/x/net/http2 transport: a connection that
    /// received GOAWAY is no longer usable for new requests). Nothing is
    /// pinned to it.
    mutating func goAway(at time: SimInstant) { close(at: time) }

    /// The time pinned so far, an open stretch counted to `end`.
    func pinnedTotal(at end: SimInstant) -> SimDuration {
        guard let since = pinnedSince, end > since else { return pinned }
        return pinned + (end - since)
    }

    /// Moves the instants it holds `span` later (a frozen control plane):
    /// its health check counts silence from the last frame.
    mutating func delayHeldTimes(by span: SimDuration) {
        lastFrame = lastFrame + span
        pinnedSince = pinnedSince.map { $0 + span }
    }
}
