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
    /// Follows slot's connection to `now` and tells whether its requests
    /// reach an apiserver that serves. `booted`: the kubelet has just
    /// started and made no attempt yet.
    mutating func kubeletPathOpens(_ slot: Int, _ paths: KubeletPaths, booted: Bool) -> Bool {
        let host = workers.nodes[slot].host
        guard workerSettings.kubelet.connection == .http2 else {
            return paths.live.contains { network.connected(host, $0) }
        }
        var connection = workers.nodes[slot].connection
        defer { workers.nodes[slot].connection = connection }
        if let backend = connection.backend {
            if answers(connection, client: host) {
                if apiServerUp(backend) {
                    connection.heard(from: backend, at: now)
                    return paths.serving[backend]
                }
                // The process died on a live host: its kernel reset the connection.
                if !booted { advanceKubelet(slot) }
                connection.close(at: now)
            } else {
                if connection.pinnedSince == nil {
                    // Every attempt until now was answered: the last one is
                    // the last frame the connection heard.
                    if !booted { advanceKubelet(slot) }
                    let lastAnswer = workers.nodes[slot].kubelet?.lastAttempt ?? now
                    connection.heard(from: backend, at: max(connection.lastFrame, min(lastAnswer, now)))
                    connection.foundSilent(at: now)
                }
                let closes = connection.healthCheckCloses(after: workerSettings.kubelet.http2Silence)
                guard now >= closes else {
                    scheduleKubeletConnection(slot, at: closes)
                    return false
                }
                connection.close(at: closes)
            }
        }
        guard !paths.dialable.isEmpty else { return false }
        var mix = SplitMix64(state: workers.nodes[slot].kubelet!.jitterKey ^ (workers.nodes[slot].dials &* 0xD1B5_4A32_D192_ED03))
        let pick = paths.dialable[Int(mix.next() % UInt64(paths.dialable.count))]
        workers.nodes[slot].dials &+= 1
        guard acceptsConnections(pick, from: host) else {
            // Refused, or a dial into silence: the attempts fail, and the
            // next one dials again, just before it is made.
            if !booted { advanceKubelet(slot) }
            let next = workers.nodes[slot].kubelet!.nextAttempt - SimDuration(nanoseconds: 1)
            scheduleKubeletConnection(slot, at: max(next, now + SimDuration(nanoseconds: 1)))
            return false
        }
        connection.open(to: pick, throughExternalIP: paths.throughExternalIP, at: now)
        return paths.serving[pick]
    }

    /// Schedules slot's connection event at `time`, unless it is already
    /// due then; an earlier one still queued is ignored when it arrives.
    mutating func scheduleKubeletConnection(_ slot: Int, at time: SimInstant) {
        guard workers.nodes[slot].connectionDue != time else { return }
        workers.nodes[slot].connectionDue = time
        queue.schedule(.workers(.kubeletConnection(slot: slot, generation: workers.nodes[slot].generation)), at: time)
    }

    /// The connection's health check closes it, or a new dial is due.
    mutating func kubeletConnectionDue(_ slot: Int, generation: Int) {
        guard workers.nodes[slot].generation == generation, workers.nodes[slot].connectionDue == now else { return }
        workers.nodes[slot].connectionDue = nil
        refreshKubelet(slot, kubeletPaths())
    }
}
