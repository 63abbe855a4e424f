import SimKernel

/// A per-request client failing at a steady rate (docs/FAST-FORWARD.md,
/// "Steady failures of per-request clients"): behind a load balancer with no
/// health check (the GCE target pool of `cluster/gce`) or one whose check
/// has not caught up, kubectl's new connection for each command goes to a
/// dead master as often as the pool still holds it, so a third of the
/// commands fail for as long as one master of three is down. Every window
/// then fails some requests, and a skip that needs a window without trouble
/// would keep the whole year detailed through every master failure.
///
/// Each such request fails or succeeds at its dial by a draw from the
/// class's own stream over a settled state: the same chance every time, and
/// nothing else in the cluster depends on it. So a skip replays the
/// class's requests of the skipped span without events: each dialled by
/// the model's own dial and, when it connects, answered along the read's
/// own path (`readAnswerDelay`, the draws of its messages), recorded at its
/// run time, so that the failures, the latencies, the outage and its
/// downtime stretches are those the run would have drawn. Only the traffic
/// of the replayed messages is left to the window's repeat (Etcd subsystem).
extension World {
    /// Whether class `index`'s dial failures are a steady rate the skip can
    /// replay: a per-request class of reads (a write's answer waits on Raft,
    /// which a replay does not run) on a stream of its own, whose dial holds
    /// no state between requests. Through a DNS name (answers cached for
    /// their TTL), a virtual IP (its holder's HAProxy sessions) or an NLB
    /// (its flow table) the next dial depends on the last, so those
    /// failures stay trouble and keep the run detailed.
    func dialFailuresAreRated(_ index: Int) -> Bool {
        let settings = access.clients[index].settings
        guard settings.connection == .perRequest, settings.requests == .read, !ClientClass.sharesProbeStream(settings.name) else { return false }
        if (usesVirtualIP || usesNetworkLoadBalancer) && dialsExternalIP(index) { return false }
        switch settings.dials {
        case .localAPIServer: return true
        case .kubernetesService where !access.serviceEndpoints.routesThroughExternalIP: return true
        case .kubernetesService, .clusterEndpoint:
            // `externalPick`: a DNS name's answer is cached for its TTL.
            if case .dns = scenario.topology.access.mode { return false }
            return true
        }
    }

    /// Whether class `index` runs on while the control plane stands still
    /// (docs/FAST-FORWARD.md, "A clock per subsystem"): a class whose dial
    /// failures are rated reads only settled state (which hosts accept
    /// connections, the pool and its health, the leader and its quorum), so
    /// its requests go on in detail beside the workers' events instead of
    /// being repeated at the thaw, which could not replay them.
    func classRunsWhileFrozen(_ index: Int) -> Bool { dialFailuresAreRated(index) }

    /// Whether `event` is a request of a class that runs on while the
    /// control plane stands still: it is not parked, and it does not thaw it.
    func runsWhileFrozen(_ event: WorldEvent) -> Bool {
        Self.runsWhileFrozen(event, classes: classRunsWhileFrozen, requests: access.apiRequests)
    }

    /// `runsWhileFrozen` over `classes` and the requests in flight, for a
    /// test that must not hold the World (the agenda's `park`).
    static func runsWhileFrozen(_ event: WorldEvent, classes: (Int) -> Bool, requests: [Int: APIRequest]) -> Bool {
        guard case .access(let event) = event else { return false }
        switch event {
        case .clientRequest(let client, _): return classes(client)
        case .apiRequestArrives(let id), .apiResponseArrives(let id), .clientTimeout(let id):
            // A request already ended leaves a timeout that does nothing.
            return requests[id].map { classes($0.clientClass) } ?? true
        default: return false
        }
    }

    /// Replays the requests class `index` would have made in the `windows`
    /// windows a skip passes from now: each client's requests at its own
    /// interval from its next one in the agenda, in time order, each as
    /// `clientRequest`, `apiRequestArrives` and `answerRead` would run it,
    /// recorded at its run time (the recorders add the time skipped so far,
    /// and the skip is recorded after this).
    mutating func replayDialledRequests(of index: Int, windows: Int) {
        let client = access.clients[index]
        let span = FastForward.window * Int64(windows)
        let perClient = (span.nanoseconds + client.interval.nanoseconds - 1) / client.interval.nanoseconds
        let firsts = client.endpoints.indices.compactMap { member in
            queue.earliestTime { $0 == .access(.clientRequest(client: index, member: member)) }.map { (member: member, at: $0) }
        }.sorted { ($0.at, $0.member) < ($1.at, $1.member) }
        let recorder = downtime.recorders.firstIndex { $0.condition.kind == .client(client.settings.name) }
        let mechanism = recorder.flatMap { downtimeMechanism(for: downtime.recorders[$0].condition) }
        let causes = activeCauses()
        // The requests in time order, the clients' in turn each interval,
        // computed as they go rather than held (a long skip has millions).
        let count = Int(perClient) * firsts.count
        func scheduled(_ position: Int) -> (member: Int, sent: SimInstant) {
            let first = firsts[position % firsts.count]
            return (first.member, first.at + client.interval * Int64(position / firsts.count))
        }
        fastForward.countReplayed(count)
        for position in 0..<count {
            let request = scheduled(position)
            let from = client.endpoints[request.member]
            let dialled = dial(index, from: from)
            let latency = dialled.flatMap { replayedReadLatency(index, from: from, dialled: $0) }
            access[client: index].countReplayed(dialFailed: dialled == nil)
            // A failure is recorded when it is known, an answer when it is
            // back; both before the next request goes out, as every outcome
            // of a settled state is within milliseconds.
            let next = position + 1 < count ? scheduled(position + 1).sent : request.sent + client.interval
            let recorded = min(request.sent + (latency ?? .zero), next)
            access[client: index].record(served: latency != nil, latency: latency ?? .zero, at: recorded, propagating: false)
            guard let recorder else { continue }
            if latency != nil {
                downtime.recovered(recorder, at: recorded)
            } else {
                downtime.failing(recorder, mechanism, causes: downtime.recorders[recorder].wantsCause ? causes : [], at: recorded)
            }
        }
    }

    /// A replayed read that connected to `dialled`: how long until its
    /// answer is back, along `clientRequest`'s way out, `apiRequestArrives`'s
    /// checks and `answerRead`'s confirmation; nil when it fails.
    mutating func replayedReadLatency(_ index: Int, from client: Int, dialled: Dialled) -> SimDuration? {
        let sent = now + dialled.after
        guard let arrival = clientTransmit(index, from: client, to: dialled.host, sentAt: sent, carrying: .apiRequest, counting: false),
            apiServerServes(dialled.host), etcdMemberServing(dialled.host) != nil,
            let answer = readAnswerDelay(index, apiServer: dialled.host, client: client, counting: false)
        else { return nil }
        return arrival - now + answer
    }
}
