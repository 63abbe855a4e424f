import SimKernel

/// client-go leader election (kubernetes/client-go tools/leaderelection/
/// leaderelection.go) for kube-controller-manager, kube-scheduler and
/// cluster-autoscaler: one candidate per master, each reading and writing
/// its lease through the local apiserver and timing on its host's
/// monotonic clock. What they dial is `topology.access.dials`: the local
/// apiserver in every preset (`ComponentDials`).
extension World {
    mutating func handle(_ event: LeaseEvent) {
        switch event {
        case .tryLease(let candidate, let generation): leaseTry(candidate, generation: generation)
        case .restart(let candidate, let generation): leaseRestart(candidate, generation: generation)
        case .callEnds(let candidate, let call): leaseCallEnds(candidate, call: call)
        }
    }

    /// The timings of `lease`'s elections: client-go's for the control
    /// plane's components (`topology.leaderElection`), kube-vip's own for
    /// its Lease (`topology.access.kubeVip`).
    func electionSettings(_ lease: LeaseName) -> LeaderElectionSettings {
        lease == .kubeVip ? scenario.topology.access.kubeVip.election : scenario.topology.leaderElection
    }

    /// The timings the candidate's elections run with.
    func election(_ candidate: Int) -> LeaderElectionSettings { electionSettings(leases.candidates[candidate].lease) }

    /// Candidates are laid out lease by lease, one per master; masters have
    /// host ids 0..<masterSlots (Topology puts them first).
    func candidateIndex(_ lease: LeaseName, host: Int) -> Int { lease.index * scenario.topology.masterSlots + host }

    /// Creates the candidates and settles each lease before time zero: a
    /// master drawn from `lease/<name>/bootstrap` holds it and every
    /// candidate has just observed the record, as after a quiet start. Each
    /// loop then starts at its own random phase within one retry period.
    mutating func bootstrapLeases() {
        let masters = scenario.topology.masterSlots
        for lease in scenario.topology.leases {
            leases.addLane(recording.register("lease/\(lease.rawValue)", state: nil))
            for host in 0..<masters {
                // A master that an operation adds later starts with nothing running.
                leases.add(LeaseCandidate(host: host, lease: lease, running: fleet.provisioned[host]),
                           stream: random.stream("lease/\(lease.rawValue)/\(hosts[host].name)"))
            }
        }
        let initial = (0..<masters).filter { fleet.provisioned[$0] }
        guard !initial.isEmpty else { return }
        for lease in scenario.topology.leases {
            let retry = electionSettings(lease).retryPeriod.nanoseconds
            let draw = random.stream("lease/\(lease.rawValue)/bootstrap")
            let holder = candidateIndex(lease, host: initial[Int(random[draw].nextInt(below: UInt64(initial.count)))])
            leases.establish(lease, holder: holder)
            leases[candidate: holder].startLeading()
            if lease == .kubeVip { establishKubeVipHolder(leases.candidates[holder].host) }
            for host in initial {
                let candidate = candidateIndex(lease, host: host)
                leases[candidate: candidate].observe(version: 1, holderIsSelf: candidate == holder, at: 0)
                scheduleTry(candidate, at: random[leases.streams[candidate]].nextInt(in: 1...retry))
            }
            updateLease(lease)
        }
    }

    // MARK: The loops

    mutating func leaseTry(_ candidate: Int, generation: Int) {
        guard leases.candidates[candidate].generation == generation, leases.candidates[candidate].running else { return }
        leases[candidate: candidate].clearWake()
        // A frozen process's timer fires when it thaws (Go timers are not dropped).
        guard !fleet.paused(leases.candidates[candidate].host) else {
            leases[candidate: candidate].markDueWhileFrozen()
            return
        }
        runTry(candidate)
    }

    /// One iteration of acquire() or renew(): a tryAcquireOrRenew, whose
    /// requests then go out one after the other (`issueLeaseCall`).
    mutating func runTry(_ candidate: Int) {
        let reading = fleet.clocks[leases.candidates[candidate].host].monotonic(at: now)
        if leases.candidates[candidate].leading {
            // renew(): wait.UntilWithContext(RetryPeriod) around
            // PollUntilContextTimeout(RetryPeriod, RenewDeadline, immediate):
            // try now, then at each RetryPeriod tick, until RenewDeadline
            // after the poll started; when the deadline and a tick coincide
            // the deadline wins here.
            if let start = leases.candidates[candidate].renewPollStart, reading >= start + election(candidate).renewDeadline.nanoseconds {
                loseLease(candidate)
                return
            }
            leases[candidate: candidate].startRenewPoll(at: reading)
        }
        leases[candidate: candidate].startTry(at: reading)
        // tryAcquireOrRenew, 1: "fast path for the leader to update
        // optimistically assuming that the record observed last time is the
        // current version", taken while it is the observed holder and the
        // lease is valid by its own clock; otherwise 2: Get, then Update.
        let me = leases.candidates[candidate]
        if me.leading, me.observedSelfAsHolder, leaseValidByObservation(candidate, at: reading) {
            issueLeaseCall(candidate, .optimisticUpdate(expectedVersion: me.observedVersion))
        } else {
            issueLeaseCall(candidate, .get)
        }
    }

