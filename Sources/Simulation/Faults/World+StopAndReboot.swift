import SimKernel

/// `stop` and `reboot` faults: SIGTERM to every control-plane process on a
/// host, each of which then stops as the real one does on a graceful
/// shutdown, where a crash fault kills it:
/// - kube-scheduler releases its lease if it holds it (ReleaseOnCancel,
///   World+LeaseRelease); kube-controller-manager, cluster-autoscaler and
///   the add-on manager just exit;
/// - kube-apiserver fails /readyz, serves on for its shutdown delay, sends
///   GOAWAY and drains (APIServers/World+GracefulStop);
/// - an etcd leader hands its leadership to a peer first
///   (Etcd/World+EtcdStop).
/// The releases go out first, at SIGTERM, while the local apiserver still
/// serves: it closes its listener only after its shutdown delay and its
/// pre-shutdown hooks (genericapiserver.go RunWithContext), which first
/// remove its endpoint lease through etcd. A reboot's host goes down once
/// every process has exited.
extension World {
    /// `only`: the one static pod an in-place upgrade replaces
    /// (World+UpgradeMasters); nil: every process on the host.
    mutating func startGracefulStop(_ owner: StopOwner, host: Int, reboot: Bool, downtime: SimDuration?, only pod: StaticPod? = nil) {
        var stop = GracefulStop(host: host, reboot: reboot, downtime: downtime)
        let what =
            pod.map { "SIGTERM to \($0.rawValue): its static pod's manifest was replaced" }
            ?? (reboot ? "SIGTERM to every control-plane process, then reboot" : "SIGTERM to every control-plane process")
        record(entity: hosts[host].name, kind: .gracefulStop, detail: what)
        if host < scenario.topology.masterSlots {
            for lease in scenario.topology.leases where pod == nil || pod?.lease == lease {
                let candidate = candidateIndex(lease, host: host)
                if leases.candidates[candidate].leading && lease.releasesOnCancel { releaseLease(candidate) }
                changeComponentCrash(lease.component, host: host, delta: +1)
                stop.exitedAtOnce(.candidate(candidate))
            }
            if pod == nil {
                changeComponentCrash(.addonManager, host: host, delta: +1)
                stop.exitedAtOnce(.addonManager)
                if usesBGP {
                    changeComponentCrash(.kubeVip, host: host, delta: +1)
                    stop.exitedAtOnce(.bgpSpeaker)
                }
                if scenario.topology.access.electsVirtualIPByVRRP {
                    resignVirtualIP(host)
                    stop.exitedAtOnce(.keepalived)
                }
            }
            if pod == nil || pod == .kubeAPIServer {
                if apiServerUp(host) && apiServers.servers[host].shutdown == nil {
                    stop.shuttingDown(.apiServer)
                } else if apiServers.servers[host].shutdown == nil {
                    changeComponentCrash(.apiserver, host: host, delta: +1)
                    stop.exitedAtOnce(.apiServer)
                }
            }
        }
        var transferring: Int?
        if pod == nil || pod == .etcd, let member = etcd.memberOfHost[host], etcd.members[member].stopping == nil {
            if active(member) && etcd.members[member].node.role == .leader && etcd.members[member].node.voters.count > 1 {
                transferring = member
                stop.shuttingDown(.etcd(member: member))
            } else {
                // etcd server.go TransferLeadership: skipped for a follower or a single voter.
                etcd[member: member].changeCrashHolds(by: +1)
                refreshMember(member)
                stop.exitedAtOnce(.etcd(member: member))
            }
        }
        faults.addStop(stop, for: owner)
        announce(.hosts)
        guard !stop.pending.isEmpty else { return allProcessesExited(owner) }
        if stop.pending.contains(.apiServer) { beginAPIServerShutdown(host) }
        if let transferring { beginEtcdStop(transferring) }
    }

    /// A process that was shutting down has exited: it is held down for its
    /// stop's fault from now on.
    mutating func processExited(_ process: StoppedProcess, host: Int) {
        guard let owner = faults.stopShuttingDown(process, host: host), faults[stop: owner]?.finish(process) == true else { return }
        hold(process, host: host, delta: +1)
        if faults[stop: owner]?.pending.isEmpty == true { allProcessesExited(owner) }
    }

    /// Every process of the stop has exited: a reboot's host goes down now,
    /// for its duration; a stop whose time ran out starts them again; a
    /// graceful removal deletes the VM.
    mutating func allProcessesExited(_ owner: StopOwner) {
        guard let stop = faults[stop: owner] else { return }
        if case .operation(let index) = owner {
            queue.schedule(.operations(.step(index: index, step: .stopped)), at: now)
        } else if stop.reboot, case .fault(let index) = owner {
            faults[stop: owner]?.takeHostDown()
            changeHostCrash(stop.host, delta: +1)
            announce(hostConcernsControlPlane(stop.host) ? .hosts : .workerHosts)
            if let downtime = stop.downtime { queue.schedule(.faults(.ends(index: index)), after: downtime) }
        } else if stop.endRequested {
            finishGracefulStop(owner)
        }
    }

    /// The fault ends: the processes start again (a reboot's host boots),
    /// or, while one is still shutting down, once it has exited.
    mutating func endGracefulStop(_ owner: StopOwner) {
        guard let stop = faults[stop: owner] else { return }
        guard stop.pending.isEmpty else {
            faults[stop: owner]?.requestEnd()
            return
        }
        finishGracefulStop(owner)
    }

    /// The holds come off: the processes start again where the host is up
    /// (not on a master a graceful removal has deleted).
    mutating func finishGracefulStop(_ owner: StopOwner) {
        guard let stop = faults[stop: owner] else { return }
        faults.removeStop(for: owner)
        if stop.hostDown { changeHostCrash(stop.host, delta: -1) }
        for process in stop.exited { hold(process, host: stop.host, delta: -1) }
        announce(.hosts)
    }

    /// Adds or removes the crash hold that keeps a stopped process down.
    mutating func hold(_ process: StoppedProcess, host: Int, delta: Int) {
        switch process {
        case .apiServer: changeComponentCrash(.apiserver, host: host, delta: delta)
        case .addonManager: changeComponentCrash(.addonManager, host: host, delta: delta)
        case .bgpSpeaker: changeComponentCrash(.kubeVip, host: host, delta: delta)
        case .keepalived: changeComponentCrash(.keepalived, host: host, delta: delta)
        case .candidate(let candidate): changeComponentCrash(leases.candidates[candidate].lease.component, host: host, delta: delta)
        case .etcd(let member):
            etcd[member: member].changeCrashHolds(by: delta)
            refreshMember(member)
        }
        announce(.hosts)
    }
}

extension LeaseName {
    /// The component that elects its active instance with this lease.
    var component: ControlPlaneComponent { ControlPlaneComponent(rawValue: rawValue)! }
}
