import SimKernel

/// The apiservers' etcd clients with external etcd (`EtcdClient`): which
/// member each connection reaches, the silence of a member that died
/// without a reset, the close that ends it (keepalive or TCP_USER_TIMEOUT),
/// and the requests caught on it. With stacked etcd an apiserver talks only
/// to the member on its own host (kubeadm's stacked topology), which dies
/// with it or resets its connection, so nothing here applies.
extension World {
    var usesExternalEtcd: Bool { scenario.topology.externalEtcdPerZone != nil }

    /// gRPC's keepalive closes a silent connection that sends nothing this
    /// long after its last frame: the ping after `etcdKeepaliveTime`, then
    /// `etcdKeepaliveTimeout` for its answer.
    var etcdKeepaliveSilence: SimDuration {
        scenario.topology.apiServerEtcdKeepaliveTime + scenario.topology.apiServerEtcdKeepaliveTimeout
    }

    /// Whether etcd member `member` answers on a connection from `host`:
    /// its process runs on a host not frozen, reachable both ways.
    func etcdMemberAnswers(_ member: Int, from host: Int) -> Bool {
        active(member) && network.connected(host, etcd.members[member].host)
    }

    /// Whether a packet from `host` reaches the member's host and its
    /// kernel, which answers for a process that is not running with a reset.
    func etcdMemberHostAnswers(_ member: Int, from host: Int) -> Bool {
        let memberHost = etcd.members[member].host
        return fleet.up[memberHost] && !fleet.paused(memberHost) && network.connected(host, memberHost)
    }

    /// Brings every apiserver's connections in line with the members, in
    /// host then member order: in `settle()`, before the apiservers' etcd
    /// paths are judged.
    mutating func refreshEtcdClients() {
        guard usesExternalEtcd else { return }
        for host in apiServers.etcdClients.indices {
            guard apiServerUp(host) else {
                apiServers[etcdClient: host].closeAll()
                continue
            }
            for member in etcd.members.indices { refreshEtcdLink(host, member) }
        }
    }

    mutating func refreshEtcdLink(_ host: Int, _ member: Int) {
        let memberHost = etcd.members[member].host
        let answers = etcdMemberAnswers(member, from: host)
        let entity = "etcd-client/\(hosts[host].name)"
        switch apiServers.etcdClients[host].links[member] {
        case .connected:
            guard !answers else { return }
            if etcdMemberHostAnswers(member, from: host) {
                // The process stopped or crashed on a live host: its kernel resets the connection.
                apiServers[etcdClient: host].close(member)
                record(entity: entity, kind: .connectionReset, detail: hosts[memberHost].name)
                return
            }
            // The life of the member's host that held the connection: the
            // one that just ended if the host went down.
            let life = fleet.up[memberHost] ? fleet.incarnation[memberHost] : fleet.incarnation[memberHost] - 1
            guard let generation = apiServers[etcdClient: host].goSilent(member, incarnation: life, at: now, idleClose: etcdKeepaliveSilence)
            else { return }
            record(entity: entity, kind: .etcdConnectionSilent, detail: hosts[memberHost].name)
            queue.schedule(.apiServers(.etcdKeepaliveExpires(host: host, member: member, generation: generation)), after: etcdKeepaliveSilence)
        case .silent(_, let life, _, _):
            guard etcdMemberHostAnswers(member, from: host) else { return }
            if fleet.incarnation[memberHost] != life || !etcd.members[member].running {
                // A host that rebooted, or a process that stopped meanwhile,
                // answers the old connection's next packet with a reset.
                apiServers.closeSilentLink(host, member, at: now)
                record(entity: entity, kind: .connectionReset, detail: hosts[memberHost].name)
                failCallsOnClosedLink(host, member)
                if answers { apiServers[etcdClient: host].connect(member) }
            } else if answers {
                // Thawed or reachable again: the connection carries on.
                apiServers[etcdClient: host].connect(member)
            }
        case .closed:
            if answers { apiServers[etcdClient: host].connect(member) }
        }
    }

    /// The keepalive's ping went unanswered, or a request stayed
    /// unacknowledged for TCP_USER_TIMEOUT: the connection closes, and the
    /// requests waiting on it fail (clientv3 returns Unavailable; the
    /// apiserver answers its caller with an error).
    mutating func etcdKeepaliveExpires(_ host: Int, member: Int, generation: Int) {
        guard apiServers.etcdClients.indices.contains(host), apiServers.etcdClients[host].isSilent(member),
            apiServers.etcdClients[host].generations[member] == generation
        else { return }
        guard case .silent(_, _, _, let sent) = apiServers.etcdClients[host].links[member] else { return }
        apiServers.closeSilentLink(host, member, at: now)
        let why = sent ? "request unacknowledged for \(scenario.topology.apiServerEtcdKeepaliveTimeout)" : "keepalive ping unanswered"
        record(
            entity: "etcd-client/\(hosts[host].name)", kind: .connectionClosed,
            detail: "\(hosts[etcd.members[member].host].name): \(why)")
        failCallsOnClosedLink(host, member)
        refreshEtcdLink(host, member)
    }

    /// The hung calls and client requests that went out on the connection
    /// from `host` to `member`, which just closed, fail: in the order they
    /// were held, then in request order.
    mutating func failCallsOnClosedLink(_ host: Int, _ member: Int) {
        var index = 0
        while index < apiServers.hungCalls.count {
            let call = apiServers.hungCalls[index]
            guard call.host == host, call.silentMember == member else {
                index += 1
                continue
            }
            _ = apiServers.takeHungCall(at: index)
            deliver(.failed, to: call.caller)
        }
        for id in access.requestsOnSilentEtcdLink(host: host, member: member) {
            if let request = access.apiRequests[id] { heard(request) }
            finishAPIRequest(id, served: false)
        }
    }

    /// The member a request at the apiserver on `host` goes to, when its
    /// connection there is silent: the request then waits for that
    /// connection. nil when it goes to a member that answers (or etcd is
    /// stacked): the etcd path decides as before.
    mutating func pickSilentEtcdMember(_ host: Int) -> Int? {
        guard usesExternalEtcd, apiServers.etcdClients.indices.contains(host),
            let pick = apiServers[etcdClient: host].pick(at: now, userTimeout: scenario.topology.apiServerEtcdKeepaliveTimeout), pick.silent
        else { return nil }
        if let closes = pick.closes {
            queue.schedule(.apiServers(.etcdKeepaliveExpires(host: host, member: pick.member, generation: closes.generation)), at: closes.at)
        }
        return pick.member
    }
}
