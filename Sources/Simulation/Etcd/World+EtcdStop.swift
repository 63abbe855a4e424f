import SimKernel

/// etcd's graceful stop of a leader (etcd server.go `Stop`: "When stopping
/// leader, Stop transfers its leadership to one of its peers";
/// TransferLeadership in 3.4 and 3.5, TryTransferLeadershipOnShutdown on
/// main, then HardStop). Skipped for a follower or a single voter. The
/// transferee is the voter whose stream has been connected longest
/// (rafthttp `longestConnected`), taken here as the running, reachable
/// voter that started first (a stream also reconnects after a partition
/// heals, which is not followed). MoveLeader hands Raft a MsgTransferLeader
/// and polls the leader every tick until it is the transferee, for at most
/// ReqTimeout (5 s plus two election timeouts: 7 s at etcd's defaults); on
/// failure etcd logs "leadership transfer failed" and stops anyway. Raft
/// itself abandons the transfer after an election timeout (RaftNode
/// transferLeadership).
extension World {
    mutating func beginEtcdStop(_ member: Int) {
        let name = "etcd/\(hosts[etcd.members[member].host].name)"
        guard let transferee = longestConnectedVoter(of: member) else {
            record(entity: name, kind: .leadershipTransfer, detail: "leadership transfer failed: no voter connected")
            return finishEtcdStop(member)
        }
        etcd[member: member].beginStop(transferee: transferee, deadline: now + etcdRequestTimeout)
        record(entity: name, kind: .leadershipTransfer, detail: "to etcd/\(hosts[etcd.members[transferee].host].name)")
        afterInput(member)
        queue.schedule(.etcd(.transferPoll(member: member)), after: scenario.topology.etcd.tickInterval)
    }

    /// MoveLeader's poll: the stop goes on once the member sees the
    /// transferee lead, or its time is up, or the process is gone.
    mutating func transferPoll(_ member: Int) {
        guard let stop = etcd.members[member].stopping else { return }
        let moved = etcd.members[member].node.leader == stop.transferee
        guard moved || now >= stop.deadline || !etcd.members[member].running else {
            return queue.schedule(.etcd(.transferPoll(member: member)), after: scenario.topology.etcd.tickInterval)
        }
        if !moved && etcd.members[member].running {
            record(entity: "etcd/\(hosts[etcd.members[member].host].name)", kind: .leadershipTransfer, detail: "leadership transfer failed: timed out")
        }
        finishEtcdStop(member)
    }

    /// HardStop: the process exits.
    mutating func finishEtcdStop(_ member: Int) {
        etcd[member: member].endStop()
        processExited(.etcd(member: member), host: etcd.members[member].host)
    }

    /// The voter other than `member` that is running and reachable and
    /// started first; nil when there is none.
    func longestConnectedVoter(of member: Int) -> Int? {
        let voters = etcd.members[member].node.voters
        return etcd.members.indices.filter { $0 != member && voters.contains($0) && active($0) && membersConnected(member, $0) }
            .min { (etcd.members[$0].startedAt, $0) < (etcd.members[$1].startedAt, $1) }
    }
}
