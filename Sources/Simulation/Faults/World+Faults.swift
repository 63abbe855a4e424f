import SimKernel

/// What a started fault hit, kept so that its end undoes exactly that even
/// when it was named by a role that has since moved.
enum ResolvedFault {
    case zone(Int)
    case hostCrash(Int)
    case etcdCrash(Int)
    case hostPause(Int)
    /// The partition over the network's endpoints.
    case partition(LinkCut)
    /// The two endpoint sets whose links are degraded.
    case degradation(between: [Bool], and: [Bool])
    case slowDisk(member: Int)
    case componentCrash(ControlPlaneComponent, host: Int)
    case clockStep(host: Int)
    case clockDrift(host: Int)
    /// A leader-election candidate index.
    case grayLeader(candidate: Int)
    case loadBalancerOutage
    /// A graceful stop of the host's control-plane processes, a reboot if
    /// its host then goes down (GracefulStop).
    case hostStop(Int)
    case hostReboot(Int)
    /// The target did not exist when the fault fired (e.g. no etcd leader).
    case skipped
}

extension World {
    mutating func handle(_ event: FaultEvent) {
        switch event {
        case .starts(let index): startFault(index)
        case .ends(let index): endFault(index)
        }
    }

    /// Schedules each fault's start, drawn from its own stream.
    mutating func scheduleFaults() {
        for (index, fault) in scenario.faults.enumerated() {
            let at = fault.at.sample(&random[faults.streams[index]])
            queue.schedule(.faults(.starts(index: index)), at: SimInstant(at))
        }
    }

    mutating func startFault(_ index: Int) {
        let fault = scenario.faults[index]
        let resolved = resolve(fault.kind, index: index)
        faults.start(index, as: resolved)
        if case .skipped = resolved {
            record(entity: "fault/\(index)", kind: .faultSkipped, detail: "\(describe(fault.kind)): no target")
            return
        }
        record(entity: targetName(resolved, index: index), kind: .faultStart, detail: describe(fault.kind))
        let lasting = fault.duration.map { $0.sample(&random[faults.streams[index]]) }
        // A reboot's duration counts from its host going down (GracefulStop).
        if case .hostReboot = resolved { faults.setRebootDowntime(index, lasting) }
        apply(resolved, index: index, delta: +1)
        if let lasting, !resolved.isReboot {
            queue.schedule(.faults(.ends(index: index)), after: lasting)
        }
    }

    mutating func endFault(_ index: Int) {
        guard let resolved = faults.end(index) else { return }
        record(entity: targetName(resolved, index: index), kind: .faultEnd, detail: describe(scenario.faults[index].kind))
        apply(resolved, index: index, delta: -1)
    }

    mutating func apply(_ resolved: ResolvedFault, index: Int, delta: Int) {
        switch resolved {
        case .partition(let cut):
            if delta > 0 { network.addCut(id: index, cut) } else { network.removeCut(id: index) }
        case .degradation(let between, let and):
            if delta > 0, case .degrade(let degradation) = scenario.faults[index].kind {
                network.addDegradation(id: index, degradation, between: between, and: and)
            } else {
                network.removeDegradation(id: index)
            }
        case .slowDisk(let member):
            if delta > 0, case .slowDisk(_, let fsync) = scenario.faults[index].kind {
                etcd[member: member].addSlowDisk(fault: index, fsync: fsync)
            } else {
                etcd[member: member].removeSlowDisk(fault: index)
            }
        case .clockStep(let host):
            if delta > 0, case .clockStep(_, let step) = scenario.faults[index].kind { fleet.stepClock(host, by: step) }
        case .clockDrift(let host):
            if case .clockDrift(_, let ppm) = scenario.faults[index].kind { changeClockDrift(host, fault: index, ppm: ppm, delta: delta) }
        case .hostStop(let host), .hostReboot(let host):
            if delta > 0 {
                startGracefulStop(.fault(index), host: host, reboot: resolved.isReboot, downtime: faults.rebootDowntime[index])
            } else {
                endGracefulStop(.fault(index))
            }
            return
        case .zone, .hostCrash, .etcdCrash, .hostPause, .componentCrash, .grayLeader, .loadBalancerOutage, .skipped:
            changeHold(resolved, delta: delta)
            return
        }
        announce(resolved.changes)
    }

    /// Adds (+1) or removes (-1) a counted hold that needs nothing but its
    /// target: what scheduled faults of these kinds and failure processes
    /// (World+Failures) both do.
    mutating func changeHold(_ resolved: ResolvedFault, delta: Int) {
        switch resolved {
        case .zone(let zone): changeZoneOutage(zone, delta: delta)
        case .hostCrash(let host): changeHostCrash(host, delta: delta)
        case .etcdCrash(let host):
            let member = etcd.memberOfHost[host]!
            etcd[member: member].changeCrashHolds(by: delta)
            refreshMember(member)
        case .hostPause(let host): changeHostPause(host, delta: delta)
        case .componentCrash(let component, let host): changeComponentCrash(component, host: host, delta: delta)
        case .grayLeader(let candidate):
            leases[candidate: candidate].changeGrayHolds(by: delta)
            updateLease(leases.candidates[candidate].lease)
        case .loadBalancerOutage:
            access.changeLoadBalancerOutage(by: delta)
        case .skipped: break
        case .partition, .degradation, .slowDisk, .clockStep, .clockDrift, .hostStop, .hostReboot:
            preconditionFailure("\(resolved) needs its fault's parameters: apply(_:index:delta:)")
        }
        // A worker's crash is the workers' alone (World+Hosts).
        if case .hostCrash(let host) = resolved, !hostConcernsControlPlane(host) {
            announce(.workerHosts)
        } else {
            announce(resolved.changes)
        }
    }

