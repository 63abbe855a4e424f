import SimKernel

/// The endpoints of the `kubernetes` service in the `default` namespace, as
/// the apiservers' endpoint reconciler writes them (kubernetes
/// pkg/controlplane/reconcilers; FACTS.md "API server and the kubernetes
/// service"). In-cluster clients reach the apiservers through these.
///
/// `endpoints` is the written object, not a live view: it changes only when an
/// apiserver runs its reconcile loop (every `reconcileInterval`,
/// DefaultEndpointReconcilerInterval 10 s) and can write. So a dead
/// apiserver's address stays until some live apiserver's reconcile removes it,
/// and in the master-count mode possibly for ever. Addresses are host ids;
/// their ascending order stands for the lexicographic order of the IPs, which
/// the master-count reconciler's trimming depends on (assumption: IPs are
/// assigned in host order).
public struct KubernetesServiceEndpoints: Hashable, Sendable {
    public enum Reconciler: Hashable, Sendable {
        /// `--endpoint-reconciler-type=lease`, the default since v1.11
        /// (lease.go): each apiserver refreshes a key with a TTL and rewrites
        /// the endpoints from the unexpired keys, never to an empty list.
        case lease
        /// `--endpoint-reconciler-type=master-count` with `--apiserver-count`
        /// (instancecount.go): each apiserver adds its own address and trims
        /// the list to the count; nothing removes a dead apiserver's address
        /// while the list is within the count.
        case masterCount(apiserverCount: Int)
        /// `--endpoint-reconciler-type=none`: the endpoints stay as first
        /// written.
        case none
        /// GCE HA masters: "instead of trying to keep an up-to-date list of
        /// Kubernetes apiserver in the Kubernetes service, the system directs
        /// all traffic to the external IP" (docs ha-master-gce, "Master service
        /// & kubelets"). The list of hosts is empty; requests follow
        /// `ExternalEndpoint`.
        case externalIP
    }

    /// The lease key TTL, DefaultEndpointReconcilerTTL (15 s): "each key is
    /// expected to have a TTL of R+n, where R is the refresh interval" (lease.go).
    public static let defaultLeaseTTL = SimDuration.seconds(15)
    /// DefaultEndpointReconcilerInterval (10 s).
    public static let defaultReconcileInterval = SimDuration.seconds(10)

    public private(set) var reconciler: Reconciler
    public var leaseTTL: SimDuration
    /// How often each apiserver reconciles; the World schedules the calls.
    public var reconcileInterval: SimDuration
    /// The written endpoints, ascending.
    public private(set) var endpoints: [Int]
    /// Writes that changed the endpoints.
    public private(set) var writes = 0
    /// Lease keys: host and expiry, ascending by host (no hash table, so the
    /// order never depends on hashing).
    private var leases: [LeaseKey] = []

    private struct LeaseKey: Hashable, Sendable {
        var host: Int
        var expires: SimInstant
    }

    /// The service as written when the cluster started: `initial` are the
    /// apiservers running then (ignored for `.externalIP`). Under `.lease`
    /// their keys are taken as fresh at `start`.
    public init(
        reconciler: Reconciler, initial: [Int], at start: SimInstant = .start,
        leaseTTL: SimDuration = defaultLeaseTTL, reconcileInterval: SimDuration = defaultReconcileInterval
    ) {
        self.reconciler = reconciler
        self.leaseTTL = leaseTTL
        self.reconcileInterval = reconcileInterval
        var sorted = sortedUniqueHosts(initial)
        if case .masterCount(let count) = reconciler, sorted.count > count {
            sorted.removeLast(sorted.count - count)
        }
        endpoints = reconciler == .externalIP ? [] : sorted
        if reconciler == .lease {
            leases = sorted.map { LeaseKey(host: $0, expires: start + leaseTTL) }
        }
    }

    /// Whether in-cluster clients go through the external IP instead of
    /// `endpoints`.
    public var routesThroughExternalIP: Bool { reconciler == .externalIP }

    /// The operator changed --apiserver-count (master-count only; the HA
    /// docs ask for it with every replica added or removed). Takes effect at
    /// the apiservers' next reconciles, which trim the list to the count.
    public mutating func setAPIServerCount(_ count: Int) {
        guard case .masterCount = reconciler else { return }
        reconciler = .masterCount(apiserverCount: count)
    }

    /// The endpoints at `now`: the written object, which does not change
    /// between reconciles (the argument is for callers that think in time).
    public func endpoints(at now: SimInstant) -> [Int] { endpoints }

    /// Hosts whose lease key has not expired at `now` (`.lease` only).
    public func liveLeases(at now: SimInstant) -> [Int] {
        leases.filter { $0.expires > now }.map(\.host)
    }

    /// A live apiserver on `host` ran its reconcile loop at `now` and could
    /// write to etcd. Returns whether the endpoints changed.
    @discardableResult
    public mutating func apiserverReconciled(host: Int, at now: SimInstant) -> Bool {
        switch reconciler {
        case .lease:
            // "Refresh the TTL on our key, independently of whether any error
            // or update conflict happens below" (lease.go ReconcileEndpoints).
            refreshLease(host: host, expires: now + leaseTTL)
            return rewriteFromLeases(at: now)
        case .masterCount(let count):
            // "We *always* add our own IP address", then remove the IPs
            // immediately following our own in sorted order, wrapping around,
            // until the count is met (instancecount.go). A dead apiserver's
            // address goes only when it is the one following a live
            // apiserver's and the list is over the count.
            var list = endpoints
            if !list.contains(host) {
                list.append(host)
                list.sort()
            }
            while list.count > count, let own = list.firstIndex(of: host) {
                list.remove(at: (own + 1) % list.count)
            }
            return write(list)
        case .none, .externalIP:
            return false
        }
    }

    /// The apiserver on `host` shut down gracefully at `now` (RemoveEndpoints):
    /// under `.lease` it deletes its key and rewrites from the rest (never to
    /// empty); under `.masterCount` it removes its own address. A crash calls
    /// nothing: that is the case the reconcilers differ on.
    @discardableResult
    public mutating func apiserverStopped(host: Int, at now: SimInstant) -> Bool {
        switch reconciler {
        case .lease:
            leases.removeAll { $0.host == host }
            return rewriteFromLeases(at: now)
        case .masterCount:
            return write(endpoints.filter { $0 != host })
        case .none, .externalIP:
            return false
        }
    }

    private mutating func refreshLease(host: Int, expires: SimInstant) {
        if let index = leases.firstIndex(where: { $0.host == host }) {
            leases[index].expires = expires
        } else {
            leases.append(LeaseKey(host: host, expires: expires))
            leases.sort { $0.host < $1.host }
        }
    }

    /// Expired keys vanish from etcd; the endpoints become the live keys,
    /// unless there are none: "refusing to erase all endpoints for the
    /// kubernetes service" (lease.go doReconcile).
    private mutating func rewriteFromLeases(at now: SimInstant) -> Bool {
        leases.removeAll { $0.expires <= now }
        let live = leases.map(\.host)
        guard !live.isEmpty else { return false }
        return write(live)
    }

    private mutating func write(_ list: [Int]) -> Bool {
        guard list != endpoints else { return false }
        endpoints = list
        writes += 1
        return true
    }

    /// Moves every lease key's expiry `span` later (a frozen control plane).
    mutating func delayExpiries(by span: SimDuration) {
        for index in leases.indices { leases[index].expires = leases[index].expires + span }
    }
}
