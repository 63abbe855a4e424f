/// Why an availability condition fails, decided from the World's state when
/// the failing stretch starts (and again when that state changes within it):
/// see `World.downtimeMechanism(for:)` and docs/FAILURES.md, "Downtime
/// attribution". The raw value is what the `downtime` table stores.
public enum DowntimeMechanism: String, CaseIterable, Hashable, Sendable {
    /// Fewer than a quorum of etcd voters are running, or no member reaches
    /// a quorum of running voters over the network (etcd Raft: a write
    /// commits on floor(n/2)+1 members).
    case quorumLoss = "quorum loss"
    /// A quorum of voters runs and is connected, but none leads yet: the
    /// election timeout and the vote (etcd's 1 s election timeout, randomized).
    case election = "election"
    /// A controller lease (kube-controller-manager, kube-scheduler) has no
    /// holder: client-go's lease must expire before another instance takes it.
    case leaseTakeover = "lease takeover"
    /// A load balancer creation or removal is propagating and the external IP
    /// leads nowhere that serves.
    case loadBalancerPropagation = "LB propagation"
    /// The load balancer forwards nothing (a load balancer outage), or the
    /// external IP points nowhere.
    case loadBalancerBlackout = "LB blackout"
    /// The load balancer still sends new connections to a backend whose
    /// apiserver does not serve, because its health check has not yet seen
    /// `unhealthyThreshold` failed probes in a row (Access/BackendHealth.swift).
    case healthCheckDelay = "LB health-check delay"
    /// The load balancer has no health check, so it keeps sending to a dead
    /// backend for as long as it is dead.
    case noHealthCheck = "LB without health check"
    /// A new connection went to an address of a dead apiserver that the
    /// client picks itself, with no health check in between: a DNS record
    /// still served until its TTL, a `kubernetes` service endpoint not yet
    /// removed (lease reconciler: 15 s TTL), or a named replica.
    case newConnectionToDeadBackend = "new connection to a dead backend"
    /// The client's long-lived connection is pinned to a silent host until
    /// client-go's HTTP/2 health check closes it (Access/ClientConnection.swift).
    case pinnedConnection = "pinned connection"
    /// The apiserver the client is connected to, or every one it can reach,
    /// does not serve: its process or host is down, it is cut off, or its
    /// etcd path fails (stacked: its local member is down, although a quorum
    /// leads elsewhere) and it answers every request with an error, so the
    /// connection stays.
    case apiServerNotServing = "apiserver not serving"
    /// Pods on a lost node are still counted on it until the node lifecycle
    /// controller's grace period and the taint eviction have run.
    case evictionDelay = "eviction delay"
    /// Pods wait for a node with room: nowhere to schedule them.
    case noCapacity = "no capacity"
    /// A Service's EndpointSlices still list pods on a node that does not
    /// serve (its host died, froze or went dark with its zone): the API
    /// shows them Ready until the node lifecycle controller marks its node
    /// Unknown, one grace period after its last lease renewal, and sets
    /// its pods not ready (`MarkPodsNotReady`, at the controller's API
    /// budget), and kube-proxy, which spreads new connections over the
    /// listed endpoints (iptables `statistic --mode random`, IPVS round
    /// robin), sends a share of them there (Workers/WorkloadPods.swift).
    case staleEndpoint = "stale endpoint"
    /// A Service lists no endpoint at all although its workload wants
    /// replicas: every pod is gone or not Ready in the API, so kube-proxy
    /// rejects its connections.
    case noReadyEndpoints = "no ready endpoints"
    /// No master holds the virtual IP: keepalived's holder died or froze and
    /// the backups wait out VRRP's master-down interval (about 3.6 s with
    /// kubeadm's priorities, `VirtualIPSettings`), or kube-vip's leader
    /// stopped and the others wait for its Lease to expire (`KubeVipSettings`).
    case virtualIPFailover = "VIP failover"
    /// No master holds kube-vip's virtual IP because its leader gave it up
    /// on a live master: the Lease is renewed through the apiserver the
    /// address fronts, so a dead local apiserver or an etcd quorum loss
    /// failed the renewals past the renew deadline, and no one takes the
    /// address until a renewal through the control plane works again
    /// (`KubeVipSettings`).
    case virtualIPLostWithControlPlane = "VIP lost with the control plane"
    /// The master holding the virtual IP answers on it, but its HAProxy is
    /// down: connections are refused until keepalived's `vrrp_script` has
    /// failed `fall` times and a backup outranks the holder
    /// (`VRRPScriptSettings`).
    case haproxyDownOnHolder = "HAProxy down on the VIP holder"
    /// A node of the AWS NLB that clients still reach has no target to send
    /// to: cross-zone load balancing is off and its zone has no healthy
    /// master. DNS stops answering with the node, but a client that
    /// resolved before keeps its address for the record's TTL, and its
    /// connections fail (`NetworkLoadBalancer`).
    case nlbZoneWithoutHealthyTarget = "NLB zone without healthy target"
    /// A long-lived connection through the AWS NLB stays on a target its
    /// checks marked unhealthy: Cluster API AWS turns the target group's
    /// connection termination off, so only the client's HTTP/2 health check
    /// frees it (`World+NetworkLoadBalancer.swift`).
    case connectionKeptOnUnhealthyTarget = "connection kept on an unhealthy target"
    /// kube-vip's BGP mode: the router still holds a route to a master whose
    /// apiserver does not serve, and hashes new flows to it: a silent host
    /// until its session's hold time runs out, or a live one whose
    /// apiserver is down or not yet up, for as long as its kube-vip runs
    /// (`BGPSettings`).
    case bgpRouteToMasterNotServing = "BGP route to a master not serving"
    /// With external etcd, the apiserver serving the client sends some of
    /// its etcd requests on a connection to a member that died without a
    /// reset (its host crashed, froze or was cut off): clientv3 balances
    /// requests over every member's connection, and those on the silent one
    /// hang until gRPC closes it: 10 s after the first request sent into
    /// the silence (TCP_USER_TIMEOUT, set to the keepalive timeout), or
    /// 30 s + 10 s after its last frame when it sends nothing (kubernetes
    /// staging/src/k8s.io/apiserver/pkg/storage/storagebackend/factory/
    /// etcd3.go; grpc-go internal/transport/http2_client.go;
    /// APIServers/EtcdClient.swift).
    case etcdClientOnDeadMember = "etcd client on dead member"
    /// None of the above could be seen in the World's state.
    case unexplained = "unexplained"
}
