import SimKernel

/// Downtime attribution (docs/FAILURES.md, "Downtime attribution"): after
/// every event, each availability condition that fails is attributed to the
/// faults and failure processes active when its stretch began, and to the
/// mechanism the settled state shows. Reads the World; changes nothing but
/// its recorders, so no trace or metric depends on it.
extension World {
    mutating func recordDowntime() {
        guard downtimeMayFail else { return }
        let verdicts = downtimeVerdicts()
        let now = self.now
        downtime.beginPass()
        for (index, verdict) in verdicts.enumerated() {
            switch verdict {
            case .holds: downtime.recovered(index, at: now)
            case .fails(let mechanism, let causes): downtime.failing(index, mechanism, causes: causes, at: now)
            }
        }
    }

    /// After almost every event nothing fails and nothing is open: a few
    /// loads, and a look at each workload's endpoint counts.
    var downtimeMayFail: Bool {
        downtime.anyOpen || access.anyClientFailing || recording.conditions[Self.externalIPUnreachableIndex].holds
            || recording.conditions[Self.etcdQuorumLostIndex].holds || recording.conditions[Self.workloadBelowMinAvailableIndex].holds
            || workers.nodes.kubeletsCutOff > 0 || workers.pods.anyServiceFails
    }

    /// What each recorder is to be told now, conditions in order. Read
    /// apart from the recorders' change: a mutating pass that read the
    /// World between changes made the optimiser copy kilobytes of it after
    /// every event.
    func downtimeVerdicts() -> [DowntimeVerdict] {
        downtime.recorders.indices.map { index in
            let condition = downtime.recorders[index].condition
            guard downtimeConditionFails(condition) else { return .holds }
            // No evidence in the state (the probe's last failures were sent
            // before a recovery): the stretch keeps its mechanism.
            let causes = downtime.recorders[index].wantsCause ? activeCauses() : []
            return .fails(downtimeMechanism(for: condition), causes: causes)
        }
    }

    /// Read after every event: the trackers' places are looked up once.
    /// The lookups below go by index: iterating the elements would copy
    /// each client class or workload, arrays and all, after every event.
    func downtimeConditionFails(_ condition: DowntimeCondition) -> Bool {
        switch condition.kind {
        case .client(let name): return clientClassIndex(name).map { access.clients[$0].probe.outage.holds } ?? false
        case .kubelets: return workers.nodes.kubeletsCutOff > 0
        case .service(let name): return workloadIndex(name).map { workers.pods[$0].serviceFails } ?? false
        case .externalIP: return recording.conditions[Self.externalIPUnreachableIndex].holds
        case .etcdQuorum: return recording.conditions[Self.etcdQuorumLostIndex].holds
        case .workloads: return recording.conditions[Self.workloadBelowMinAvailableIndex].holds
        }
    }

    /// The place of the client class named `name` in `access.clients`.
    func clientClassIndex(_ name: String) -> Int? { access.clients.indices.first { access.clients[$0].settings.name == name } }

    /// The place of the workload named `name` in `workers.pods`.
    func workloadIndex(_ name: String) -> Int? { workers.pods.indices.first { workers.pods[$0].spec.name == name } }

    static let externalIPUnreachableIndex = ClusterCondition.allCases.firstIndex(of: .externalIPUnreachable)!
    static let etcdQuorumLostIndex = ClusterCondition.allCases.firstIndex(of: .etcdQuorumLost)!
    static let workloadBelowMinAvailableIndex = ClusterCondition.allCases.firstIndex(of: .workloadBelowMinAvailable)!

    /// The faults and failure processes in force now, with the kind and
    /// target their `faultStart` events name, scheduled faults first, each
    /// in scenario order; then the master operation in force, if any.
    func activeCauses() -> [DowntimeCause] {
        var causes: [DowntimeCause] = []
        for (index, resolved) in faults.resolved.enumerated() {
            guard let resolved else { continue }
            if case .skipped = resolved { continue }
            causes.append(DowntimeCause(fault: describe(scenario.faults[index].kind), target: targetName(resolved, index: index), origin: .fault(index)))
        }
        for target in failures.targets where target.failedAt != nil {
            let name = Self.targetName(target.resolved, hosts: hosts, zones: scenario.topology.zones)
            causes.append(DowntimeCause(fault: describe(target.kind), target: name, origin: .failureProcess(target.process)))
        }
        if let index = operations.operationInForce(at: now), let cause = operationCause(index) { causes.append(cause) }
        return causes
    }

