import SimKernel

/// kubeadm's HA set-up (`AccessSettings.Mode.virtualIP`): keepalived keeps
/// the control-plane endpoint's virtual IP on one master (`VirtualIP`), and
/// the HAProxy on whichever master holds it forwards each new connection to
/// an apiserver (`HAProxySettings`). Connections end on the holder's
/// HAProxy, so they go silent with the holder and are reset once the
/// address answers from another master (its kernel knows no such
/// connection); while the holder lives they outlast a backend marked down,
/// as HAProxy kills no session by default (configuration.txt,
/// `on-marked-down`: "Actions are disabled by default").
extension World {
    var usesVirtualIP: Bool { scenario.topology.access.usesVirtualIP }

    /// Whether keepalived runs on `host`: a provisioned master whose host is
    /// up and not frozen (keepalived runs as an OS service or a static pod
    /// on every control-plane node, ha-considerations.md).
    func keepalivedRuns(_ host: Int) -> Bool {
        hosts[host].role == .master && fleet.provisioned[host] && fleet.up[host] && !fleet.paused(host)
    }

    /// The VRRP priority of a master: the first master in host order is
    /// configured `state MASTER`, the others `state BACKUP`.
    func vrrpPriority(_ host: Int) -> Int {
        let first = hosts.first { $0.role == .master }?.id
        return scenario.topology.access.virtualIP.priority(rank: host == first ? 0 : 1)
    }

    /// The master that wins an election among those whose keepalived runs
    /// (`VirtualIPSettings.winner`).
    func vrrpWinner() -> Int? {
        scenario.topology.access.virtualIP.winner(among: hosts.indices.filter(keepalivedRuns), firstMaster: hosts.first { $0.role == .master }?.id)
    }

    /// Hosts came, went, froze or thawed, or masters were added or removed:
    /// the address follows. The holder's adverts stop with it, and the
    /// backups take over after their master-down interval; a master of
    /// higher priority whose keepalived starts takes the address at once
    /// (preemption, keepalived's default); the last holder back before the
    /// takeover keeps it.
    mutating func followVirtualIP() {
        guard usesVirtualIP else { return }
        let settings = scenario.topology.access.virtualIP
        if let holder = access.virtualIP.holder {
            if !keepalivedRuns(holder) {
                let masterDown = settings.masterDownInterval(priority: vrrpWinner().map(vrrpPriority) ?? settings.backupPriority)
                let lostAt = now
                let due = access.changeVirtualIP { $0.holderLost(at: lostAt, masterDown: masterDown) }
                queue.schedule(.access(.virtualIPTakeover), at: due)
                recordVirtualIP(lost: true, detail: "\(hosts[holder].name): adverts stopped")
            } else if let best = vrrpWinner(), vrrpPriority(best) > vrrpPriority(holder) {
                moveVirtualIP(to: best, why: "preempts \(hosts[holder].name)")
            }
            return
        }
        if let last = access.virtualIP.lastHolder, access.virtualIP.takeoverDue != nil, keepalivedRuns(last), vrrpWinner() == last {
            return moveVirtualIP(to: last, why: "adverts resumed")
        }
        guard access.virtualIP.takeoverDue == nil, let best = vrrpWinner() else { return }
        if vrrpPriority(best) == settings.masterPriority {
            moveVirtualIP(to: best, why: "state MASTER started")
        } else {
            let takeover = now + settings.masterDownInterval(priority: vrrpPriority(best))
            let due = access.changeVirtualIP { $0.waitForTakeover(at: takeover) }
            queue.schedule(.access(.virtualIPTakeover), at: due)
        }
    }

    /// A backup's master-down timer ran out: the best master whose
    /// keepalived runs takes the address and sends gratuitous ARP.
    mutating func virtualIPTakeover() {
        guard access.virtualIP.takeoverDue == now else { return }
        guard let best = vrrpWinner() else {
            access.changeVirtualIP { $0.noCandidate() }
            return recording.set(access.virtualIPLane, "no holder", at: now)
        }
        moveVirtualIP(to: best, why: "master-down timer expired")
    }

