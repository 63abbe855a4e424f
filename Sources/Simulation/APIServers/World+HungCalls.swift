import SimKernel

/// Requests waiting inside an apiserver on a hung etcd, whoever sent them:
/// one mechanism for the lease, add-on and endpoint-reconcile calls
/// (`HungCall` says how each ends).
extension World {
    /// etcd server/config/config.go `ReqTimeout`: 5 s for queueing,
    /// computation and disk, plus two election timeouts for an election.
    var etcdRequestTimeout: SimDuration {
        let settings = scenario.topology.etcd
        let election: SimDuration
        switch settings.electionTimeout {
        case .etcd(let timeout): election = timeout
        case .range(_, let high): election = high
        }
        return .seconds(5) + election * 2
    }

    /// Whether the apiserver on `host` reaches a running etcd member, whose
    /// own request timeout then bounds the wait: its local member when
    /// stacked; when external, any member it can reach.
    func reachesRunningEtcdMember(_ host: Int) -> Bool {
        if scenario.topology.externalEtcdPerZone == nil {
            return etcd.memberOfHost[host].map { etcd.members[$0].running } ?? false
        }
        return etcd.members.contains { $0.running && network.connected(host, $0.host) }
    }

    /// Holds a request that `callAPIServer` found hung.
    mutating func holdHungCall(_ caller: HungCall.Caller, host: Int) {
        let silentMember = apiServers.takeLastCallSilentMember()
        let id = apiServers.holdHungCall(caller, host: host, silentMember: silentMember)
        // On a silent connection nothing in etcd times it out: the keepalive ends it.
        if silentMember == nil && reachesRunningEtcdMember(host) {
            queue.schedule(.apiServers(.etcdRequestTimedOut(call: id)), after: etcdRequestTimeout)
        }
    }

    /// The caller gave up on its own (its timeout, or its process stopped).
    mutating func releaseHungCall(_ caller: HungCall.Caller) {
        apiServers.releaseHungCall(caller)
    }

    mutating func etcdRequestTimedOut(_ id: Int) {
        guard let call = apiServers.takeHungCall(id: id) else { return }
        deliver(.failed, to: call.caller)
    }

    /// Settling, after the apiservers: a hung call whose apiserver stopped
    /// fails; one whose etcd path works again is answered after the round
    /// trip. In the order they were held.
    mutating func resumeHungCalls() {
        guard !apiServers.hungCalls.isEmpty else { return }
        var index = 0
        while index < apiServers.hungCalls.count {
            let call = apiServers.hungCalls[index]
            // A call on a silent etcd connection waits for it alone
            // (`failCallsOnClosedLink` ends it when it closes).
            if let member = call.silentMember, apiServers.etcdClients[call.host].isSilent(member) {
                index += 1
                continue
            }
            let outcome: HungCallOutcome?
            switch callAPIServer(from: call.host) {
            case .refused: outcome = .failed
            case .answered(let after): outcome = .answered(after: after)
            case .hangs: outcome = nil
            }
            guard let outcome else {
                // Hung again: on whatever connection the new try went out on.
                let member = apiServers.takeLastCallSilentMember()
                apiServers.setSilentMember(member, ofHungCallAt: index)
                index += 1
                continue
            }
            _ = apiServers.takeHungCall(at: index)
            deliver(outcome, to: call.caller)
        }
    }

    mutating func deliver(_ outcome: HungCallOutcome, to caller: HungCall.Caller) {
        switch caller {
        case .lease(let candidate): leaseHungCallEnded(candidate, outcome)
        case .addon(let manager): addonHungCallEnded(manager, outcome)
        case .reconcile(let host): reconcileHungCallEnded(host, outcome)
        }
    }
}
