import SimKernel

/// A virtual IP on one master (`AccessSettings.Mode.virtualIP`): keepalived
/// (kubeadm's HA set-up) or kube-vip keeps the control-plane endpoint's
/// address on one master (`VirtualIP`), and the HAProxy on whichever master
/// holds it forwards each new connection to an apiserver
/// (`HAProxySettings`), or, with kube-vip's ARP mode, the holder's own
/// apiserver answers. Connections end on the holder, so they go silent with
/// it and are reset once the address answers from another master (its
/// kernel knows no such connection); while the holder lives they outlast a
/// backend marked down, as HAProxy kills no session by default
/// (configuration.txt, `on-marked-down`: "Actions are disabled by default").
extension World {
    var usesVirtualIP: Bool { scenario.topology.access.usesVirtualIP }

    /// Whether keepalived runs on `host`: a provisioned master whose host is
    /// up and not frozen (keepalived runs as an OS service or a static pod
    /// on every control-plane node, ha-considerations.md).
    func keepalivedRuns(_ host: Int) -> Bool {
        masterHostRuns(host) && access.keepalivedCrashHolds[host] == 0
    }

    /// Whether HAProxy runs on `host`: a master whose host runs (as
    /// keepalived, an OS service or a static pod) and no crash fault holds it.
    func haproxyRuns(_ host: Int) -> Bool { masterHostRuns(host) && access.haproxyCrashHolds[host] == 0 }

    func masterHostRuns(_ host: Int) -> Bool {
        hosts[host].role == .master && fleet.provisioned[host] && fleet.up[host] && !fleet.paused(host)
    }

    /// `host`'s keepalived is stopped gracefully (a `stop`, a `reboot`, a
    /// graceful removal): as it exits, a holder resigns with a priority-0
    /// advert, and the backups take over after their skew time.
    mutating func resignVirtualIP(_ host: Int) {
        access.changeCrash(haproxy: false, host: host, by: +1)
        followVirtualIP(resigned: host)
    }

    /// A crash fault on `host`'s keepalived or HAProxy starts (+1) or ends (-1).
    mutating func changeVirtualIPProcessCrash(haproxy: Bool, host: Int, delta: Int) {
        access.changeCrash(haproxy: haproxy, host: host, by: delta)
        followVirtualIP()
    }

    /// The VRRP priority a master advertises: the first master in host
    /// order is configured `state MASTER`, the others `state BACKUP`, and a
    /// failed `vrrp_script` adds its weight (keepalived.conf(5): the
    /// priority stays within 1 to 254).
    func vrrpPriority(_ host: Int) -> Int {
        let settings = scenario.topology.access.virtualIP
        let first = hosts.first { $0.role == .master }?.id
        let configured = settings.priority(rank: host == first ? 0 : 1)
        guard let script = settings.script, access.vrrpScripts[host].failed else { return configured }
        return min(254, max(1, configured + script.weight))
    }

    /// The master that wins an election among those whose keepalived runs,
    /// by the priorities they advertise (`VirtualIPSettings.winner`).
    func vrrpWinner() -> Int? {
        VirtualIPSettings.winner(among: hosts.indices.filter(keepalivedRuns), priority: vrrpPriority)
    }

