import SimKernel

/// One class of API clients (a `clients:` entry): who they are, where they
/// run, what they dial and how they hold connections. The answer an
/// architect gets depends on the class: a long-lived client-go connection is
/// pinned to a dead master until its HTTP/2 health check gives up, while a
/// kubectl or CI job opens a new connection per command and so meets a dead
/// backend as often as the load balancer still sends it one
/// (docs/CLIENTS.md).
public struct ClientClass: Hashable, Sendable {
    /// How a client holds its connections to the apiservers.
    public enum Connection: String, Hashable, Sendable, CaseIterable {
        /// client-go's default: one HTTP/2 connection carries every request
        /// and stays until it breaks; a silent backend is noticed only by the
        /// HTTP/2 health check (ReadIdleTimeout, then PingTimeout;
        /// k8s.io/apimachinery pkg/util/net/http.go).
        case longLived
        /// A new connection for every request, as each kubectl or curl
        /// invocation, CI job or script makes: the load balancer picks a
        /// backend for every request.
        case perRequest
        /// HTTP/1.1 keep-alive (client-go with HTTP/2 disabled, or another
        /// language's client): the connection is reused, but a request that
        /// times out closes it (Go net/http discards a connection whose
        /// response was not read), so the next request dials again.
        case keepAlive
    }

    /// Where the clients run, which decides the network path they take.
    public enum Origin: String, Hashable, Sendable, CaseIterable {
        /// Beyond every zone: users, CI runners, outside tools.
        case outside
        /// In pods on the workers (spread over them in host order).
        case worker
        /// On the masters (one per master, in host order).
        case master
    }

    /// The address the clients dial.
    public enum Address: String, Hashable, Sendable, CaseIterable {
        /// The cluster's API address as `topology.access` makes it: the
        /// external IP (a master, or the load balancer behind it), the DNS
        /// name, or the replica `topology.access.clients.address` names.
        case clusterEndpoint
        /// The `kubernetes` service's ClusterIP: kube-proxy picks one of its
        /// endpoints per connection.
        case kubernetesService
        /// The apiserver on the client's own master (kubeadm points
        /// kube-controller-manager and kube-scheduler at the local
        /// apiserver); only for clients that run on masters.
        case localAPIServer
    }

    /// What the class's requests do in etcd.
    public enum Requests: String, Hashable, Sendable, CaseIterable {
        /// Each request is a write: committed through Raft before it is answered.
        case write
        /// Each request is a linearizable read: the leader confirms it
        /// leads with a heartbeat round to a quorum, nothing is appended.
        case read
    }

    /// The class's name: its metrics are `api.<name>.*` and its downtime
    /// condition `api.<name>`.
    public var name: String
    public var runs: Origin
    public var dials: Address
    public var connection: Connection
    public var requests: Requests
    /// How many clients of the class run; each long-lived or keep-alive
    /// client holds a connection of its own.
    public var count: Int
    /// Requests per second of each client.
    public var rate: Double
    /// How long a client waits for an accepted request before it fails.
    public var timeout: SimDuration

    public init(
        name: String, runs: Origin = .outside, dials: Address? = nil, connection: Connection = .longLived, requests: Requests = .write,
        count: Int = 1, rate: Double = 1, timeout: SimDuration = .seconds(5)
    ) {
        self.name = name
        self.runs = runs
        self.dials = dials ?? Self.defaultAddress(for: runs)
        self.connection = connection
        self.requests = requests
        self.count = count
        self.rate = rate
        self.timeout = timeout
    }

    /// What a client dials unless told: the cluster's endpoint from outside,
    /// the `kubernetes` service from a pod, the local apiserver on a master.
    public static func defaultAddress(for origin: Origin) -> Address {
        switch origin {
        case .outside: return .clusterEndpoint
        case .worker: return .kubernetesService
        case .master: return .localAPIServer
        }
    }

    /// The name of the outside long-lived probe: `api.external.*`.
    public static let externalName = "external"
    /// The name of the in-cluster probe: `api.incluster.*`.
    public static let inClusterName = "incluster"
    /// The name of the outside per-request class: `api.kubectl.*`.
    public static let perRequestName = "kubectl"

    /// Whether the class draws from `access/probes`, as the two probes that
    /// came before client classes did (so that their runs stay as they
    /// were); every other class draws from `clients/<name>`.
    static func sharesProbeStream(_ name: String) -> Bool { name == externalName || name == inClusterName }

    /// kubectl's dial timeout: client-go dials with a 30 s timeout
    /// (client-go transport/cache.go, `net.Dialer{Timeout: 30 * time.Second}`),
    /// and kubectl sets no request timeout of its own (`--request-timeout` 0).
    public static let perRequestTimeout = SimDuration.seconds(30)

    /// The population of a scenario that lists none: the outside long-lived
    /// probe and the in-cluster probe of `topology.access.clients`, and one
    /// outside per-request client (kubectl, CI) at one command a second
    /// through the same endpoint, its commands reads (get, list, describe:
    /// the common case). Kubelets are a class of their own, derived
    /// from the workers (Workers/).
    public static func defaultPopulation(_ access: AccessSettings) -> [ClientClass] {
        [
            ClientClass(name: externalName, runs: .outside, connection: .longLived, rate: access.externalClientRate, timeout: access.clientTimeout),
            ClientClass(name: inClusterName, runs: .worker, connection: .longLived, rate: access.inClusterClientRate, timeout: access.clientTimeout),
            ClientClass(name: perRequestName, runs: .outside, connection: .perRequest, requests: .read, rate: 1, timeout: perRequestTimeout),
        ]
    }
}
