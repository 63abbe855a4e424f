import SimKernel

/// The calls of the components on the masters (kube-controller-manager,
/// kube-scheduler, cluster-autoscaler, the add-on managers) to the address
/// `topology.access.dials` gives them: their local apiserver over loopback
/// (`callAPIServer(from:)`), or the cluster's endpoint, which a lost virtual
/// IP, a load balancer without a healthy backend or a dead backend it still
/// forwards to fails as it fails a kubelet.
extension World {
    /// A component's call and the apiserver it reached: `apiServer` is nil
    /// when the call went nowhere, so that nothing answers it before the
    /// caller's own timeout and no apiserver holds it.
    struct DialledAPICall {
        let outcome: APIServerCall
        let apiServer: Int?
    }

    /// Sends one request of a component on `host` to the address it dials.
    /// Through the endpoint, each request picks its backend as a new
    /// connection would (among the backends the endpoint leads to now, by a
    /// hash of the instant and the host: no stream is drawn), and adds the
    /// round trip from the master to it; client-go's one kept HTTP/2
    /// connection is not followed for these components.
    mutating func callAPIServer(from host: Int, dialling dial: ComponentDial) -> DialledAPICall {
        guard dial == .clusterEndpoint else { return DialledAPICall(outcome: callAPIServer(from: host), apiServer: host) }
        let paths = kubeletPaths()
        // No address to send to (no virtual IP holder, no target): the
        // connection fails at once, as a kubelet's does.
        guard !paths.dialable.isEmpty else { return DialledAPICall(outcome: .refused, apiServer: nil) }
        // Through a virtual IP the connection ends on the holder's HAProxy,
        // which the master must reach and which must listen.
        if let holder = paths.viaHolder {
            guard network.connected(host, holder) else { return DialledAPICall(outcome: .hangs, apiServer: nil) }
            guard !scenario.topology.access.forwardsThroughHAProxy || haproxyRuns(holder) else {
                return DialledAPICall(outcome: .refused, apiServer: nil)
            }
        }
        var mix = SplitMix64(state: UInt64(bitPattern: now.nanosecondsSinceStart) ^ (UInt64(host) &* 0x9E37_79B9_7F4A_7C15))
        let pick = paths.dialable[Int(mix.next() % UInt64(paths.dialable.count))]
        let hop = paths.viaHolder ?? host
        guard acceptsConnections(pick, from: hop) else {
            // A live host whose apiserver is down refuses; a dead, frozen or
            // cut-off one leaves the connection unanswered.
            let refused = fleet.up[pick] && !fleet.paused(pick) && network.connected(hop, pick)
            return DialledAPICall(outcome: refused ? .refused : .hangs, apiServer: nil)
        }
        guard let there = roundTrip(host, pick, request: .apiRequest, reply: .apiReply) else {
            return DialledAPICall(outcome: .hangs, apiServer: nil)
        }
        switch callAPIServer(from: pick) {
        case .answered(let after): return DialledAPICall(outcome: .answered(after: after + there), apiServer: pick)
        case let outcome: return DialledAPICall(outcome: outcome, apiServer: pick)
        }
    }

    /// Whether a component on `host` dialling `dial` has an apiserver that
    /// serves it now: its own, or one the endpoint leads to and it reaches.
    func componentReachesServingAPI(from host: Int, dialling dial: ComponentDial) -> Bool {
        guard dial == .clusterEndpoint else { return apiServerServes(host) }
        let paths = kubeletPaths()
        if let holder = paths.viaHolder {
            guard network.connected(host, holder), !scenario.topology.access.forwardsThroughHAProxy || haproxyRuns(holder) else { return false }
        }
        return paths.live.contains { paths.dialable.contains($0) && network.connected(paths.viaHolder ?? host, $0) }
    }
}
