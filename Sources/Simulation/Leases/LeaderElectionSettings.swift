import SimKernel

/// client-go leader election timing, shared by every lease (FACTS.md,
/// "Leader election"). The defaults are component-base's
/// LeaderElectionConfiguration defaults: 15 s / 10 s / 2 s.
public struct LeaderElectionSettings: Hashable, Sendable {
    /// How long a candidate waits, on its own clock, after it last saw the
    /// record change before it may take the lease over.
    public var leaseDuration: SimDuration = .seconds(15)
    /// How long the holder keeps trying to renew, on its own clock, before it
    /// stops leading.
    public var renewDeadline: SimDuration = .seconds(10)
    /// The interval between tries (with jitter while acquiring).
    public var retryPeriod: SimDuration = .seconds(2)
    /// Time from a process exiting (after losing its lease) to the new process
    /// trying to acquire. Assumption, not a measured figure: kubelet restarts
    /// an exited static-pod container on its next sync (PLEG relists every
    /// 1 s) and only backs off from 10 s (doubling to 5 min) when the
    /// container keeps exiting (kubelet CrashLoopBackOff, pkg/kubelet
    /// kubelet.go backOffPeriod); container start-up adds a little.
    public var restartDelay: Distribution = .uniform(low: .seconds(1), high: .seconds(3))

    /// How long one request of the leader-election client may take before
    /// the client gives up. kube-controller-manager and kube-scheduler build
    /// their lock with client-go's resourcelock.NewFromKubeconfig
    /// (cmd/kube-controller-manager/app/controllermanager.go leaderElectAndRun;
    /// cmd/kube-scheduler/app/options/options.go makeLeaderElectionConfig),
    /// which sets the client's Timeout to max(1 s, RenewDeadline / 2) "to
    /// keep a single hung request from forcing a leader loss"
    /// (client-go tools/leaderelection/resourcelock/interface.go). (The
    /// LeaderElectionClient with Timeout = RenewDeadline that
    /// cmd/kube-controller-manager/app/options/options.go still builds is
    /// not the one the lock uses.) cluster-autoscaler passes its ordinary
    /// client, which sets no Timeout (cluster-autoscaler main.go
    /// resourcelock.New; utils/kubernetes/client.go): its request ends when
    /// the apiserver's own request timeout answers it. kube-vip builds its
    /// LeaseLock on its own client (pkg/election/election.go), whose rest
    /// config carries a 10 s timeout (`KubeVipSettings.requestTimeout`).
    func requestTimeout(for lease: LeaseName) -> SimDuration {
        switch lease {
        case .kubeControllerManager, .kubeScheduler:
            return max(.seconds(1), SimDuration(nanoseconds: renewDeadline.nanoseconds / 2))
        case .clusterAutoscaler:
            return APIServer.requestTimeout
        case .kubeVip:
            return KubeVipSettings.requestTimeout
        }
    }

    /// client-go tools/leaderelection/leaderelection.go: JitterFactor = 1.2.
    public static let jitterFactor = 1.2

    public init() {}

    /// The lease duration as the record stores it: whole seconds
    /// (LeaseDurationSeconds: int(LeaseDuration / time.Second)).
    public var recordedLeaseDuration: SimDuration { .seconds(leaseDuration.nanoseconds / SimDuration.nanosecondsPerSecond) }

    /// The first rule of client-go's NewLeaderElector that the settings
    /// break, or nil when they are valid.
    public var violation: String? {
        if leaseDuration <= renewDeadline {
            return "leaseDuration (\(leaseDuration)) must be greater than renewDeadline (\(renewDeadline))"
        }
        let jittered = SimDuration(seconds: retryPeriod.seconds * Self.jitterFactor)
        if renewDeadline <= jittered {
            return "renewDeadline (\(renewDeadline)) must be greater than retryPeriod*1.2 (\(jittered))"
        }
        if leaseDuration < .seconds(1) { return "leaseDuration (\(leaseDuration)) must be at least 1s: the record stores whole seconds" }
        if retryPeriod <= .zero { return "retryPeriod must be greater than zero" }
        return nil
    }
}