    // MARK: Resolution

    mutating func resolve(_ kind: FaultKind, index: Int) -> ResolvedFault {
        switch kind {
        case .zoneOutage(let target):
            return resolveZone(target, index: index).map { .zone($0) } ?? .skipped
        case .hostCrash(let target):
            return resolveHost(target, index: index).map { .hostCrash($0) } ?? .skipped
        case .etcdCrash(let target):
            guard let host = resolveHost(target, index: index), etcd.memberOfHost[host] != nil else { return .skipped }
            return .etcdCrash(host)
        case .hostPause(let target):
            return resolveHost(target, index: index).map { .hostPause($0) } ?? .skipped
        case .partition(let shape):
            return .partition(cut(shape, index: index))
        case .degrade(let degradation):
            return .degradation(between: endpointSet(degradation.between, index: index), and: endpointSet(degradation.and, index: index))
        case .slowDisk(let target, _):
            guard let host = resolveHost(target, index: index), let member = etcd.memberOfHost[host] else { return .skipped }
            return .slowDisk(member: member)
        case .componentCrash(let component, let target):
            guard let host = resolveHost(target, index: index), host < scenario.topology.masterSlots else { return .skipped }
            return .componentCrash(component, host: host)
        case .clockStep(let target, _):
            return resolveHost(target, index: index).map { .clockStep(host: $0) } ?? .skipped
        case .clockDrift(let target, _):
            return resolveHost(target, index: index).map { .clockDrift(host: $0) } ?? .skipped
        case .grayLeader(let lease):
            return leaseHolderHost(lease).map { .grayLeader(candidate: candidateIndex(lease, host: $0)) } ?? .skipped
        case .loadBalancerOutage:
            return .loadBalancerOutage
        case .hostStop(let target):
            return resolveHost(target, index: index).map { .hostStop($0) } ?? .skipped
        case .hostReboot(let target):
            return resolveHost(target, index: index).map { .hostReboot($0) } ?? .skipped
        }
    }

    /// A crash fault on one control-plane process of a master.
    mutating func changeComponentCrash(_ component: ControlPlaneComponent, host: Int, delta: Int) {
        switch component {
        case .apiserver: apiServers[server: host].changeCrashHolds(by: delta)
        case .addonManager:
            addons[manager: host].changeCrashHolds(by: delta)
            refreshAddonManager(host)
        case .kubeVip where usesBGP:
            changeBGPSpeakerCrash(host: host, delta: delta)
        case .kubeControllerManager, .kubeScheduler, .clusterAutoscaler, .kubeVip:
            // kube-vip runs only in a kube-vip set-up; elsewhere there is nothing to crash.
            guard let lease = component.lease, hasCandidates(lease) else { return }
            let candidate = candidateIndex(lease, host: host)
            leases[candidate: candidate].changeCrashHolds(by: delta)
            refreshCandidate(candidate)
        case .keepalived, .haproxy:
            changeVirtualIPProcessCrash(haproxy: component == .haproxy, host: host, delta: delta)
        }
    }

    mutating func resolveHost(_ target: HostTarget, index: Int?) -> Int? {
        switch target {
        case .host(let host): return host
        case .etcdLeader: return currentLeader().map { etcd.members[$0].host }
        case .randomMaster:
            // Static settings (index nil) cannot name roles; the parser refuses them.
            guard let index else { return nil }
            let masters = hosts.filter { $0.role == .master }
            return masters[Int(random[faults.streams[index]].nextInt(below: UInt64(masters.count)))].id
        case .leaseHolder(let lease): return leaseHolderHost(lease)
        }
    }

    mutating func resolveZone(_ target: ZoneTarget, index: Int?) -> Int? {
        switch target {
        case .zone(let zone): return zone
        case .zoneOf(let host): return resolveHost(host, index: index).map { hosts[$0].zone }
        }
    }

    /// The leader with a quorum; failing that, the running leader of the highest term.
    func currentLeader() -> Int? {
        if let leader = leaderWithQuorum() { return leader }
        return etcd.members.indices.filter { etcd.members[$0].running && etcd.members[$0].node.role == .leader }
            .max { etcd.members[$0].node.term < etcd.members[$1].node.term }
    }

