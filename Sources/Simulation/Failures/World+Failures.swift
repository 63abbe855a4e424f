import SimKernel

/// The Failures subsystem: the scenario's failure processes (`failures:`),
/// one alternating renewal process per target, driven through the same
/// holds as scheduled faults (`World.changeHold`), so that every effect and
/// metric of a host crash, zone outage, etcd crash, apiserver crash or load
/// balancer outage follows. A scenario without `failures:` creates no stream
/// and schedules nothing here.
extension World {
    mutating func handle(_ event: FailureEvent) {
        switch event {
        case .fails(let index): targetFails(index)
        case .repaired(let index): targetRepaired(index)
        }
    }

    /// Every target of every process, in process order, then in the order
    /// the topology lists them (hosts by id, zones in topology order): a
    /// fixed order, so the trace depends on nothing else.
    static func failingTargets(_ scenario: Scenario, random: inout RandomStreams) -> [FailingTarget] {
        let topology = scenario.topology
        let hosts = topology.hosts
        var result: [FailingTarget] = []
        for (index, process) in scenario.failures.enumerated() {
            for (kind, resolved, host) in targets(of: process.target, in: topology, hosts: hosts) {
                let label = "failures/\(index)/\(targetName(resolved, hosts: hosts, zones: topology.zones))"
                result.append(FailingTarget(process: index, kind: kind, resolved: resolved, host: host,
                                            upStream: random.stream(label + "/up"), downStream: random.stream(label + "/down")))
            }
        }
        return result
    }

    /// What each target of a class is: the fault its failures are (as a
    /// scheduled fault would name it, and resolved), and its host if the
    /// host's absence makes a failure moot.
    static func targets(of target: FailureTarget, in topology: Topology, hosts: [Host]) -> [(FaultKind, ResolvedFault, host: Int?)] {
        func crash(_ host: Host) -> (FaultKind, ResolvedFault, host: Int?) { (.hostCrash(.host(host.id)), .hostCrash(host.id), host.id) }
        func outage(_ zone: Int) -> (FaultKind, ResolvedFault, host: Int?) { (.zoneOutage(.zone(zone)), .zone(zone), nil) }
        switch target {
        case .everyMaster: return hosts.filter { $0.role == .master }.map(crash)
        case .everyWorker: return hosts.filter { $0.role == .worker }.map(crash)
        case .host(let id): return [crash(hosts[id])]
        case .everyEtcdMember: return topology.etcdHosts.map { (.etcdCrash(.host($0.id)), .etcdCrash($0.id), $0.id) }
        case .everyAPIServer:
            return hosts.filter { $0.role == .master }.map { (.componentCrash(.apiserver, .host($0.id)), .componentCrash(.apiserver, host: $0.id), $0.id) }
        case .everyZone: return topology.zones.indices.map(outage)
        case .zone(let zone): return [outage(zone)]
        case .loadBalancer: return [(.loadBalancerOutage, .loadBalancerOutage, nil)]
        }
    }

    /// Each target's first failure, drawn from its own stream.
    mutating func scheduleFailures() {
        for index in failures.targets.indices { scheduleNextFailure(index) }
    }

    mutating func scheduleNextFailure(_ index: Int) {
        let target = failures.targets[index]
        let upTime = scenario.failures[target.process].timeToFailure.sample(&random[target.upStream])
        queue.schedule(.failures(.fails(target: index)), after: upTime)
    }

    mutating func targetFails(_ index: Int) {
        let target = failures.targets[index]
        // A master an operation has not added yet (or has removed) cannot
        // fail; its process still goes through the down time, so that its
        // draws do not depend on the operations.
        if target.host.map({ fleet.provisioned[$0] }) ?? true {
            failures.fail(index, at: now)
            record(entity: Self.targetName(target.resolved, hosts: hosts, zones: scenario.topology.zones), kind: .faultStart, detail: failureDetail(target))
            changeHold(target.resolved, delta: +1)
        }
        let downTime = scenario.failures[target.process].timeToRepair.sample(&random[target.downStream])
        queue.schedule(.failures(.repaired(target: index)), after: downTime)
    }

    mutating func targetRepaired(_ index: Int) {
        let target = failures.targets[index]
        if failures.repair(index, at: now) {
            record(entity: Self.targetName(target.resolved, hosts: hosts, zones: scenario.topology.zones), kind: .faultEnd, detail: failureDetail(target))
            changeHold(target.resolved, delta: -1)
        }
        scheduleNextFailure(index)
    }

    /// The event detail: the fault's kind and the entry it comes from, so
    /// that a report pairs a failure's start with its own end.
    func failureDetail(_ target: FailingTarget) -> String {
        "\(describe(target.kind)) (failures[\(target.process)])"
    }
}