    /// Operation `index` as a cause: its entry's key and the step, with the
    /// host it acts on (`replaceMasters remove master-a-1`, `upgradeMasters
    /// upgrade master-b-1`, `drainNode drain worker-a-1`, `upgradeWorkers
    /// replace worker-b-2`). nil for an operation built in code, which has
    /// no entry to name.
    func operationCause(_ index: Int) -> DowntimeCause? {
        let operation = scenario.operations[index]
        guard let entry = operation.entry else { return nil }
        let (step, host): (String, Int?)
        switch operation.kind {
        case .add(let added): (step, host) = ("add", added)
        case .remove(let removed): (step, host) = ("remove", removed)
        case .upgrade(let upgrade):
            let master = operations.upgrade?.master ?? upgrade.hosts.count - 1
            (step, host) = ("upgrade", upgrade.hosts.indices.contains(master) ? upgrade.hosts[master] : nil)
        case .drain(let drain): (step, host) = ("drain", drain.host)
        case .upgradeWorkers(let upgrade):
            // The node being replaced, or the last one once the upgrade is done.
            let position = min(workers.upgrades.position, upgrade.old.count - 1)
            (step, host) = ("replace", upgrade.old.indices.contains(position) ? upgrade.old[position] : nil)
        }
        return DowntimeCause(
            fault: "\(entry.kind) \(step)", target: host.map { hosts[$0].name } ?? "",
            origin: entry.maintenance ? .maintenance(entry.index) : .operation(entry.index))
    }

    /// The mechanism by which `condition` fails now; nil when the state shows
    /// nothing wrong on the outside client's path. etcd comes first for
    /// every condition of the API: without a leader with quorum nothing is
    /// written. A Service's callers do not go through the API: their
    /// requests go from kube-proxy's rules to the pods, so what fails them
    /// is on that path whatever etcd does.
    func downtimeMechanism(for condition: DowntimeCondition) -> DowntimeMechanism? {
        if case .service(let name) = condition.kind { return workloadIndex(name).map { serviceMechanism($0) } }
        if leaderWithQuorum() == nil { return etcdMechanism() }
        switch condition.kind {
        case .etcdQuorum: return etcdMechanism()
        case .client(let name): return clientClassIndex(name).flatMap { clientMechanism($0) }
        case .kubelets: return kubeletMechanism()
        case .service: return nil  // returned above
        case .externalIP: return externalIPMechanism()
        case .workloads: return workloadMechanism()
        }
    }

    /// Quorum loss when fewer than a quorum of the voters run, or when no
    /// running voter reaches a quorum of running voters (itself included);
    /// otherwise a quorum could commit and only a leader is missing: an
    /// election (etcd Raft: floor(n/2)+1 voters elect and commit).
    func etcdMechanism() -> DowntimeMechanism {
        let quorum = etcd.voters.count / 2 + 1
        let running = etcd.voters.filter { active($0) }
        guard running.count >= quorum else { return .quorumLoss }
        let connected = running.contains { member in
            running.count { $0 == member || membersConnected(member, $0) } >= quorum
        }
        return connected ? .election : .quorumLoss
    }

    /// Why the external IP reaches no apiserver that serves, with etcd
    /// serving: it leads nowhere (a load balancer change propagating, or a
    /// blackout), a load balancer change propagates, or the load balancer
    /// still counts a backend that does not serve as healthy (its health
    /// check has not caught up, or there is none).
    func externalIPMechanism() -> DowntimeMechanism? {
        // With DNS round robin there is no external IP to lead anywhere.
        if case .dns = scenario.topology.access.mode { return access.propagating.holds ? .loadBalancerPropagation : .apiServerNotServing }
        return pathMechanism(route: externalRoute(), from: network.outside, connectionBased: false) ?? .unexplained
    }

    /// Why requests of client class `index` fail with etcd serving; nil when
    /// the state shows nothing wrong on its path (its outage lasts until its
    /// next request is served). In order: the external IP leads nowhere, a
    /// client's connection is pinned to a silent host (also when the failing
    /// request was in flight to a host that went silent: the next one will
    /// find it so), a load balancer change propagates, the apiserver a
    /// connection is on does not serve, new connections are still sent to a
    /// backend that does not serve (the load balancer's health check has
    /// not caught up or there is none; a DNS record or a `kubernetes`
    /// service endpoint of a dead apiserver), or nothing within reach serves.
    /// When nothing on the client's own path is wrong, an apiserver's etcd
    /// client on a silently dead member (external etcd) is.
    func clientMechanism(_ index: Int) -> DowntimeMechanism? {
        let silentLink = apiServers.anyEtcdLinkSilent || apiServers.silentLinkClosedAt == now
        return clientPathMechanism(index) ?? (silentLink ? .etcdClientOnDeadMember : nil)
    }