    /// Hosts came, went, froze or thawed, masters were added or removed, a
    /// keepalived crashed or a `vrrp_script` changed: the address follows.
    /// The holder's adverts stop with it, and the backups take over after
    /// their master-down interval; a master configured `state MASTER` whose
    /// keepalived starts takes the address at once (preemption,
    /// keepalived's default); a running backup that now outranks the
    /// holder (the holder's script failed, or its own recovered) discards
    /// the holder's adverts and takes over when its master-down timer runs
    /// out (RFC 5798 §6.4.2); the last holder back before the takeover
    /// keeps it. `resigned` is a host whose keepalived is stopping
    /// gracefully right now (`resignVirtualIP`).
    mutating func followVirtualIP(resigned resigning: Int? = nil) {
        guard scenario.topology.access.electsVirtualIPByVRRP else { return }
        let settings = scenario.topology.access.virtualIP
        let started = access.noteKeepalivedRunning(hosts.indices.map(keepalivedRuns))
        if let holder = access.virtualIP.holder {
            if !keepalivedRuns(holder) {
                let priority = vrrpWinner().map(vrrpPriority) ?? settings.backupPriority
                // A holder that resigned sent priority 0 on its way out
                // (keepalived vrrp.c `vrrp_restore_interface` sends
                // VRRP_PRIO_STOP): a backup that hears it sets its
                // master-down timer to its skew time (RFC 5798 §6.4.2).
                let resigned = resigning == holder
                let masterDown = resigned ? settings.skewTime(priority: priority) : settings.masterDownInterval(priority: priority)
                let lostAt = now
                let due = access.changeVirtualIP { $0.holderLost(at: lostAt, masterDown: masterDown) }
                queue.schedule(.access(.virtualIPTakeover), at: due)
                recordVirtualIP(lost: true, detail: "\(hosts[holder].name): \(resigned ? "keepalived stopped, priority 0 sent" : "adverts stopped")")
            } else if let best = vrrpWinner(), vrrpPriority(best) > vrrpPriority(holder) {
                if started[best] && vrrpPriority(best) == settings.masterPriority {
                    return moveVirtualIP(to: best, why: "preempts \(hosts[holder].name)")
                }
                guard access.virtualIP.takeoverDue == nil else { return }
                let due = now + settings.masterDownInterval(priority: vrrpPriority(best))
                queue.schedule(.access(.virtualIPTakeover), at: access.changeVirtualIP { $0.waitForTakeover(at: due) })
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
        if let holder = access.virtualIP.holder, vrrpPriority(holder) >= vrrpPriority(best) {
            return access.changeVirtualIP { $0.cancelTakeover() }
        }
        let outranked = access.virtualIP.holder.map { ", outranks \(hosts[$0].name)" } ?? ""
        moveVirtualIP(to: best, why: "master-down timer expired\(outranked)")
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

    /// kube-vip (`VirtualIPElector.kubeVip`): the address is on the master
    /// whose kube-vip leads `plndr-cp-lock`. OnStartedLeading binds it and
    /// sends gratuitous ARP; OnStoppedLeading removes it
    /// (pkg/cluster/clusterLeaderElection.go). Two instances that both
    /// believe they lead (one cut off or frozen) both announce it; the
    /// record's holder, whose announcements are the newest, is taken to win.
    mutating func followKubeVipLease() {
        guard scenario.topology.access.electsVirtualIPByLease else { return }
        let leader = leaseHolderHost(.kubeVip)
        let previous = access.virtualIP.holder
        guard leader != previous else { return }
        if let leader { return moveVirtualIP(to: leader, why: "kube-vip leads plndr-cp-lock") }
        let onLiveHost = previous.map(masterHostRuns) ?? false
        access.changeVirtualIP { $0.release(onLiveHost: onLiveHost) }
        let why = onLiveHost ? "kube-vip stopped leading, address removed" : "host gone"
        recordVirtualIP(lost: true, detail: "\(previous.map { hosts[$0].name } ?? "none"): \(why)")
    }

    /// The established cluster's kube-vip leader holds the address from the start.
    mutating func establishKubeVipHolder(_ host: Int) {
        access.changeVirtualIP { $0.move(to: host) }
        recording.set(access.virtualIPLane, "on \(hosts[host].name)", at: .start)
    }

    /// Where the cluster's endpoint leads now: the external IP's route, or
    /// with a virtual IP the holder's HAProxy and its pool (every
    /// provisioned master: the kubeadm example lists every master in
    /// haproxy.cfg) or the holder's own apiserver, nowhere while no master
    /// holds the address.
    func endpointRoute() -> ExternalEndpoint.Route {
        // The NLB's targets are the provisioned masters (World+NetworkLoadBalancer).
        if usesNetworkLoadBalancer { return provisionedMasters.isEmpty ? .nowhere : .loadBalancer(backends: provisionedMasters) }
        // The router's routes: the masters whose BGP sessions are up (World+BGP).
        if usesBGP { return bgpRoutedMasters.isEmpty ? .nowhere : .loadBalancer(backends: bgpRoutedMasters) }
        guard usesVirtualIP else { return access.endpoint.route(at: now) }
        guard let holder = access.virtualIP.holder else { return .nowhere }
        return scenario.topology.access.forwardsThroughHAProxy ? .loadBalancer(backends: provisionedMasters) : .host(holder)
    }

    /// Whether packets sent over `connection`, dialled through the virtual
    /// IP, still reach the HAProxy session they belong to: the address is on
    /// the same master, and `client` reaches it.
    func virtualIPPathHolds(_ connection: ClientConnection, from client: Int) -> Bool {
        guard let via = connection.viaHolder else { return true }
        let listens = !scenario.topology.access.forwardsThroughHAProxy || haproxyRuns(via)
        return access.virtualIP.holder == via && listens && network.connected(client, via)
    }

    /// Why `connection`, dialled through the virtual IP, is reset now, if
    /// it is: the address moved to another master that answers, whose
    /// kernel knows no such connection, or the HAProxy the session ran
    /// through died on a live holder, whose kernel closed its sockets.
    func virtualIPReset(of connection: ClientConnection) -> String? {
        if let reset = bgpReset(of: connection) { return reset }
        guard let via = connection.viaHolder else { return nil }
        if let holder = access.virtualIP.holder, holder != via { return "virtual IP moved" }
        if scenario.topology.access.forwardsThroughHAProxy, masterHostRuns(via), !haproxyRuns(via) { return "HAProxy died" }
        return nil
    }

    /// How long a connection whose backend went silent stays open: until
    /// client-go's HTTP/2 health check closes it (`silence`), or earlier
    /// when the holder's HAProxy, alive, closes the session after `timeout
    /// server` without a byte from the backend.
    func silenceLimit(_ connection: ClientConnection, health silence: SimDuration) -> SimDuration {
        guard let via = connection.viaHolder, scenario.topology.access.forwardsThroughHAProxy, haproxyRuns(via) else { return silence }
        return min(silence, scenario.topology.access.haproxy.timeoutServer)
    }

    /// A new client connection to the virtual IP: through the holder's
    /// HAProxy, or to the holder's own apiserver. Nil when no master holds
    /// the address, the client cannot reach it, or nothing accepts.
    mutating func virtualIPConnects(from client: Int) -> Dialled? {
        guard scenario.topology.access.forwardsThroughHAProxy else {
            guard let holder = access.virtualIP.holder, acceptsConnections(holder, from: client) else { return nil }
            return Dialled(host: holder)
        }
        return haproxyConnects(from: client)
    }

    /// The holder's HAProxy connects a new client connection: round robin
    /// over the servers its checks find up; a refused connection is retried
    /// and a silent one given up after `timeout connect`, the last retry
    /// going to the next server (`option redispatch`), a retry on the same
    /// server after the turn-around min(`timeout connect`, 1 s)
    /// (configuration.txt, `retries`). Nil when no master holds the address,
    /// the client cannot reach it, its HAProxy is down (the holder's kernel
    /// refuses), no server is up, or every attempt fails.
    mutating func haproxyConnects(from client: Int) -> Dialled? {
        guard let holder = access.virtualIP.holder, network.connected(client, holder), haproxyRuns(holder) else { return nil }
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
