/// Where the kubelets' requests can go at one instant, computed once for all
/// of them (`World.kubeletPaths`).
struct KubeletPaths {
    /// Whether each master's apiserver serves: up, and its etcd path commits.
    let serving: [Bool]
    /// The serving backends the cluster's endpoint leads to now.
    let live: [Int]
    /// The backends a new connection can be sent to: the endpoint's target,
    /// the load balancer's healthy backends (all of them when none is, or
    /// when it has no health check), or the DNS name's records.
    let dialable: [Int]
    /// Whether connections go through the external IP, and so die with its
    /// path to their backend.
    let throughExternalIP: Bool
    /// The master holding keepalived's virtual IP, whose HAProxy a new
    /// connection ends on (`Mode.virtualIP`); nil otherwise.
    var viaHolder: Int? = nil

    /// The paths of a kubelet that dials the apiserver on its own host
    /// (`ComponentDial.localAPIServer`): that apiserver alone, no external IP.
    func local(to host: Int) -> KubeletPaths {
        KubeletPaths(serving: serving, live: serving[host] ? [host] : [], dialable: [host], throughExternalIP: false)
    }
}
