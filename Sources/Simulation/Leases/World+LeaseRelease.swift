import SimKernel

/// client-go's ReleaseOnCancel (tools/leaderelection/leaderelection.go
/// `release`): when the leader's context is cancelled, it writes the Lease
/// with an empty holder (and LeaseDurationSeconds 1) over the record it
/// last observed. A standby backs off only while the holder is non-empty
/// and the lease valid (tryAcquireOrRenew), so it takes the lease at its
/// next retry instead of after the lease duration.
extension LeaseName {
    /// Which components release their lease on SIGTERM. kube-scheduler sets
    /// ReleaseOnCancel and cancels its context on SIGTERM
    /// (cmd/kube-scheduler/app/options/options.go makeLeaderElectionConfig;
    /// app/server.go Run). kube-controller-manager does not set it
    /// (cmd/kube-controller-manager/app/controllermanager.go
    /// leaderElectAndRun; only the alpha gate
    /// ControllerManagerReleaseLeaderElectionLockOnExit of 1.36, off by
    /// default, would). cluster-autoscaler sets ReleaseOnCancel but runs
    /// the election with context.TODO(), which nothing cancels, and its
    /// SIGTERM handler calls os.Exit(0) (cluster-autoscaler main.go
    /// registerSignalHandlers): it never releases. kube-vip sets
    /// ReleaseOnCancel (pkg/election/election.go) and cancels its context
    /// on SIGTERM (pkg/manager/manager.go waitForShutdown).
    var releasesOnCancel: Bool { self == .kubeScheduler || self == .kubeVip }
}

extension World {
    /// The leader's release, sent at SIGTERM through the address it dials
    /// and decided when sent (its etcd round trip, milliseconds, is not
    /// waited for): written if the apiserver serves and the record is
    /// still the one the leader last observed (the Update carries its
    /// resourceVersion); otherwise the lease is left to expire.
    mutating func releaseLease(_ candidate: Int) {
        let lease = leases.candidates[candidate].lease
        let index = lease.index
        let host = leases.candidates[candidate].host
        guard case .answered = callAPIServer(from: host, dialling: scenario.topology.access.dials.dial(of: lease)).outcome,
            leases.records[index].version == leases.candidates[candidate].observedVersion,
            leases.records[index].holder?.candidate == candidate
        else {
            return record(entity: "lease/\(lease.rawValue)", kind: .leaseReleased, detail: "\(hosts[host].name): release failed, the lease expires")
        }
        leases[record: index].release()
        record(entity: "lease/\(lease.rawValue)", kind: .leaseReleased, detail: "\(hosts[host].name): holder cleared")
    }
}
