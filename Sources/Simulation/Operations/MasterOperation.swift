import SimKernel

/// A change to the set of masters, as the GCE HA procedure performs it: by
/// default in the order of kubernetes cluster/gce/util.sh (replicate-master
/// adds the etcd member before creating the VM, so quorum grows before the
/// member can vote; kube-down removes the member before the VM), or in the
/// legacy order of the documentation (`AccessSettings.Procedure`); see
/// World+Masters and docs/EXTERNAL-ACCESS.md. Operations run one at a time, in
/// order: each starts at its `at` or when the previous one finished,
/// whichever is later, as etcd accepts one membership change at a time.
public struct MasterOperation: Hashable, Sendable {
    /// When the operation is requested (fixed, so that the sequence of
    /// masters, and so their names, are known before the run).
    public var at: SimDuration
    public var kind: Kind
    /// A removal that first stops the master's control-plane processes
    /// gracefully, as a `stop` fault does (World+StopAndReboot), and deletes
    /// the VM once they have exited; otherwise the VM is deleted under them.
    public var graceful: Bool
    /// The scenario's `operations[]` entry it is a step of (a
    /// `replaceMasters` or `scaleMasters` entry makes several), which
    /// downtime attribution names; nil for one built in code.
    public var entry: Entry?

    public struct Entry: Hashable, Sendable {
        /// Its index in `operations`, or in `maintenance` for an occurrence
        /// of a recurring procedure.
        public var index: Int
        /// Its key: `addMaster`, `removeMaster`, `scaleMasters`, `upgradeMasters`, `replaceMasters`.
        public var kind: String
        /// An occurrence of `maintenance[index]` rather than `operations[index]`.
        public var maintenance: Bool

        public init(index: Int, kind: String, maintenance: Bool = false) {
            self.index = index
            self.kind = kind
            self.maintenance = maintenance
        }
    }

    public enum Kind: Hashable, Sendable {
        /// Provision this (not yet provisioned) master host.
        case add(host: Int)
        /// Remove this master host.
        case remove(host: Int)
        /// Upgrade these masters in place, one at a time, as kubeadm does
        /// (`InPlaceUpgrade`, World+UpgradeMasters).
        case upgrade(InPlaceUpgrade)
        /// Drain this worker node, as `kubectl drain` does (`NodeDrain`,
        /// World+Drains).
        case drain(NodeDrain)
        /// Replace these worker nodes, as a node pool's surge upgrade does
        /// (`WorkerUpgrade`, World+WorkerUpgrade).
        case upgradeWorkers(WorkerUpgrade)
    }

    /// An occurrence of a recurring procedure (`maintenance[]`).
    public var isMaintenance: Bool { entry?.maintenance == true }

    public init(at: SimDuration, kind: Kind, graceful: Bool = false, entry: Entry? = nil) {
        self.at = at
        self.kind = kind
        self.graceful = graceful
        self.entry = entry
    }
}

/// Timings of scaling operations.
public struct ScalingSettings: Hashable, Sendable {
    /// From the request to a booted VM. An assumption (about a minute on
    /// GCE), not a measured figure.
    public var vmStart: Distribution = .uniform(low: .seconds(45), high: .seconds(90))
    /// Copying etcd's data to a new member before it starts; grows with the
    /// data size (the GCE docs warn it is slow on large clusters). An
    /// assumption for a small cluster.
    public var etcdDataCopy: Distribution = .uniform(low: .seconds(10), high: .seconds(30))
    /// etcd's data size in MB: when set, the copy takes size / `copyRateMBps`
    /// instead of a draw from `etcdDataCopy` (the GCE docs: copying etcd's
    /// state "may take a long time" on large clusters).
    public var etcdDataSizeMB: Double?
    /// Copy throughput in MB/s; an assumption (a VM disk-to-disk copy over
    /// the network), set your own.
    public var copyRateMBps: Double = 50

    /// The copy time of one new member's data.
    func dataCopy(_ stream: inout RandomStream) -> SimDuration {
        if let size = etcdDataSizeMB { return SimDuration(seconds: size / copyRateMBps) }
        return etcdDataCopy.sample(&stream)
    }

    /// How often a membership request is retried while etcd has no leader
    /// with quorum or another change is pending (etcdctl retries; 1 s is an assumption).
    public var retry: SimDuration = .seconds(1)

    public init() {}
}

/// The steps of a master operation, as events.
public enum MasterOperationStep: UInt8, Hashable, Sendable {
    /// The operation's turn has come: ask for the VM, or the member's removal.
    case begin
    /// The new VM has booted.
    case vmReady
    /// Ask etcd's leader for the membership change (again, if it is not applied yet).
    case proposeMember
    /// The new member's data is copied: start its etcd.
    case memberStart
    /// Scripted procedure: the static IP is detached from the first master.
    case ipDetached
    /// Scripted procedure: the target pool exists, holding the first master.
    case targetPoolCreated
    /// Scripted procedure: create-loadbalancer's once-a-second check that
    /// the load balancer answers.
    case loadBalancerPoll
    /// Scripted procedure: the forwarding rule's deletion is done.
    case forwardingRuleDeleted
    /// Scripted procedure: the static IP is attached to the last master.
    case ipAttached
    /// A graceful removal: the master's processes have all exited. An
    /// upgrade: the replaced static pod's process has exited.
    case stopped
    /// An upgrade: the kubelet has started the new static pod's process.
    case componentStarted
    /// An upgrade: kubeadm's poll that the new static pod is up and healthy.
    case healthPoll
}
