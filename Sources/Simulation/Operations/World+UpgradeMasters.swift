import SimKernel

/// `upgradeMasters` (`InPlaceUpgrade`): kubeadm's in-place upgrade, one
/// master at a time and on each one static pod at a time, in kubeadm's
/// order (staticpods.go StaticPodControlPlane). Replacing a pod's manifest
/// makes the kubelet stop the old pod, which is a graceful stop of that one
/// process (World+StopAndReboot: the apiserver's shutdown delay and GOAWAY,
/// an etcd leader's leadership transfer, a released lease), and start the
/// new one after `restart`. kubeadm then polls every `poll` until the new
/// pod is up (upgradeComponent: WaitForStaticPodHashChange, then
/// WaitForPodsWithLabel; for etcd, WaitForClusterAvailable) and only then
/// replaces the next pod, or, once the master's last pod is up, goes on to
/// the next master. After `timeout` without the pod up it rolls back and the
/// upgrade ends there.
extension World {
    mutating func upgradeStep(_ index: Int, _ upgrade: InPlaceUpgrade, _ step: MasterOperationStep) {
        switch step {
        case .begin:
            operations.beginUpgrade()
            replaceNextPod(index, upgrade)
        case .stopped:
            queue.schedule(.operations(.step(index: index, step: .componentStarted)), after: upgrade.restart.sample(&random[operations.streams[index]]))
        case .componentStarted:
            // The kubelet starts the new pod: the old process's hold comes off.
            finishGracefulStop(.operation(index))
            pollUpgrade(index, upgrade)
        case .healthPoll:
            pollUpgrade(index, upgrade)
        default:
            break
        }
    }

    /// The static pods kubeadm replaces on `host`: etcd only where it is a
    /// local (stacked) member (performEtcdStaticPodUpgrade refuses external
    /// etcd), then the apiserver, controller manager and scheduler.
    func upgradedPods(_ host: Int) -> [StaticPod] {
        StaticPod.kubeadmOrder.filter { $0 != .etcd || (stackedEtcd && etcd.memberOfHost[host] != nil) }
    }

    /// kubeadm moves the next pod's new manifest in place, or, past the
    /// last master, the upgrade is done.
    mutating func replaceNextPod(_ index: Int, _ upgrade: InPlaceUpgrade) {
        guard let progress = operations.upgrade else { return }
        guard progress.master < upgrade.hosts.count else {
            operations.endUpgrade()
            return finishOperation(index)
        }
        let host = upgrade.hosts[progress.master]
        let pod = upgradedPods(host)[progress.pod]
        if progress.pod == 0 {
            let command = progress.master == 0 ? "kubeadm upgrade apply" : "kubeadm upgrade node"
            record(entity: hosts[host].name, kind: .masterUpgradeStarted, detail: command)
        }
        record(entity: "\(pod.rawValue)/\(hosts[host].name)", kind: .staticPodReplaced, detail: "new manifest moved in place; the kubelet restarts the pod")
        operations.startWaiting(at: now)
        startGracefulStop(.operation(index), host: host, reboot: false, downtime: nil, only: pod)
    }

    /// kubeadm's wait for the replaced pod: up, then the next one; past the
    /// timeout, the upgrade stops (kubeadm rolls the manifest back, which
    /// the model leaves out: the pod keeps running as it is).
    mutating func pollUpgrade(_ index: Int, _ upgrade: InPlaceUpgrade) {
        guard let progress = operations.upgrade, let since = progress.waitingSince else { return }
        let host = upgrade.hosts[progress.master]
        let pods = upgradedPods(host)
        let pod = pods[progress.pod]
        if faults[stop: .operation(index)] == nil && staticPodUp(pod, host: host) {
            record(entity: "\(pod.rawValue)/\(hosts[host].name)", kind: .staticPodUp, detail: "after \(now - since)")
            operations.advanceUpgrade(pods: pods.count)
            if progress.pod + 1 == pods.count { record(entity: hosts[host].name, kind: .masterUpgraded, detail: "") }
            return replaceNextPod(index, upgrade)
        }
        guard now - since < upgrade.timeout else {
            let why = "not up within \(upgrade.timeout) (UpgradeManifestTimeout); kubeadm rolls back and the upgrade stops"
            record(entity: "\(pod.rawValue)/\(hosts[host].name)", kind: .operationFailed, detail: why)
            endGracefulStop(.operation(index))
            operations.endUpgrade()
            return finishOperation(index)
        }
        queue.schedule(.operations(.step(index: index, step: .healthPoll)), after: upgrade.poll)
    }

    /// Whether kubeadm would find the new pod up: its process runs, and for
    /// etcd the cluster has a leader with a quorum (WaitForClusterAvailable).
    func staticPodUp(_ pod: StaticPod, host: Int) -> Bool {
        guard fleet.up[host] else { return false }
        switch pod {
        case .etcd:
            guard let member = etcd.memberOfHost[host] else { return true }
            return active(member) && leaderWithQuorum() != nil
        case .kubeAPIServer:
            return apiServerUp(host)
        case .kubeControllerManager, .kubeScheduler:
            guard let lease = pod.lease, scenario.topology.leases.contains(lease) else { return true }
            return leases.candidates[candidateIndex(lease, host: host)].running
        }
    }
}
