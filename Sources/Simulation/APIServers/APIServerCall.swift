import SimKernel

/// What a request to the apiserver on the caller's own host meets. The
/// control-plane components reach their apiserver over loopback: kube-up's
/// kubeconfigs for them name `server: https://localhost:443`
/// (kubernetes cluster/gce/gci/configure-helper.sh,
/// create-kubecontrollermanager-kubeconfig and its siblings), so no
/// network link lies between them; the apiserver's own call to etcd is the
/// hop that takes time or hangs.
enum APIServerCall: Equatable {
    /// The apiserver process is down: the connection is refused at once.
    case refused
    /// Answered after the apiserver's round trip to the etcd leader.
    case answered(after: SimDuration)
    /// The apiserver runs but its etcd path has no leader with a quorum (or
    /// is cut off from it): the request waits (`HungCall`); the caller
    /// registers it with `holdHungCall`.
    case hangs
}