    /// Which network endpoints a host set covers, resolved now: every host
    /// of a named zone, workers included; never `outside`.
    mutating func endpointSet(_ set: HostSet, index: Int?) -> [Bool] {
        var result = Array(repeating: false, count: network.count)
        switch set {
        case .host(let target):
            if let host = resolveHost(target, index: index) { result[host] = true }
        case .zone(let target):
            if let zone = resolveZone(target, index: index) {
                for host in hosts where host.zone == zone { result[host.id] = true }
            }
        case .union(let sets):
            for part in sets {
                for (endpoint, covered) in endpointSet(part, index: index).enumerated() where covered { result[endpoint] = true }
            }
        }
        return result
    }

    /// The partition a shape makes, resolved now. `isolate` cuts the set off
    /// from everything else, the outside included; `bridge` and `ring` are
    /// shapes of the etcd cluster and leave other hosts connected to all.
    mutating func cut(_ shape: PartitionShape, index: Int) -> LinkCut {
        switch shape {
        case .isolate(let set):
            return LinkCut(kind: .sides(endpointSet(set, index: index).map { $0 ? 1 : 0 }))
        case .groups(let sets):
            var group = Array(repeating: -1, count: network.count)
            for (number, set) in sets.enumerated() {
                for (endpoint, covered) in endpointSet(set, index: index).enumerated() where covered && group[endpoint] < 0 {
                    group[endpoint] = number
                }
            }
            return LinkCut(kind: .sides(group))
        case .oneWay(let from, let to):
            return LinkCut(kind: .oneWay(senders: endpointSet(from, index: index), receivers: endpointSet(to, index: index)))
        case .bridge(let target):
            let bridge = resolveHost(target, index: index)
            let others = etcd.members.map(\.host).filter { $0 != bridge }
            var side = Array(repeating: -1, count: network.count)
            for (position, host) in others.enumerated() { side[host] = position < others.count / 2 ? 0 : 1 }
            return LinkCut(kind: .sides(side))
        case .ring:
            // Each member reaches k neighbours on either side, the least k with
            // 1 + 2k >= quorum, i.e. k = ceil((quorum - 1) / 2) = quorum / 2.
            var position = Array(repeating: -1, count: network.count)
            for (member, etcdMember) in etcd.members.enumerated() { position[etcdMember.host] = member }
            return LinkCut(kind: .ring(position: position, size: etcd.members.count, reach: (etcd.members.count / 2 + 1) / 2))
        }
    }

    func targetName(_ resolved: ResolvedFault, index: Int) -> String {
        switch resolved {
        case .slowDisk(let member): return "etcd/\(hosts[etcd.members[member].host].name)"
        case .grayLeader(let candidate): return "\(leases.candidates[candidate].lease.rawValue)/\(hosts[leases.candidates[candidate].host].name)"
        default: return Self.targetName(resolved, hosts: hosts, zones: scenario.topology.zones)
        }
    }

    /// The name of what a fault hit, for the kinds whose target is a host,
    /// a zone or the network: known before the World exists, so failure
    /// processes name their random streams with it.
    static func targetName(_ resolved: ResolvedFault, hosts: [Host], zones: [String]) -> String {
        switch resolved {
        case .zone(let zone): return "zone/\(zones[zone])"
        case .hostCrash(let host), .hostPause(let host), .hostStop(let host), .hostReboot(let host): return hosts[host].name
        case .etcdCrash(let host): return "etcd/\(hosts[host].name)"
        case .componentCrash(let component, let host): return "\(component.rawValue)/\(hosts[host].name)"
        case .clockStep(let host), .clockDrift(let host): return "clock/\(hosts[host].name)"
        case .loadBalancerOutage: return "external-ip"
        case .partition, .degradation, .skipped: return "network"
        case .slowDisk, .grayLeader: preconditionFailure("named by the World's members and leases.candidates")
        }
    }

    func describe(_ kind: FaultKind) -> String {
        switch kind {
        case .zoneOutage: return "zoneOutage"
        case .hostCrash: return "crash"
        case .etcdCrash: return "etcdCrash"
        case .hostPause: return "pause"
        case .partition: return "partition"
        case .degrade: return "degrade"
        case .slowDisk: return "slowDisk"
        case .componentCrash(let component, _): return "componentCrash \(component.rawValue)"
        case .clockStep(_, let step): return step < .zero ? "clockStep backward \(SimDuration.zero - step)" : "clockStep forward \(step)"
        case .clockDrift(_, let ppm): return "clockDrift \(formatBound(ppm)) ppm"
        case .grayLeader(let lease): return "grayLeader \(lease.rawValue)"
        case .loadBalancerOutage: return "loadBalancerOutage"
        case .hostStop: return "stop"
        case .hostReboot: return "reboot"
        }
    }
}

extension ResolvedFault {
    var isReboot: Bool {
        if case .hostReboot = self { return true }
        return false
    }

    /// What the fault's start or end changes, for the others to follow.
    var changes: WorldChanges {
        switch self {
        case .zone, .hostCrash, .hostPause, .componentCrash, .hostStop, .hostReboot: return .hosts
        case .etcdCrash, .slowDisk: return .etcd
        case .partition, .degradation: return .network
        case .grayLeader: return .leaseLeaders
        case .loadBalancerOutage: return .externalIP
        // A clock fault re-times the lease loops on its host and moves no
        // condition or etcd path: nothing to settle.
        case .clockStep, .clockDrift, .skipped: return []
        }
    }
}