    /// isLeaseValid: observedTime + LeaseDurationSeconds is after now, on the local clock.
    func leaseValidByObservation(_ candidate: Int, at reading: Int64) -> Bool {
        leases.candidates[candidate].observedTime + election(candidate).recordedLeaseDuration.nanoseconds > reading
    }

    /// Sends one request of the try to the local apiserver. A refused
    /// connection fails at once; an answered request ends after the
    /// apiserver's round trip to etcd; a hung one waits in the apiserver
    /// (`HungCall`) and ends at the client's timeout, within renew() no
    /// later than the poll's RenewDeadline (the poll's context cancels it),
    /// unless etcd answers or fails it first.
    mutating func issueLeaseCall(_ candidate: Int, _ step: LeaseCall.Step) {
        let host = leases.candidates[candidate].host, lease = leases.candidates[candidate].lease
        let reading = fleet.clocks[host].monotonic(at: now)
        var deadline = reading + electionSettings(lease).requestTimeout(for: lease).nanoseconds
        if leases.candidates[candidate].leading, let start = leases.candidates[candidate].renewPollStart {
            deadline = min(deadline, start + election(candidate).renewDeadline.nanoseconds)
        }
        let givesUp = fleet.clocks[host].instant(whenMonotonicReaches: deadline, now: now)
        let end: SimInstant
        let answered: Bool
        // An entry left by an earlier call (a stopped process's) is not this call's.
        releaseHungCall(.lease(candidate: candidate))
        // The local apiserver, or the cluster's endpoint (`topology.access.dials`).
        let call = callAPIServer(from: host, dialling: scenario.topology.access.dials.dial(of: lease))
        switch call.outcome {
        case .refused:
            // "error retrieving resource lock" (or a failed update): at once.
            return finishLeaseCall(candidate, step, answered: false)
        case .answered(let after) where now + after < givesUp:
            (end, answered) = (now + after, true)
        case .answered:
            (end, answered) = (givesUp, false)
        case .hangs:
            (end, answered) = (givesUp, false)
            if let server = call.apiServer { holdHungCall(.lease(candidate: candidate), host: server) }
        }
        let id = leases[candidate: candidate].startCall(step, deadline: deadline, answered: answered)
        queue.schedule(.leases(.callEnds(candidate: candidate, call: id)), at: end)
    }

    /// The apiserver ends the candidate's hung call before its client gives
    /// up: an answer after the round trip (if it still beats the deadline),
    /// or an error at once.
    mutating func leaseHungCallEnded(_ candidate: Int, _ outcome: HungCallOutcome) {
        guard leases.candidates[candidate].running, let call = leases.candidates[candidate].call, !call.answered else { return }
        let host = leases.candidates[candidate].host
        let givesUp = fleet.clocks[host].instant(whenMonotonicReaches: call.deadline, now: now)
        switch outcome {
        case .answered(let after):
            guard now + after < givesUp else { return }
            let id = leases[candidate: candidate].redirectCall(answered: true)
            queue.schedule(.leases(.callEnds(candidate: candidate, call: id)), at: now + after)
        case .failed:
            let id = leases[candidate: candidate].redirectCall(answered: false)
            queue.schedule(.leases(.callEnds(candidate: candidate, call: id)), at: now)
        }
    }

    /// The event ending a call: its answer, or the caller giving up.
    mutating func leaseCallEnds(_ candidate: Int, call id: Int) {
        guard leases.candidates[candidate].running, leases.candidates[candidate].call?.id == id else { return }
        // A frozen process reads the answer (or sees its timer) at the thaw.
        guard !fleet.paused(leases.candidates[candidate].host) else {
            leases[candidate: candidate].markCallEndedWhileFrozen()
            return
        }
        endLeaseCall(candidate)
    }

    mutating func endLeaseCall(_ candidate: Int) {
        guard let call = leases[candidate: candidate].endCall() else { return }
        releaseHungCall(.lease(candidate: candidate))
        if !call.answered { leases.countRequestTimeout(leases.candidates[candidate].lease) }
        finishLeaseCall(candidate, call.step, answered: call.answered)
    }

