import SimKernel

/// The failure zones and the hosts placed in them.
///
/// Hosts are named `master-<zone>-<n>` and `worker-<zone>-<n>`, n counted from 1
/// within the zone, and get dense ids: masters first in zone order, then
/// workers. Dense ids keep every per-host table an array (DESIGN.md §2: no
/// hash-order iteration in the model).
public struct Topology: Hashable, Sendable {
    public var zones: [String]
    /// Masters per zone, parallel to `zones`.
    public var mastersPerZone: [Int]
    /// Workers per zone, parallel to `zones`.
    public var workersPerZone: [Int]
    /// External etcd: members on their own hosts, per zone. Nil means stacked
    /// etcd, one member on every master (kubeadm's default HA topology).
    public var externalEtcdPerZone: [Int]?
    public var etcd = EtcdSettings()
    public var network = NetworkSettings()
    public var scaling = ScalingSettings()
    public var access = AccessSettings()
    /// Masters that may exist per zone over the run, including those added
    /// by operations later; nil means exactly `mastersPerZone`. Masters
    /// beyond the initial count start unprovisioned.
    public var masterCapacityPerZone: [Int]?
    /// Workers a node pool upgrade (`upgradeWorkers`) adds per zone, after
    /// each zone's other worker slots; nil: none.
    public var workerSurgePerZone: [Int]?
    public var leaderElection = LeaderElectionSettings()
    /// ADDON_MANAGER_LEADER_ELECTION of kube-addons.sh, true by default: an
    /// add-on manager applies the add-ons only while its master runs the
    /// kube-controller-manager lease holder (or when it cannot read who
    /// does); false: every master applies them independently.
    public var addonManagerLeaderElection = true
    /// kube-apiserver's --shutdown-delay-duration: after SIGTERM it fails
    /// /readyz but serves on this long before it closes its listener. 0 by
    /// default (k8s.io/apiserver pkg/server/config.go NewConfig,
    /// ShutdownDelayDuration), and kubeadm's static pod sets no
    /// shutdown flag (cmd/kubeadm/app/phases/controlplane/manifests.go).
    public var apiServerShutdownDelay = SimDuration.zero
    /// The apiserver's etcd client keepalive: a gRPC ping after this long
    /// without a frame from the member (kubernetes staging/src/k8s.io/
    /// apiserver/pkg/storage/storagebackend/factory/etcd3.go `keepaliveTime`,
    /// passed as clientv3 `DialKeepAliveTime`). It matters with external
    /// etcd, where a member can go silent while the apiserver lives.
    public var apiServerEtcdKeepaliveTime = SimDuration.seconds(30)
    /// The connection is closed when the ping has no answer by then (the
    /// same file's `keepaliveTimeout`, clientv3 `DialKeepAliveTimeout`);
    /// grpc-go sets it as TCP_USER_TIMEOUT too (internal/transport/
    /// http2_client.go `newHTTP2Client`), so a connection whose sent data
    /// stays unacknowledged this long closes then.
    public var apiServerEtcdKeepaliveTimeout = SimDuration.seconds(10)
    /// Kubelets, the node lifecycle controller, the scheduler and the
    /// autoscaler: the worker side (Workers/).
    public var workerNodes = WorkerSettings()

    public init(zones: [String], mastersPerZone: [Int], workersPerZone: [Int], externalEtcdPerZone: [Int]? = nil) {
        precondition(zones.count == mastersPerZone.count && zones.count == workersPerZone.count)
        self.zones = zones
        self.mastersPerZone = mastersPerZone
        self.workersPerZone = workersPerZone
        self.externalEtcdPerZone = externalEtcdPerZone
    }

    /// Masters first, then external etcd hosts, then workers, each in zone order.
    public var hosts: [Host] {
        var result: [Host] = []
        let groups = [(HostRole.master, masterCapacityPerZone ?? mastersPerZone), (.etcd, externalEtcdPerZone ?? []), (.worker, workerSlotsPerZone)]
        for (role, counts) in groups {
            for (zone, count) in counts.enumerated() where count > 0 {
                for n in 1...count {
                    let initial = role == .etcd || n <= (role == .master ? mastersPerZone : workersPerZone)[zone]
                    result.append(Host(id: result.count, name: "\(role.rawValue)-\(zones[zone])-\(n)", role: role, zone: zone,
                                       initiallyProvisioned: initial))
                }
            }
        }
        return result
    }

    /// The leases candidates compete for: every control plane's, and
    /// kube-vip's when it elects the virtual IP's holder.
    public var leases: [LeaseName] { access.electsVirtualIPByLease ? LeaseName.controlPlane + [.kubeVip] : LeaseName.controlPlane }

    public var masterCount: Int { mastersPerZone.reduce(0, +) }
    /// Master hosts over the whole run, those added later included: they are
    /// host ids 0..<masterSlots (masters come first).
    public var masterSlots: Int { (masterCapacityPerZone ?? mastersPerZone).reduce(0, +) }
    public var workerCount: Int { workersPerZone.reduce(0, +) }
    /// Worker hosts per zone over the whole run: the autoscaler's node group
    /// maximum, of which the first `workersPerZone` exist from the start.
    public var workerSlotsPerZone: [Int] {
        let pool = workerNodes.maximumPerZone.map { zip($0, workersPerZone).map { max($0, $1) } } ?? workersPerZone
        guard let surge = workerSurgePerZone else { return pool }
        return zip(pool, surge).map { $0 + $1 }
    }
    public var workerSlots: Int { workerSlotsPerZone.reduce(0, +) }
    /// The hosts whose kubelets the Workers subsystem runs: the workers,
    /// and the masters when `topology.kubelet.controlPlaneNodes` makes
    /// them nodes too.
    public var nodeSlots: Int { workerSlots + (workerNodes.controlPlaneNodes ? masterSlots : 0) }
}

public enum HostRole: String, Hashable, Sendable {
    case master, etcd, worker
}

/// A host of the topology, as placed; its changing state lives in the World.
public struct Host: Hashable, Sendable {
    public var id: Int
    public var name: String
    public var role: HostRole
    public var zone: Int
    /// False for masters that only a later operation adds.
    public var initiallyProvisioned = true
}

extension Topology {
    /// etcd members per zone. Stacked etcd (the default, kubeadm's stacked
    /// topology) runs one member on every master.
    public var etcdMembersPerZone: [Int] { externalEtcdPerZone ?? mastersPerZone }

    /// The hosts that run an etcd member, in member order.
    public var etcdHosts: [Host] {
        hosts.filter { $0.role == (externalEtcdPerZone == nil ? .master : .etcd) }
    }
}
