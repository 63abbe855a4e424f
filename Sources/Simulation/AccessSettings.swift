import SimKernel

/// How clients reach the apiservers from outside: the external IP and the
/// load balancer behind it (docs/EXTERNAL-ACCESS.md).
public struct AccessSettings: Hashable, Sendable {
    /// Time for a load balancer's creation or removal to take effect: about
    /// 20 minutes (GCE HA master docs; kube-up polls up to 30 minutes).
    public var loadBalancerPropagation: Distribution = ExternalEndpoint.defaultPropagation

    public init() {}
}