    /// What tryAcquireOrRenew does with a request's outcome. The apiserver
    /// reads and writes the record when the answer comes back.
    mutating func finishLeaseCall(_ candidate: Int, _ step: LeaseCall.Step, answered: Bool) {
        let host = leases.candidates[candidate].host
        let reading = fleet.clocks[host].monotonic(at: now)
        let lease = leases.candidates[candidate].lease.index
        let me = (candidate: candidate, life: leases.candidates[candidate].life)
        switch step {
        case .optimisticUpdate(let expected):
            if answered && leases.records[lease].version == expected {
                writeLease(candidate, at: reading)
                return leaseTrySucceeded(candidate)
            }
            // "Failed to update lease optimistically, falling back to slow path".
            issueLeaseCall(candidate, .get)
        case .get:
            // "error retrieving resource lock": nothing is observed.
            guard answered else { return leaseTryFailed(candidate) }
            let holder = leases.records[lease].holder
            let mine = holder.map { $0.candidate == me.candidate && $0.life == me.life } ?? false
            leases[candidate: candidate].observe(version: leases.records[lease].version, holderIsSelf: mine, at: reading)
            // "lock is held by ... and has not yet expired".
            if holder != nil, !mine, leaseValidByObservation(candidate, at: reading) { return leaseTryFailed(candidate) }
            issueLeaseCall(candidate, .update(readVersion: leases.records[lease].version))
        case .update(let readVersion):
            // A record written by someone else since the Get: a conflict.
            guard answered, leases.records[lease].version == readVersion else { return leaseTryFailed(candidate) }
            writeLease(candidate, at: reading)
            leaseTrySucceeded(candidate)
        }
    }

    /// The apiserver writes the record with the candidate as holder.
    mutating func writeLease(_ candidate: Int, at reading: Int64) {
        let lease = leases.candidates[candidate].lease.index
        leases[record: lease].write(holder: (candidate, leases.candidates[candidate].life), wallTime: fleet.clocks[leases.candidates[candidate].host].wall(at: now))
        leases[candidate: candidate].observeOwnWrite(version: leases.records[lease].version, at: reading)
    }

    mutating func leaseTrySucceeded(_ candidate: Int) {
        let reading = fleet.clocks[leases.candidates[candidate].host].monotonic(at: now)
        if leases.candidates[candidate].leading {
            // The poll ends; wait.Until (sliding) runs the next one
            // RetryPeriod after this one returned.
            leases[candidate: candidate].endRenewPoll()
            return scheduleTry(candidate, at: reading + election(candidate).retryPeriod.nanoseconds)
        }
        leases[candidate: candidate].startLeading()
        record(entity: "lease/\(leases.candidates[candidate].lease.rawValue)", kind: .leaseAcquired,
               detail: "\(hosts[leases.candidates[candidate].host].name), transitions \(leases.records[leases.candidates[candidate].lease.index].leaderTransitions)")
        updateLease(leases.candidates[candidate].lease)
        // renew() starts at once: wait.Until's first run is immediate, and
        // so is its poll's first try.
        scheduleTry(candidate, at: reading)
    }

    mutating func leaseTryFailed(_ candidate: Int) {
        let reading = fleet.clocks[leases.candidates[candidate].host].monotonic(at: now)
        let retry = election(candidate).retryPeriod.nanoseconds
        if leases.candidates[candidate].leading, let start = leases.candidates[candidate].renewPollStart {
            // The poll's ticker ticks every RetryPeriod from its start
            // (non-sliding); a tick that passed during the try is taken at
            // once. The deadline wins over a later tick (runTry).
            let ticksSoFar = (leases.candidates[candidate].tryStart - start) / retry + 1
            let nextTick = max(start + ticksSoFar * retry, reading)
            return scheduleTry(candidate, at: min(nextTick, start + election(candidate).renewDeadline.nanoseconds))
        }
        // acquire(): wait.JitterUntil(RetryPeriod, JitterFactor 1.2, sliding):
        // RetryPeriod + rand * 1.2 * RetryPeriod after the try ended (2 to 4.4 s).
        let jitter = random[leases.streams[candidate]].nextUnitInterval() * LeaderElectionSettings.jitterFactor
        scheduleTry(candidate, at: reading.saturatingAdd(retry).saturatingAdd(SimDuration(roundingNanoseconds: Double(retry) * jitter).nanoseconds))
    }

    /// OnStoppedLeading: kube-controller-manager and kube-scheduler exit with
    /// code 1 (cmd/kube-controller-manager, cmd/kube-scheduler: "leaderelection
    /// lost"), cluster-autoscaler likewise (klog.Fatalf "lost master",
    /// cluster-autoscaler main.go); kubelet restarts the container.
    mutating func loseLease(_ candidate: Int) {
        let lease = leases.candidates[candidate].lease
        record(entity: "lease/\(lease.rawValue)", kind: .leaseLost, detail: "\(hosts[leases.candidates[candidate].host].name): renew deadline passed")
        stopCandidate(candidate)  // stops leading too
        leases[candidate: candidate].awaitRestart()
        let delay = election(candidate).restartDelay.sample(&random[leases.streams[candidate]])
        queue.schedule(.leases(.restart(candidate: candidate, generation: leases.candidates[candidate].generation)), after: delay)
    }

