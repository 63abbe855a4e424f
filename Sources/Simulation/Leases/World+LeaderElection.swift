import SimKernel

/// client-go leader election (kubernetes/client-go tools/leaderelection/
/// leaderelection.go) for kube-controller-manager, kube-scheduler and
/// cluster-autoscaler: one candidate per master, each reading and writing
/// its lease through the local apiserver and timing on its host's
/// monotonic clock.
extension World {
    mutating func handle(_ event: LeaseEvent) {
        switch event {
        case .tryLease(let candidate, let generation): leaseTry(candidate, generation: generation)
        case .restart(let candidate, let generation): leaseRestart(candidate, generation: generation)
        }
    }

    var electionSettings: LeaderElectionSettings { scenario.topology.leaderElection }

    /// Candidates are laid out lease by lease, one per master; masters have
    /// host ids 0..<masterSlots (Topology puts them first).
    func candidateIndex(_ lease: LeaseName, host: Int) -> Int { lease.index * scenario.topology.masterSlots + host }

    /// Creates the candidates and settles each lease before time zero: a
    /// master drawn from `lease/<name>/bootstrap` holds it and every
    /// candidate has just observed the record, as after a quiet start. Each
    /// loop then starts at its own random phase within one retry period.
    mutating func bootstrapLeases() {
        let masters = scenario.topology.masterSlots
        for lease in LeaseName.allCases {
            leaseEntity.append(timeline.register("lease/\(lease.rawValue)", state: nil))
            for host in 0..<masters {
                // A master that an operation adds later starts with nothing running.
                candidates.append(LeaseCandidate(host: host, lease: lease, running: fleet.provisioned[host]))
                candidateStreams.append(random.stream("lease/\(lease.rawValue)/\(hosts[host].name)"))
            }
        }
        let initial = (0..<masters).filter { fleet.provisioned[$0] }
        guard !initial.isEmpty else { return }
        let retry = electionSettings.retryPeriod.nanoseconds
        for lease in LeaseName.allCases {
            let draw = random.stream("lease/\(lease.rawValue)/bootstrap")
            let holder = candidateIndex(lease, host: initial[Int(random[draw].nextInt(below: UInt64(initial.count)))])
            leases[lease.index] = LeaseRecord(holder: (holder, 0), version: 1)
            candidates[holder].startLeading()
            for host in initial {
                let candidate = candidateIndex(lease, host: host)
                candidates[candidate].observe(version: 1, at: 0)
                scheduleTry(candidate, at: random[candidateStreams[candidate]].nextInt(in: 1...retry))
            }
            updateLease(lease)
        }
    }

    // MARK: The loops

    mutating func leaseTry(_ candidate: Int, generation: Int) {
        guard candidates[candidate].generation == generation, candidates[candidate].running else { return }
        candidates[candidate].clearWake()
        // A frozen process's timer fires when it thaws (Go timers are not dropped).
        guard !fleet.paused(candidates[candidate].host) else {
            candidates[candidate].markDueWhileFrozen()
            return
        }
        runTry(candidate)
    }

    /// One iteration of acquire() or renew().
    mutating func runTry(_ candidate: Int) {
        let settings = electionSettings
        let reading = clocks[candidates[candidate].host].monotonic(at: now)
        let retry = settings.retryPeriod.nanoseconds, deadline = settings.renewDeadline.nanoseconds
        if candidates[candidate].leading {
            // renew(): wait.Until(period RetryPeriod) around
            // PollUntilContextTimeout(RetryPeriod, RenewDeadline, immediate):
            // try now, then every RetryPeriod, until RenewDeadline after the
            // poll started; when the deadline and a tick coincide the
            // deadline wins here.
            if let start = candidates[candidate].renewPollStart, reading >= start + deadline {
                loseLease(candidate)
                return
            }
            candidates[candidate].startRenewPoll(at: reading)
            let start = candidates[candidate].renewPollStart!
            if tryAcquireOrRenew(candidate, at: reading) {
                candidates[candidate].endRenewPoll()
                scheduleTry(candidate, at: reading + retry)
            } else {
                scheduleTry(candidate, at: min(reading + retry, start + deadline))
            }
        } else if tryAcquireOrRenew(candidate, at: reading) {
            candidates[candidate].startLeading()
            record(entity: "lease/\(candidates[candidate].lease.rawValue)", kind: "leaseAcquired",
                   detail: "\(hosts[candidates[candidate].host].name), transitions \(leases[candidates[candidate].lease.index].leaderTransitions)")
            updateLease(candidates[candidate].lease)
            // renew() starts with wait.Until, whose first renewal is immediate
            // and, like this acquisition, succeeds; the next is RetryPeriod later.
            scheduleTry(candidate, at: reading + retry)
        } else {
            // acquire(): wait.JitterUntil(RetryPeriod, JitterFactor 1.2, sliding):
            // RetryPeriod + rand * 1.2 * RetryPeriod after the try (2 to 4.4 s).
            let jitter = random[candidateStreams[candidate]].nextUnitInterval() * LeaderElectionSettings.jitterFactor
            scheduleTry(candidate, at: reading + retry + Int64((Double(retry) * jitter).rounded()))
        }
    }

