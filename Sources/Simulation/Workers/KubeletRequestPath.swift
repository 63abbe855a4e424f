/// What a kubelet's lease request meets when it is sent, as the World finds
/// the kubelet's path (`World.kubeletPathOpens`).
enum KubeletRequestPath: Hashable {
    /// It reaches an apiserver whose etcd path commits: answered at once.
    case open
    /// It fails at once: the connection is refused or reset (an apiserver
    /// process died on a live host), or there is nothing to dial.
    case refused
    /// Nothing answers it: its backend's host is down, frozen or cut off, or
    /// its apiserver waits on an etcd that does not commit. The request
    /// waits until the heartbeat client's timeout, or until the path changes.
    case silent
}

/// How `World.kubeletPathOpens` left a kubelet's path.
struct KubeletPathOutcome {
    var path: KubeletRequestPath
    /// The connection under the kubelet's requests ended at this instant
    /// (a health-check close, a reset), failing a request in flight on it.
    var connectionEnded = false
    /// A dial failed, so a new one is due just before the next request.
    var redial = false
}