    mutating func leaseRestart(_ candidate: Int, generation: Int) {
        guard leases.candidates[candidate].generation == generation, leases.candidates[candidate].restartPending else { return }
        leases[candidate: candidate].clearRestart()
        refreshCandidate(candidate)
    }

    mutating func scheduleTry(_ candidate: Int, at reading: Int64) {
        leases[candidate: candidate].setWake(reading)
        let at = fleet.clocks[leases.candidates[candidate].host].instant(whenMonotonicReaches: reading, now: now)
        queue.schedule(.leases(.tryLease(candidate: candidate, generation: leases.candidates[candidate].generation)), at: at)
    }

    // MARK: Processes

    /// Starts or stops the candidate's process to match its host, crash
    /// faults and a pending restart.
    mutating func refreshCandidate(_ candidate: Int) {
        let host = leases.candidates[candidate].host
        // A host that went down takes the restart with it; it boots afresh.
        if !fleet.up[host] { leases[candidate: candidate].clearRestart() }
        let shouldRun = leases.candidates[candidate].process.shouldRun(hostUp: fleet.up[host], allowed: !leases.candidates[candidate].restartPending)
        if shouldRun && !leases.candidates[candidate].running {
            // A new process: new identity, nothing observed, first try at once.
            leases[candidate: candidate].startProcess()
            scheduleTry(candidate, at: fleet.clocks[host].monotonic(at: now))
        } else if !shouldRun && leases.candidates[candidate].running {
            stopCandidate(candidate)
        }
    }

    mutating func stopCandidate(_ candidate: Int) {
        let wasLeading = leases.candidates[candidate].leading
        leases[candidate: candidate].stop()
        releaseHungCall(.lease(candidate: candidate))
        if wasLeading { updateLease(leases.candidates[candidate].lease) }
    }

    /// Runs the tries that fell due, and takes the calls that ended, while the host was frozen.
    mutating func thawCandidates(_ host: Int) {
        for candidate in leases.candidates.indices where leases.candidates[candidate].host == host {
            if leases[candidate: candidate].takeDueWhileFrozen() { runTry(candidate) }
            if leases[candidate: candidate].takeCallEndedWhileFrozen() { endLeaseCall(candidate) }
        }
    }

    /// Re-times pending tries, and hung calls' deadlines, after the host's clock rate changed.
    mutating func retimeCandidates(_ host: Int) {
        for candidate in leases.candidates.indices where leases.candidates[candidate].host == host {
            if let wake = leases.candidates[candidate].wake { scheduleTry(candidate, at: wake) }
            if let deadline = leases.candidates[candidate].call?.deadline, let id = leases[candidate: candidate].retimeCall() {
                queue.schedule(.leases(.callEnds(candidate: candidate, call: id)),
                               at: fleet.clocks[host].instant(whenMonotonicReaches: deadline, now: now))
            }
        }
    }

    // MARK: Measuring

    /// Records who believes it leads: overlap (split brain), no leader, and a
    /// leader that does no work (gray or frozen).
    mutating func updateLease(_ lease: LeaseName) {
        var names: [String] = []
        var working = 0
        guard hasCandidates(lease) else { return }
        for host in 0..<scenario.topology.masterSlots {
            let candidate = candidateIndex(lease, host: host)
            guard leases.candidates[candidate].leading else { continue }
            names.append(hosts[host].name)
            if leases.candidates[candidate].grayHolds == 0 && !fleet.paused(host) { working += 1 }
        }
        let index = lease.index
        leases.recordLeaders(index, leading: names.count, working: working, at: now)
        recording.set(leases.entity[index], names.isEmpty ? "none" : names.joined(separator: "+"), at: now)
        announce(.leaseLeaders)
        if lease == .kubeVip { followKubeVipLease() }
    }

    /// Whether `lease` has candidates in this run: kube-vip's only in a
    /// kube-vip set-up (`Topology.leases`).
    func hasCandidates(_ lease: LeaseName) -> Bool { scenario.topology.leases.contains(lease) }

    /// The host of the instance leading `lease`: the record's holder if it
    /// believes it leads, else the first that does.
    func leaseHolderHost(_ lease: LeaseName) -> Int? {
        guard hasCandidates(lease) else { return nil }
        if let holder = leases.records[lease.index].holder, leases.candidates[holder.candidate].leading,
           leases.candidates[holder.candidate].life == holder.life {
            return leases.candidates[holder.candidate].host
        }
        return (0..<scenario.topology.masterSlots).first { leases.candidates[candidateIndex(lease, host: $0)].leading }
    }
}
