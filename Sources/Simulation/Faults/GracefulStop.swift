import SimKernel

/// A process on a master or etcd host that a graceful stop ends.
enum StoppedProcess: Equatable {
    case apiServer
    case etcd(member: Int)
    case candidate(Int)
    case addonManager
    /// kube-vip in BGP mode: on SIGTERM it closes its BGP sessions, and the
    /// router drops the master's route at once (`BGPSettings`).
    case bgpSpeaker
    /// keepalived: on SIGTERM the holder sends an advert of priority 0, so
    /// the backups take over after their skew time instead of the
    /// master-down interval (`World.resignVirtualIP`).
    case keepalived
}

/// What asked for a graceful stop: a `stop` or `reboot` fault, or a
/// graceful `removeMaster` operation, by index.
enum StopOwner: Equatable {
    case fault(Int)
    case operation(Int)
}

/// One `stop` or `reboot` fault's (or graceful removal's) stop of the control-plane
/// processes on a host (World+StopAndReboot): which processes have exited
/// and are held down for the fault, which are still shutting down, and, for
/// a reboot, whether the host is down. Each exited process holds one crash
/// hold until the fault ends, so a stop composes with crash faults as crashes
/// do with each other.
struct GracefulStop {
    let host: Int
    let reboot: Bool
    /// How long a reboot keeps the host down once its processes have
    /// exited; nil: to the end of the run.
    let downtime: SimDuration?
    private(set) var exited: [StoppedProcess] = []
    private(set) var pending: [StoppedProcess] = []
    private(set) var hostDown = false
    /// A stop's `for:` ran out while a process was still shutting down: the
    /// processes start again once the last one has exited.
    private(set) var endRequested = false

    init(host: Int, reboot: Bool, downtime: SimDuration?) {
        self.host = host
        self.reboot = reboot
        self.downtime = downtime
    }

    mutating func exitedAtOnce(_ process: StoppedProcess) { exited.append(process) }

    mutating func shuttingDown(_ process: StoppedProcess) { pending.append(process) }

    /// `process` finished its shutdown; whether it was this stop's.
    mutating func finish(_ process: StoppedProcess) -> Bool {
        guard let index = pending.firstIndex(of: process) else { return false }
        pending.remove(at: index)
        exited.append(process)
        return true
    }

    mutating func takeHostDown() { hostDown = true }

    mutating func requestEnd() { endRequested = true }
}
