import SimKernel

/// Add-on managers: one per master, each applying the add-ons through its
/// local apiserver every 60 s (FACTS.md, cluster/addons/addon-manager).
extension World {
    mutating func handle(_ event: AddonEvent) {
        switch event {
        case .sync(let manager, let generation): syncAddons(manager, generation: generation)
        case .callEnds(let manager, let call): addonCallEnds(manager, call: call)
        }
    }

    mutating func bootstrapAddons() {
        for host in 0..<scenario.topology.masterSlots {
            let stream = random.stream("addons/\(hosts[host].name)")
            addons.add(AddonManager(host: host, running: fleet.provisioned[host]))
            // A master that an operation adds later starts its manager when it boots.
            guard fleet.provisioned[host] else { continue }
            let phase = random[stream].nextInt(in: 1...AddonManager.syncInterval.nanoseconds)
            queue.schedule(.addons(.sync(manager: host, generation: 0)), at: SimInstant(nanosecondsSinceStart: phase))
        }
    }

    /// One iteration of kube-addons-main.sh's apply loop: is_leader, then
    /// ensure_addons and reconcile_addons if it leads; the next iteration
    /// starts 60 s after this one started, or at once if it took longer.
    mutating func syncAddons(_ manager: Int, generation: Int) {
        guard addons.managers[manager].generation == generation, addons.managers[manager].running else { return }
        // A frozen process skips the iteration; the loop's sleep then carries on.
        guard !fleet.paused(addons.managers[manager].host) else {
            return queue.schedule(.addons(.sync(manager: manager, generation: generation)), after: AddonManager.syncInterval)
        }
        addons[manager: manager].startIteration(at: now)
        if scenario.topology.addonManagerLeaderElection {
            issueAddonCall(manager, .readLeader)
        } else {
            addons[manager: manager].countAttempt()
            issueAddonCall(manager, .apply)
        }
    }

    /// Sends one kubectl call to the address the add-on managers dial
    /// (`topology.access.dials.addonManagers`; the local apiserver unless
    /// told otherwise). kube-addons.sh runs
    /// kubectl with `${KUBECTL_OPTS}` only, which kube-up sets to the
    /// kubeconfig (cluster/gce/manifests/kube-addon-manager.yaml), so
    /// kubectl's --request-timeout keeps its default 0, no timeout: a hung
    /// call ends when the apiserver's own request timeout (60 s) answers it.
    mutating func issueAddonCall(_ manager: Int, _ step: AddonCallStep) {
        let host = addons.managers[manager].host
        let after: SimDuration
        let answered: Bool
        releaseHungCall(.addon(manager: manager))
        let call = callAPIServer(from: host, dialling: scenario.topology.access.dials.addonManagers)
        switch call.outcome {
        case .refused: return finishAddonCall(manager, step, answered: false)
        case .answered(let roundTrip) where roundTrip < APIServer.requestTimeout: (after, answered) = (roundTrip, true)
        case .answered: (after, answered) = (APIServer.requestTimeout, false)
        case .hangs:
            (after, answered) = (APIServer.requestTimeout, false)
            if let server = call.apiServer { holdHungCall(.addon(manager: manager), host: server) }
        }
        let id = addons[manager: manager].startCall(step, answered: answered)
        queue.schedule(.addons(.callEnds(manager: manager, call: id)), after: after)
    }

    /// The apiserver ends the manager's hung call before its own 60 s: an
    /// answer after the round trip, or an error at once.
    mutating func addonHungCallEnded(_ manager: Int, _ outcome: HungCallOutcome) {
        guard addons.managers[manager].running, let call = addons.managers[manager].call, !call.answered else { return }
        switch outcome {
        case .answered(let after):
            let id = addons[manager: manager].startCall(call.step, answered: true)
            queue.schedule(.addons(.callEnds(manager: manager, call: id)), after: after)
        case .failed:
            let id = addons[manager: manager].startCall(call.step, answered: false)
            queue.schedule(.addons(.callEnds(manager: manager, call: id)), at: now)
        }
    }

    mutating func addonCallEnds(_ manager: Int, call id: Int) {
        guard addons.managers[manager].running, addons.managers[manager].call?.id == id,
              let call = addons[manager: manager].endCall() else { return }
        releaseHungCall(.addon(manager: manager))
        if !call.answered {
            record(entity: "addons/\(hosts[addons.managers[manager].host].name)", kind: .addonCallTimedOut,
                   detail: "\(call.step == .readLeader ? "is_leader read" : "apply"): no answer (etcd's request timeout, or the apiserver's \(APIServer.requestTimeout))")
        }
        finishAddonCall(manager, call.step, answered: call.answered)
    }

    mutating func finishAddonCall(_ manager: Int, _ step: AddonCallStep, answered: Bool) {
        let host = addons.managers[manager].host
        switch step {
        case .readLeader:
            // is_leader: the lease names this master's host ("${HOSTNAME}"_*);
            // an empty answer, as from a failed read, is "No leader election
            // info found." and returns 1: not the leader. An iteration that
            // could not tell counts as a failed sync attempt.
            guard answered else {
                addons[manager: manager].countAttempt()
                return endAddonIteration(manager)
            }
            guard let holder = leases.records[LeaseName.kubeControllerManager.index].holder,
                  leases.candidates[holder.candidate].host == host else { return endAddonIteration(manager) }
            addons[manager: manager].countAttempt()
            issueAddonCall(manager, .apply)
        case .apply:
            if answered {
                addons[manager: manager].succeed(at: now)
                addons.recordClusterSuccess(at: now)
            }
            endAddonIteration(manager)
        }
    }

    /// "subtract the time passed from the sleep time": the next iteration
    /// starts ADDON_CHECK_INTERVAL_SEC after this one started, or at once
    /// when it took longer (kube-addons-main.sh; the script's whole-second
    /// `date +%s` arithmetic is not modelled).
    mutating func endAddonIteration(_ manager: Int) {
        let next = max(addons.managers[manager].iterationStart + AddonManager.syncInterval, now)
        queue.schedule(.addons(.sync(manager: manager, generation: addons.managers[manager].generation)), at: next)
    }

    /// Starts or stops the manager to match its host and crash faults; a new
    /// process applies the add-ons at once, then every 60 s.
    mutating func refreshAddonManager(_ manager: Int) {
        let shouldRun = addons.managers[manager].process.shouldRun(hostUp: fleet.up[addons.managers[manager].host])
        guard shouldRun != addons.managers[manager].running else { return }
        if !shouldRun { addons[manager: manager].closeGap(at: now) }
        addons[manager: manager].setRunning(shouldRun, at: now)
        if shouldRun { queue.schedule(.addons(.sync(manager: manager, generation: addons.managers[manager].generation)), after: .zero) }
    }

    /// With leader election, the longest stretch the cluster went without a
    /// successful add-on sync by any manager; without it, the longest any
    /// running manager went without one of its own. Open stretches are
    /// measured to the end of the run.
    var addonStalenessMax: SimDuration {
        if scenario.topology.addonManagerLeaderElection { return max(addons.clusterLongestGap, end - addons.clusterLastSuccess) }
        return addons.managers.map { max($0.longestGap, $0.running ? end - $0.lastSuccess : .zero) }.max() ?? .zero
    }
}
