extension AccessSettings {
    /// Every warning `hasim analyze` prints about the access set-up: the
    /// outside client's TLS set-up, a virtual IP that depends on the control
    /// plane it fronts, and control-plane components that depend on the
    /// address they are meant to keep working behind.
    public var warnings: [AccessWarning] { certificateWarnings + selfDependencyWarnings + componentDialWarnings }

    /// Control-plane components that reach the API through the cluster's
    /// endpoint (`topology.access.dials`) stop with it: a lost virtual IP or
    /// load balancer costs them their leases while every apiserver serves.
    var componentDialWarnings: [AccessWarning] {
        let parts: [(String, ComponentDial)] = [
            ("kube-controller-manager", dials.kubeControllerManager), ("kube-scheduler", dials.kubeScheduler),
            ("cluster-autoscaler", dials.clusterAutoscaler), ("the add-on managers", dials.addonManagers),
        ]
        let names = parts.filter { $0.1 == .clusterEndpoint }.map(\.0)
        guard !names.isEmpty else { return [] }
        return [
            AccessWarning(
                code: "control-plane-dials-endpoint",
                message:
                    "topology.access.dials sends \(names.joined(separator: ", ")) through the cluster's endpoint: when the endpoint is lost (no virtual IP holder, no healthy load balancer target) the leases are lost after the renew deadline and the control plane stops reconciling while every apiserver serves; kubeadm points kube-controller-manager and kube-scheduler at the local apiserver since 1.19.1 (kubernetes PR 94398)"
            )
        ]
    }

    /// kube-vip renews its Lease through the local apiserver
    /// (`KubeVipSettings`): an etcd quorum loss takes the address down with
    /// it, and so does a dead apiserver on the holder: the address leaves
    /// with the control plane it was meant to make reachable.
    var selfDependencyWarnings: [AccessWarning] {
        guard electsVirtualIPByLease else { return [] }
        let deadline = kubeVip.election.renewDeadline
        return [
            AccessWarning(
                code: "vip-depends-on-control-plane",
                message:
                    "kube-vip holds the virtual IP with a Lease it renews through the apiserver on its own master: an etcd quorum loss, or a dead apiserver on the holder, that outlasts its renew deadline (\(deadline)) takes the address down, and it comes back only when a renewal through the control plane works again; keepalived with HAProxy (kubeadm's ha-considerations.md) or a cloud load balancer does not depend on etcd"
            )
        ]
    }
}
