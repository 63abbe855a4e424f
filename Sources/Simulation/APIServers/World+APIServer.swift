import SimKernel

/// API servers: one per master, serving through the local etcd member.
extension World {
    mutating func handle(_ event: APIServerEvent) {
        switch event {
        case .readinessCheck(let host, let generation): checkReadiness(host, generation: generation)
        case .etcdRequestTimedOut(let call): etcdRequestTimedOut(call)
        case .shutdownDelayEnds(let host, let generation): apiServerShutdownDelayEnds(host, generation: generation)
        case .drainTimedOut(let host, let generation): apiServerDrainTimedOut(host, generation: generation)
        case .etcdKeepaliveExpires(let host, let member, let generation): etcdKeepaliveExpires(host, member: member, generation: generation)
        }
    }

    /// Whether the apiserver process on `host` runs and can act.
    func apiServerUp(_ host: Int) -> Bool {
        !fleet.paused(host) && apiServers.servers[host].process.shouldRun(hostUp: fleet.up[host])
    }

    /// Whether the apiserver's etcd path commits writes and answers
    /// linearizable reads now. Stacked etcd (kubeadm's stacked topology): the
    /// apiserver talks only to its local member, which must lead with a
    /// quorum or follow that leader over a working link; when the local
    /// member is down the apiserver fails even though quorum exists elsewhere
    /// (FACTS.md, "stacked etcd"). External etcd: the apiserver reaches the
    /// cluster's leader whenever there is one with a quorum and the
    /// apiserver's host can reach the leader's host (its gRPC client fails
    /// over between the members it is given).
    func etcdPathWorks(_ host: Int, leader: Int?) -> Bool {
        guard let leader else { return false }
        guard scenario.topology.externalEtcdPerZone == nil else { return network.connected(host, etcd.members[leader].host) }
        guard let member = etcd.memberOfHost[host], active(member) else { return false }
        return member == leader || (etcd.members[member].node.leader == leader && membersConnected(member, leader))
    }

    /// Whether a request to the apiserver on `host` would be served now.
    func apiServerServes(_ host: Int) -> Bool {
        apiServerUp(host) && etcdPathWorks(host, leader: leaderWithQuorum())
    }

    /// A request from a component on `host` to its local apiserver, sent
    /// now: refused, answered after the apiserver's round trip to the etcd
    /// leader (over the simulated network, zero when the local member
    /// leads), or hung. Decided when it is sent: a path that breaks or
    /// heals during the milliseconds of the round trip is not seen. Reads
    /// and writes cost the same round trip; the leader's ReadIndex
    /// confirmation and the quorum's fsync for a write are not added.
    mutating func callAPIServer(from host: Int) -> APIServerCall {
        // A listener closed by a graceful shutdown refuses new requests.
        apiServers.callWentOut(onSilentMember: nil)
        guard apiServerUp(host), apiServers.servers[host].accepts else { return .refused }
        apiServers.callWentOut(onSilentMember: pickSilentEtcdMember(host))
        if apiServers.lastCallSilentMember != nil { return .hangs }
        guard let leader = leaderWithQuorum(), etcdPathWorks(host, leader: leader),
            let roundTrip = roundTrip(host, etcd.members[leader].host, request: .etcdCall, reply: .etcdReply, on: .etcdClient)
        else { return .hangs }
        return .answered(after: roundTrip)
    }

    /// Re-evaluates every apiserver after a change that can move its etcd
    /// path: its reaction in `World.settle()`. `/readyz` turns false only after
    /// the etcd check has failed for its 2 s timeout, and true again at once.
    mutating func refreshAPIServers() {
        let leader = leaderWithQuorum()
        for host in apiServers.servers.indices {
            let up = apiServerUp(host)
            let works = up && etcdPathWorks(host, leader: leader)
            if !up {
                clearFailing(host)
                setReadiness(host, .down)
            } else if apiServers.servers[host].shutdown != nil {
                // SIGTERM: /readyz fails at once (genericapiserver.go
                // RunWithContext, the ShutdownInitiated signal).
                clearFailing(host)
                setReadiness(host, .notReady)
            } else if works {
                clearFailing(host)
                setReadiness(host, .ready)
            } else if let generation = apiServers[server: host].startFailing(at: now) {
                if apiServers.servers[host].state == .down {
                    setReadiness(host, .notReady)
                } else {
                    queue.schedule(.apiServers(.readinessCheck(host: host, generation: generation)), after: Self.readyzEtcdTimeout)
                }
            }
        }
    }

    /// kube-apiserver's /readyz etcd check times out after 2 s (FACTS.md).
    static let readyzEtcdTimeout = SimDuration.seconds(2)

    mutating func clearFailing(_ host: Int) { apiServers[server: host].clearFailing() }

    mutating func checkReadiness(_ host: Int, generation: Int) {
        guard apiServers.servers[host].generation == generation, apiServers.servers[host].failingSince != nil else { return }
        setReadiness(host, .notReady)
    }

    mutating func setReadiness(_ host: Int, _ state: APIServerState) {
        guard apiServers.setState(host, state, at: now) else { return }
        recording.set(apiServers.entity[host], state.rawValue, at: now)
        announce(.apiServerReadiness)
    }
}