    /// tryAcquireOrRenew: get the record through the local apiserver, note a
    /// change with the local time it was seen, refuse while another holder's
    /// lease is valid by that local time, otherwise write self as holder.
    mutating func tryAcquireOrRenew(_ candidate: Int, at reading: Int64) -> Bool {
        let host = candidates[candidate].host
        // "error retrieving resource lock": nothing is observed.
        guard apiServerServes(host) else { return false }
        let lease = candidates[candidate].lease.index
        candidates[candidate].observe(version: leases[lease].version, at: reading)
        let me = (candidate: candidate, life: candidates[candidate].life)
        let mine = leases[lease].holder.map { $0.candidate == me.candidate && $0.life == me.life } ?? false
        // isLeaseValid: observedTime + LeaseDurationSeconds after now, on the local clock.
        let valid = candidates[candidate].observedTime + electionSettings.recordedLeaseDuration.nanoseconds > reading
        if leases[lease].holder != nil, !mine, valid { return false }
        leases[lease].write(holder: me, wallTime: clocks[host].wall(at: now))
        candidates[candidate].observeOwnWrite(version: leases[lease].version, at: reading)
        return true
    }

    /// OnStoppedLeading: kube-controller-manager and kube-scheduler exit with
    /// code 1 (cmd/kube-controller-manager, cmd/kube-scheduler: "leaderelection
    /// lost"), cluster-autoscaler likewise (klog.Fatalf "lost master",
    /// cluster-autoscaler main.go); kubelet restarts the container.
    mutating func loseLease(_ candidate: Int) {
        let lease = candidates[candidate].lease
        record(entity: "lease/\(lease.rawValue)", kind: "leaseLost", detail: "\(hosts[candidates[candidate].host].name): renew deadline passed")
        stopCandidate(candidate)  // stops leading too
        candidates[candidate].awaitRestart()
        let delay = electionSettings.restartDelay.sample(&random[candidateStreams[candidate]])
        queue.schedule(.leases(.restart(candidate: candidate, generation: candidates[candidate].generation)), after: delay)
    }

    mutating func leaseRestart(_ candidate: Int, generation: Int) {
        guard candidates[candidate].generation == generation, candidates[candidate].restartPending else { return }
        candidates[candidate].clearRestart()
        refreshCandidate(candidate)
    }

    mutating func scheduleTry(_ candidate: Int, at reading: Int64) {
        candidates[candidate].setWake(reading)
        let at = clocks[candidates[candidate].host].instant(whenMonotonicReaches: reading, now: now)
        queue.schedule(.leases(.tryLease(candidate: candidate, generation: candidates[candidate].generation)), at: at)
    }

    // MARK: Processes

    /// Starts or stops the candidate's process to match its host, crash
    /// faults and a pending restart.
    mutating func refreshCandidate(_ candidate: Int) {
        let host = candidates[candidate].host
        // A host that went down takes the restart with it; it boots afresh.
        if !fleet.up[host] { candidates[candidate].clearRestart() }
        let shouldRun = candidates[candidate].process.shouldRun(hostUp: fleet.up[host], allowed: !candidates[candidate].restartPending)
        if shouldRun && !candidates[candidate].running {
            // A new process: new identity, nothing observed, first try at once.
            candidates[candidate].startProcess()
            scheduleTry(candidate, at: clocks[host].monotonic(at: now))
        } else if !shouldRun && candidates[candidate].running {
            stopCandidate(candidate)
        }
    }

    mutating func stopCandidate(_ candidate: Int) {
        let wasLeading = candidates[candidate].leading
        candidates[candidate].stop()
        if wasLeading { updateLease(candidates[candidate].lease) }
    }

    /// Runs the tries that fell due while the host was frozen.
    mutating func thawCandidates(_ host: Int) {
        for candidate in candidates.indices where candidates[candidate].host == host && candidates[candidate].takeDueWhileFrozen() {
            runTry(candidate)
        }
    }

    /// Re-times pending tries after the host's clock rate changed.
    mutating func retimeCandidates(_ host: Int) {
        for candidate in candidates.indices where candidates[candidate].host == host {
            if let wake = candidates[candidate].wake { scheduleTry(candidate, at: wake) }
        }
    }

    // MARK: Measuring

    /// Records who believes it leads: overlap (split brain), no leader, and a
    /// leader that does no work (gray or frozen).
    mutating func updateLease(_ lease: LeaseName) {
        var names: [String] = []
        var working = 0
        for host in 0..<scenario.topology.masterSlots {
            let candidate = candidateIndex(lease, host: host)
            guard candidates[candidate].leading else { continue }
            names.append(hosts[host].name)
            if candidates[candidate].grayHolds == 0 && !fleet.paused(host) { working += 1 }
        }
        let index = lease.index
        leaseLeaders[index] = names.count
        leaseOverlap[index].set(names.count > 1, at: now)
        leaseHolderless[index].set(names.isEmpty, at: now)
        leaseUseless[index].set(!names.isEmpty && working == 0, at: now)
        timeline.set(leaseEntity[index], names.isEmpty ? "none" : names.joined(separator: "+"), at: now)
        announce(.leaseLeaders)
    }

    /// The host of the instance leading `lease`: the record's holder if it
    /// believes it leads, else the first that does.
    func leaseHolderHost(_ lease: LeaseName) -> Int? {
        if let holder = leases[lease.index].holder, candidates[holder.candidate].leading,
           candidates[holder.candidate].life == holder.life {
            return candidates[holder.candidate].host
        }
        return (0..<scenario.topology.masterSlots).first { candidates[candidateIndex(lease, host: $0)].leading }
    }
}
