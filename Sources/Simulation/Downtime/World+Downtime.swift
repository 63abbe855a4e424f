import SimKernel

/// Downtime attribution (docs/FAILURES.md, "Downtime attribution"): after
/// every event, each availability condition that fails is attributed to the
/// faults and failure processes active when its stretch began, and to the
/// mechanism the settled state shows. Reads the World; changes nothing but
/// its recorders, so no trace or metric depends on it.
extension World {
    mutating func recordDowntime() {
        // After almost every event nothing fails and nothing is open: four loads.
        guard downtime.anyOpen || access.externalProbe.outage.holds || recording.conditions[Self.externalIPUnreachableIndex].holds
            || recording.conditions[Self.etcdQuorumLostIndex].holds || recording.conditions[Self.workloadBelowMinAvailableIndex].holds else { return }
        downtime.beginPass()
        for (index, condition) in DowntimeCondition.allCases.enumerated() {
            guard downtimeConditionFails(condition) else {
                downtime.recovered(index, at: now)
                continue
            }
            // No evidence in the state (the probe's last failures were sent
            // before a recovery): the stretch keeps its mechanism.
            let causes = downtime.recorders[index].wantsCause ? activeCauses() : []
            downtime.failing(index, downtimeMechanism(for: condition), causes: causes, at: now)
        }
    }

    /// Read after every event: the trackers' places are looked up once.
    func downtimeConditionFails(_ condition: DowntimeCondition) -> Bool {
        switch condition {
        case .apiExternal: return access.externalProbe.outage.holds
        case .externalIP: return recording.conditions[Self.externalIPUnreachableIndex].holds
        case .etcdQuorum: return recording.conditions[Self.etcdQuorumLostIndex].holds
        case .workloads: return recording.conditions[Self.workloadBelowMinAvailableIndex].holds
        }
    }

    static let externalIPUnreachableIndex = ClusterCondition.allCases.firstIndex(of: .externalIPUnreachable)!
    static let etcdQuorumLostIndex = ClusterCondition.allCases.firstIndex(of: .etcdQuorumLost)!
    static let workloadBelowMinAvailableIndex = ClusterCondition.allCases.firstIndex(of: .workloadBelowMinAvailable)!

    /// The faults and failure processes in force now, with the kind and
    /// target their `faultStart` events name, scheduled faults first, each
    /// in scenario order.
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
        return causes
    }

    /// The mechanism by which `condition` fails now; nil when the state shows
    /// nothing wrong on the outside client's path. etcd comes first for
    /// every condition: without a leader with quorum nothing is written.
    func downtimeMechanism(for condition: DowntimeCondition) -> DowntimeMechanism? {
        if leaderWithQuorum() == nil { return etcdMechanism() }
        switch condition {
        case .etcdQuorum: return etcdMechanism()
        case .apiExternal: return accessMechanism(probe: true)
        case .externalIP: return accessMechanism(probe: false)
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

    /// Why outside requests fail with etcd serving: the load balancer
    /// forwards nothing or the IP leads nowhere, the client is pinned to a
    /// silent host (the probe only), a load balancer change propagates, the
    /// apiserver the client is connected to does not serve, the load balancer
    /// still sends new connections to a backend that does not serve (its
    /// health check has not caught up, or there is none), or no apiserver
    /// within reach serves. For the probe, nil when its connection's
    /// apiserver serves: its outage lasts until the next request is served.
    func accessMechanism(probe: Bool) -> DowntimeMechanism? {
        let settings = scenario.topology.access
        let throughIP: Bool
        if case .dns = settings.mode { throughIP = false } else { throughIP = !probe || dialsExternalIP(inCluster: false) }
        let outside = network.outside
        var backends: [Int] = []
        var pool = false
        if throughIP {
            switch access.endpoint.route(at: now) {
            case .nowhere: return access.propagating.holds ? .loadBalancerPropagation : .loadBalancerBlackout
            case .host(let host): backends = [host]
            case .loadBalancer(let hosts):
                guard access.loadBalancerForwards else { return .loadBalancerBlackout }
                backends = hosts
                pool = true
            }
        }
        // Pinned once a request found the backend silent, and already when
        // the request that fails was in flight to a host that went silent:
        // the next one will find it so.
        if probe, access.externalConnection.backend != nil,
           access.externalConnection.pinnedSince != nil || !answers(access.externalConnection, client: outside) { return .pinnedConnection }
        if access.propagating.holds { return .loadBalancerPropagation }
        if probe, let backend = access.externalConnection.backend {
            return reachableAndServing(backend, from: outside) ? nil : .apiServerNotServing
        }
        let serving = backends.filter { reachableAndServing($0, from: outside) }
        if pool && !serving.isEmpty && backends.contains(where: { access.backends[$0].isHealthy && !serving.contains($0) }) {
            return settings.healthCheck == nil ? .noHealthCheck : .healthCheckDelay
        }
        if probe && !throughIP { return provisionedMasters.contains { reachableAndServing($0, from: outside) } ? nil : .apiServerNotServing }
        return serving.isEmpty ? .apiServerNotServing : (probe ? nil : .unexplained)
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
