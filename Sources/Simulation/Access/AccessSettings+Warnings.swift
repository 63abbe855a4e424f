extension AccessSettings {
    /// Every warning `hasim analyze` prints about the access set-up: the
    /// outside client's TLS set-up, and a virtual IP that depends on the
    /// control plane it fronts.
    public var warnings: [AccessWarning] { certificateWarnings + selfDependencyWarnings }

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
