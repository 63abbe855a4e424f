import SimKernel

/// Add-on managers: one per master, each applying the add-ons through its
/// local apiserver every 60 s (FACTS.md, cluster/addons/addon-manager).
extension World {
    mutating func handle(_ event: AddonEvent) {
        switch event {
        case .sync(let manager, let generation): syncAddons(manager, generation: generation)
        }
    }

    mutating func bootstrapAddons() {
        for host in 0..<scenario.topology.masterSlots {
            addonManagers.append(AddonManager(host: host))
            let stream = random.stream("addons/\(hosts[host].name)")
            addonStreams.append(stream)
            // A master that an operation adds later starts its manager when it boots.
            guard fleet.provisioned[host] else {
                addonManagers[host].process.setRunning(false)
                continue
            }
            let phase = random[stream].nextInt(in: 1...AddonManager.syncInterval.nanoseconds)
            queue.schedule(.addons(.sync(manager: host, generation: 0)), at: SimInstant(nanosecondsSinceStart: phase))
        }
    }

    mutating func syncAddons(_ manager: Int, generation: Int) {
        guard addonManagers[manager].generation == generation, addonManagers[manager].running else { return }
        queue.schedule(.addons(.sync(manager: manager, generation: generation)), after: AddonManager.syncInterval)
        // A frozen process skips the sync; the loop's sleep then carries on.
        let host = addonManagers[manager].host
        guard !fleet.paused(host), isAddonLeader(host) else { return }
        addonManagers[manager].attempts += 1
        guard apiServerServes(host) else { return }
        addonManagers[manager].successes += 1
        closeAddonGap(manager)
        addonClusterLongestGap = max(addonClusterLongestGap, now - addonClusterLastSuccess)
        addonClusterLastSuccess = now
    }

    /// kube-addons.sh is_leader: with ADDON_MANAGER_LEADER_ELECTION (true by
    /// default) the manager reads the kube-controller-manager leader record
    /// through its apiserver and applies only if it names this master; "if
    /// there was any problem with getting the leader election results [...]
    /// we're going to assume that we're the leader", so a failed read counts
    /// as leading (and the sync then fails on the same apiserver).
    func isAddonLeader(_ host: Int) -> Bool {
        guard scenario.topology.addonManagerLeaderElection, apiServerServes(host),
              let holder = leases[LeaseName.kubeControllerManager.index].holder else { return true }
        return candidates[holder.candidate].host == host
    }

    mutating func closeAddonGap(_ manager: Int) {
        addonManagers[manager].longestGap = max(addonManagers[manager].longestGap, now - addonManagers[manager].lastSuccess)
        addonManagers[manager].lastSuccess = now
    }

    /// Starts or stops the manager to match its host and crash faults; a new
    /// process applies the add-ons at once, then every 60 s.
    mutating func refreshAddonManager(_ manager: Int) {
        let shouldRun = addonManagers[manager].process.shouldRun(hostUp: fleet.up[addonManagers[manager].host])
        guard shouldRun != addonManagers[manager].running else { return }
        if !shouldRun { closeAddonGap(manager) }
        addonManagers[manager].process.setRunning(shouldRun)
        addonManagers[manager].lastSuccess = now
        addonManagers[manager].process.bumpGeneration()
        if shouldRun { queue.schedule(.addons(.sync(manager: manager, generation: addonManagers[manager].generation)), after: .zero) }
    }

    /// With leader election, the longest stretch the cluster went without a
    /// successful add-on sync by any manager; without it, the longest any
    /// running manager went without one of its own. Open stretches are
    /// measured to the end of the run.
    var addonStalenessMax: SimDuration {
        if scenario.topology.addonManagerLeaderElection { return max(addonClusterLongestGap, end - addonClusterLastSuccess) }
        return addonManagers.map { max($0.longestGap, $0.running ? end - $0.lastSuccess : .zero) }.max() ?? .zero
    }
}
