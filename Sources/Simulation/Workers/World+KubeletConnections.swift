import SimKernel

/// The kubelet's connection to the apiservers. A kubelet talks to the API
/// over client-go's HTTP/2 transport: one connection, dialled through the
/// cluster's endpoint (a load balancer picks its backend per connection) and
/// kept. When heartbeats fail the kubelet closes only idle connections
/// unless `DISABLE_HTTP2` is set (cmd/kubelet/app/server.go,
/// `buildKubeletClientConfig`), and its watches keep this one busy, so a
/// kubelet whose backend went silent (its host died, froze or was cut off)
/// stays pinned to it until the HTTP/2 health check closes it: a ping after
/// ReadIdleTimeout (30 s) without a frame, closed after PingTimeout (15 s)
/// more (k8s.io/apimachinery/pkg/util/net/http.go; kubernetes issue 121793,
/// which PR 126287's 50 s node monitor grace period answers). A backend
/// whose process died on a live host resets the connection at once. Each
/// new connection's backend is a hash of the kubelet's jitter key and its
/// dial count, so both heartbeat models see the same picks.
extension World {
    /// Follows slot's connection to `now` and tells what the kubelet's
    /// requests meet. `booted`: the kubelet has just started and made no
    /// attempt yet.
    mutating func kubeletPathOpens(_ slot: Int, _ paths: KubeletPaths, booted: Bool) -> KubeletPathOutcome {
        let host = workers.nodes[slot].host
        guard workerSettings.kubelet.connection == .http2 else {
            // Not modelled per connection: open while an apiserver that serves is reachable.
            return KubeletPathOutcome(path: paths.live.contains { network.connected(host, $0) } ? .open : .refused)
        }
        var connection = workers.nodes[slot].connection
        defer { workers.nodes[slot: slot].followedConnection(connection) }
        // Whether this call ended the connection under a request in flight.
        var ended = false
        if let backend = connection.backend {
            if virtualIPReset(of: connection) != nil {
                // The virtual IP answers from another master, or the
                // session's HAProxy died: the connection is reset.
                if !booted { advanceKubelet(slot) }
                connection.close(at: now)
                ended = true
            } else if answers(connection, client: host) {
                if apiServerUp(backend) {
                    connection.heard(from: backend, at: now)
                    // An apiserver whose etcd does not commit holds the
                    // request until the client gives up.
                    return KubeletPathOutcome(path: paths.serving[backend] ? .open : .silent)
                }
                // The process died on a live host: its kernel reset the connection.
                if !booted { advanceKubelet(slot) }
                connection.close(at: now)
                ended = true
            } else {
                if connection.pinnedSince == nil {
                    // Every request until now was answered: the last lease
                    // attempt, or the last of the node status syncs' GETs, is
                    // the last frame the connection heard.
                    if !booted { advanceKubelet(slot) }
                    let lastAnswer = workers.nodes[slot].kubelet?.lastAttempt ?? now
                    let lastFrame = max(min(lastAnswer, now), lastStatusSync(slot))
                    connection.heard(from: backend, at: max(connection.lastFrame, lastFrame))
                    connection.foundSilent(at: now)
                }
                let closes = connection.healthCheckCloses(after: silenceLimit(connection, health: workerSettings.kubelet.http2Silence))
                guard now >= closes else {
                    scheduleKubeletConnection(slot, at: closes)
                    return KubeletPathOutcome(path: .silent)
                }
                connection.close(at: closes)
                ended = true
            }
        }
        if !ended && !booted {
            // A dial into silence is in flight: it is given up when its
            // request times out, and the next request dials again.
            advanceKubelet(slot)
            let kubelet = workers.nodes[slot].kubelet!
            if kubelet.inFlightSince != nil {
                guard now >= kubelet.nextAttempt - SimDuration(nanoseconds: 1) else {
                    return KubeletPathOutcome(path: .silent, redial: true)
                }
                ended = true
            }
        }
        guard !paths.dialable.isEmpty else { return KubeletPathOutcome(path: .refused, connectionEnded: ended && !booted) }
        var mix = SplitMix64(state: workers.nodes[slot].kubelet!.jitterKey ^ (workers.nodes[slot].dials &* 0xD1B5_4A32_D192_ED03))
        let pick = paths.dialable[Int(mix.next() % UInt64(paths.dialable.count))]
        workers.nodes[slot: slot].countDial()
        guard acceptsConnections(pick, from: host) else {
            // A live host whose apiserver is down refuses at once; a dead,
            // frozen or cut-off one leaves the dial unanswered (client-go's
            // dialer would wait 30 s, the request's timeout ends it first).
            let refused = fleet.up[pick] && !fleet.paused(pick) && network.connected(host, pick)
            return KubeletPathOutcome(path: refused ? .refused : .silent, connectionEnded: ended && !booted, redial: true)
        }
        connection.open(to: pick, throughExternalIP: paths.throughExternalIP, via: paths.viaHolder, at: now)
        // A request in flight failed as its connection ended, and
        // retryUpdateLease tries again at once, on the new connection
        // (component-helpers lease/controller.go: no wait between its retries).
        return KubeletPathOutcome(path: paths.serving[pick] ? .open : .silent, connectionEnded: ended && !booted)
    }

    /// The last node status sync at or before now: kubelet_node_status.go
    /// `tryUpdateNodeStatus` GETs the Node through the same heartbeat client
    /// every nodeStatusUpdateFrequency (10 s), whether or not it then posts,
    /// and each answer is a frame on the connection. Its phase is a hash of
    /// the kubelet's jitter key, so it needs no stream draw.
    func lastStatusSync(_ slot: Int) -> SimInstant {
        let period = workerSettings.kubelet.statusUpdateFrequency.nanoseconds
        guard period > 0, let key = workers.nodes[slot].kubelet?.jitterKey else { return .start }
        var mix = SplitMix64(state: key ^ 0x5851_F42D_4C95_7F2D)
        let phase = Int64(mix.next() % UInt64(period))
        let since = now.nanosecondsSinceStart - phase
        guard since >= 0 else { return .start }
        return SimInstant(nanosecondsSinceStart: now.nanosecondsSinceStart - since % period)
    }

    /// Schedules slot's connection event at `time`, unless it is already
    /// due then; an earlier one still queued is ignored when it arrives.
    mutating func scheduleKubeletConnection(_ slot: Int, at time: SimInstant) {
        guard workers.nodes[slot].connectionDue != time else { return }
        workers.nodes[slot: slot].setConnectionDue(time)
        queue.schedule(.workers(.kubeletConnection(slot: slot, generation: workers.nodes[slot].generation)), at: time)
    }

    /// The connection's health check closes it, or a new dial is due.
    mutating func kubeletConnectionDue(_ slot: Int, generation: Int) {
        guard workers.nodes[slot].generation == generation, workers.nodes[slot].connectionDue == now else { return }
        workers.nodes[slot: slot].setConnectionDue(nil)
        refreshKubelet(slot, kubeletPaths())
    }
}
