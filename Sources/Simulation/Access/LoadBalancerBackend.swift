/// One master registered with the load balancer: its host id and the load
/// balancer's view of its health. Whether the host actually serves is the
/// World's knowledge, not the load balancer's; `LoadBalancerRouting` takes it
/// separately so that the gap between the two is what gets measured.
public struct LoadBalancerBackend: Hashable, Sendable {
    public var host: Int
    public var health: BackendHealth

    public init(host: Int, health: BackendHealth) {
        self.host = host
        self.health = health
    }
}
