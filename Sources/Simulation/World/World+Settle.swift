/// Announced changes and how the subsystems follow them.
extension World {
    /// Notes that the current event changed something others may follow.
    mutating func announce(_ change: WorldChanges) { changes.formUnion(change) }

    /// After each event: the subsystems that depend on what changed react,
    /// in this fixed order, until nothing new is announced. APIServers
    /// re-evaluate their etcd path (which may announce a readiness change);
    /// requests hung on etcd go on once their path works (`HungCall`: it
    /// announces nothing); Workers follow hosts, paths and lease leaders
    /// (kubelets, controllers); Recording then re-evaluates the cluster
    /// conditions from the settled state. A subsystem added later takes its
    /// place in this list.
    mutating func settle() {
        var rounds = 0
        while !changes.isEmpty {
            rounds += 1
            precondition(rounds <= WorldChanges.maximumSettleRounds, "the World did not settle: \(changes)")
            let settling = changes
            changes = []
            if fastForward.frozen != nil, !settling.isDisjoint(with: WorldChanges.followedByControlPlane) { thawControlPlane() }
            if !settling.isDisjoint(with: WorldChanges.apiServerPath) {
                refreshAPIServers()
                resumeHungCalls()
            }
            refreshWorkers(after: settling)
            recordConditions()
        }
    }
}