    func clientPathMechanism(_ index: Int) -> DowntimeMechanism? {
        let clientClass = access.clients[index]
        let from = clientClass.endpoints[0]
        let route: ClientRoute
        switch clientClass.settings.dials {
        case .localAPIServer:
            return clientClass.endpoints.allSatisfy { reachableAndServing($0, from: $0) } ? nil : .apiServerNotServing
        case .kubernetesService where !access.serviceEndpoints.routesThroughExternalIP:
            route = .records(access.serviceEndpoints.endpoints(at: now))
        case .kubernetesService, .clusterEndpoint:
            route = dialsExternalIP(index) ? externalRoute() : .records(directTargets())
        }
        if case .blackout(let mechanism) = route { return mechanism }
        let connections = clientClass.connections
        if usesVirtualIP, access.virtualIP.holder == nil, connections.contains(where: { $0.viaHolder != nil }) { return virtualIPGone }
        let pinned = connections.filter { $0.backend != nil && ($0.pinnedSince != nil || !answers($0, client: from)) }
        if usesNetworkLoadBalancer, pinned.contains(where: { $0.throughExternalIP && !access.backends[$0.backend!].isHealthy }) {
            return .connectionKeptOnUnhealthyTarget
        }
        if !pinned.isEmpty { return .pinnedConnection }
        if access.propagating.holds { return .loadBalancerPropagation }
        if !connections.isEmpty, connections.allSatisfy({ $0.backend != nil }) {
            return connections.allSatisfy { reachableAndServing($0.backend!, from: from) } ? nil : .apiServerNotServing
        }
        if usesNetworkLoadBalancer, dialsExternalIP(index), nlbReachableZoneWithoutTarget { return .nlbZoneWithoutHealthyTarget }
        return pathMechanism(route: route, from: from, connectionBased: true)
    }

    /// Where a new connection can go: nowhere (and why), a load balancer's
    /// pool, or a set of addresses the client picks from itself (DNS
    /// records, service endpoints, a replica).
    enum ClientRoute {
        case blackout(DowntimeMechanism)
        case pool([Int])
        case records([Int])
    }

    /// Why no master holds the virtual IP: keepalived's backups wait out
    /// the master-down interval or kube-vip's instances wait for the lease
    /// of a dead holder to expire (a failover), or kube-vip's leader gave
    /// the address up on a live master because its renewals through the
    /// control plane failed (its apiserver or etcd's quorum was lost).
    var virtualIPGone: DowntimeMechanism {
        access.virtualIP.lostWithControlPlane ? .virtualIPLostWithControlPlane : .virtualIPFailover
    }

    /// The external IP's route now.
    func externalRoute() -> ClientRoute {
        switch endpointRoute() {
        case .nowhere where usesVirtualIP: return .blackout(virtualIPGone)
        case .loadBalancer where usesVirtualIP && access.virtualIP.holder.map(haproxyRuns) == false:
            return .blackout(.haproxyDownOnHolder)
        // No master's kube-vip holds a session: every master is down or cut off.
        case .nowhere where usesBGP: return .blackout(.apiServerNotServing)
        case .nowhere: return .blackout(access.propagating.holds ? .loadBalancerPropagation : .loadBalancerBlackout)
        case .host(let host): return .records([host])
        case .loadBalancer(let hosts): return access.loadBalancerForwards ? .pool(hosts) : .blackout(.loadBalancerBlackout)
        }
    }

    /// What an outside client dialling the cluster's name without the
    /// external IP reaches: the replica it names, or the DNS records.
    func directTargets() -> [Int] {
        let settings = scenario.topology.access
        if settings.resolvedClientAddress == .replicaInternalIP || settings.resolvedClientAddress == .replicaPublicIP {
            return [settings.clientReplica ?? hosts.first { $0.role == .master }!.id]
        }
        return provisionedMasters
    }

    /// Why new connections over `route` fail: a load balancer change
    /// propagating, a backend still taken for healthy although it does not
    /// serve, an address of a dead apiserver among live ones, or none that
    /// serves; nil when some serves and none is dead (a client's outage then
    /// lasts until its next request).
    func pathMechanism(route: ClientRoute, from client: Int, connectionBased: Bool) -> DowntimeMechanism? {
        if case .blackout(let mechanism) = route { return mechanism }
        if access.propagating.holds { return .loadBalancerPropagation }
        switch route {
        case .blackout: return nil  // returned above
        case .pool(let backends):
            let serving = backends.filter { reachableAndServing($0, from: client) }
            if !serving.isEmpty && backends.contains(where: { access.backends[$0].isHealthy && !serving.contains($0) }) {
                if usesBGP { return .bgpRouteToMasterNotServing }
                return scenario.topology.access.healthCheck == nil ? .noHealthCheck : .healthCheckDelay
            }
            return serving.isEmpty ? .apiServerNotServing : nil
        case .records(let targets):
            let serving = targets.filter { reachableAndServing($0, from: client) }
            if serving.isEmpty { return .apiServerNotServing }
            return serving.count < targets.count && connectionBased ? .newConnectionToDeadBackend : nil
        }
    }

    /// Why a workload is below its minimum with etcd serving: pods the
    /// scheduler found no node for, a controller lease without holder, or
    /// pods still counted on lost nodes until they are evicted.
    func workloadMechanism() -> DowntimeMechanism {
        if workers.pods.contains(where: { $0.unschedulableAt != nil }) { return .noCapacity }
        for lease in [LeaseName.kubeControllerManager, .kubeScheduler] where leases.holderless[lease.index].holds {
            return .leaseTakeover
        }
        return .evictionDelay
    }
}