    mutating func moveVirtualIP(to host: Int, why: String) {
        access.changeVirtualIP { $0.move(to: host) }
        recordVirtualIP(lost: false, detail: "\(hosts[host].name): \(why)")
    }

    /// The address was lost (its holder's adverts stopped) or moved: an
    /// event, the lane, and what follows the external IP.
    mutating func recordVirtualIP(lost: Bool, detail: String) {
        let holder = access.virtualIP.holder
        recording.set(access.virtualIPLane, holder.map { "on \(hosts[$0].name)" } ?? "takeover pending", at: now)
        record(entity: "virtual-ip", kind: lost ? .virtualIPLost : .virtualIPMoved, detail: detail)
        announce(.externalIP)
    }

    /// Where the cluster's endpoint leads now: the external IP's route, or
    /// with a virtual IP the holder's HAProxy and its pool (every
    /// provisioned master: the kubeadm example lists every master in
    /// haproxy.cfg), nowhere while no master holds the address.
    func endpointRoute() -> ExternalEndpoint.Route {
        // The NLB's targets are the provisioned masters (World+NetworkLoadBalancer).
        if usesNetworkLoadBalancer { return provisionedMasters.isEmpty ? .nowhere : .loadBalancer(backends: provisionedMasters) }
        guard usesVirtualIP else { return access.endpoint.route(at: now) }
        return access.virtualIP.holder == nil ? .nowhere : .loadBalancer(backends: provisionedMasters)
    }

    /// Whether packets sent over `connection`, dialled through the virtual
    /// IP, still reach the HAProxy session they belong to: the address is on
    /// the same master, and `client` reaches it.
    func virtualIPPathHolds(_ connection: ClientConnection, from client: Int) -> Bool {
        guard let via = connection.viaHolder else { return true }
        return access.virtualIP.holder == via && network.connected(client, via)
    }

    /// Whether the address moved under `connection` to another master that
    /// answers: that master's kernel resets the unknown connection.
    func virtualIPMoved(under connection: ClientConnection) -> Bool {
        guard let via = connection.viaHolder, let holder = access.virtualIP.holder else { return false }
        return holder != via
    }

    /// How long a connection whose backend went silent stays open: until
    /// client-go's HTTP/2 health check closes it (`silence`), or earlier
    /// when the holder's HAProxy, alive, closes the session after `timeout
    /// server` without a byte from the backend.
    func silenceLimit(_ connection: ClientConnection, health silence: SimDuration) -> SimDuration {
        guard let via = connection.viaHolder, keepalivedRuns(via) else { return silence }
        return min(silence, scenario.topology.access.haproxy.timeoutServer)
    }

    /// The holder's HAProxy connects a new client connection: round robin
    /// over the servers its checks find up; a refused connection is retried
    /// and a silent one given up after `timeout connect`, the last retry
    /// going to the next server (`option redispatch`), a retry on the same
    /// server after the turn-around min(`timeout connect`, 1 s)
    /// (configuration.txt, `retries`). Nil when no master holds the address,
    /// the client cannot reach it, no server is up, or every attempt fails.
    mutating func haproxyConnects(from client: Int) -> Dialled? {
        guard let holder = access.virtualIP.holder, network.connected(client, holder) else { return nil }
        let settings = scenario.topology.access.haproxy
        let up = provisionedMasters.filter { access.backends[$0].isHealthy }
        guard !up.isEmpty else { return nil }
        var server = access.nextRoundRobin(holder: holder, over: up)
        var after = SimDuration.zero
        for attempt in 0...settings.retries {
            if acceptsConnections(server, from: holder) { return Dialled(host: server, after: after) }
            let silent = !(fleet.up[server] && !fleet.paused(server) && network.connected(holder, server))
            if silent { after = after + settings.timeoutConnect }
            guard attempt < settings.retries else { break }
            let next = settings.redispatch && attempt == settings.retries - 1 ? access.nextRoundRobin(holder: holder, over: up) : server
            if next == server { after = after + min(settings.timeoutConnect, .seconds(1)) }
            server = next
        }
        return nil
    }
}
