import RealModule
import SimKernel

/// What a scenario's failure processes predict for etcd quorum, from the
/// formulas of `QuorumProbability`: each member's and each zone's
/// steady-state probability of being down, the k-of-n probability of
/// quorum loss from member failures alone, the zone-correlated one, and
/// what a run of the scenario's length starting with everything up should
/// show on average. Defined for exponential times to failure and repair
/// only (docs/FAILURES.md says where and why the simulation differs).
public struct QuorumAvailability: Hashable, Sendable, Encodable {
    /// One down-probability per etcd member, in member order: its host's and
    /// its process's failure processes together.
    public var memberDown: [Double]
    /// One down-probability per zone, in topology order.
    public var zoneDown: [Double]
    public var members: Int
    public var quorum: Int
    /// P(quorum lost) from member failures alone, zones ignored: the k-of-n formula.
    public var memberFailuresLost: Double
    /// P(quorum lost) with zone outages too.
    public var withZonesLost: Double
    /// The fraction of a run of `runSeconds` expected without quorum when
    /// every target starts up, as `simulate` starts them.
    public var overRunLost: Double
    public var runSeconds: Double

    /// Minutes in a year of 365 days.
    public static let minutesPerYear = 525_600.0

    /// Why a scenario gets no figure: nothing of its failures reaches etcd,
    /// or a process that does is not exponential.
    public enum Unavailable: Error, Hashable, Sendable {
        case noFailureReachesEtcd
        case notExponential(process: Int)
    }

    /// One exponential up/down process and what it takes down.
    struct Process: Hashable, Sendable {
        var down: Double
        /// 1 / (failure rate + repair rate): how fast a target that starts
        /// up approaches its steady state, e^(-t/tau).
        var tau: Double

        init(_ failure: FailureProcess) {
            let (up, repair) = (failure.timeToFailure.meanSeconds, failure.timeToRepair.meanSeconds)
            down = QuorumProbability.unavailability(meanUp: up, meanDown: repair)
            tau = up * repair / (up + repair)
        }

        /// P(down at t) for a two-state Markov chain that starts up.
        func down(at t: Double) -> Double { down * -Double.expMinusOne(-t / tau) }
    }

    let memberProcesses: [[Process]]
    let zoneProcesses: [[Process]]
    /// Member indices per zone, for the zone-correlated formula.
    let membersOfZone: [[Int]]

    /// The figures for `scenario`'s failures over its etcd members (those
    /// that exist from the start, one per master when stacked).
    public init(_ scenario: Scenario) throws(Unavailable) {
        let topology = scenario.topology
        let etcdHosts = topology.etcdHosts.filter(\.initiallyProvisioned)
        let stacked = topology.externalEtcdPerZone == nil
        var memberProcesses = Array(repeating: [Process](), count: etcdHosts.count)
        var zoneProcesses = Array(repeating: [Process](), count: topology.zones.count)
        for (index, failure) in scenario.failures.enumerated() {
            let members: [Int]
            var zones: [Int] = []
            switch failure.target {
            case .everyMaster: members = stacked ? Array(etcdHosts.indices) : []
            case .everyEtcdMember: members = Array(etcdHosts.indices)
            case .host(let host): members = etcdHosts.indices.filter { etcdHosts[$0].id == host }
            case .everyZone: (members, zones) = ([], Array(topology.zones.indices))
            case .zone(let zone): (members, zones) = ([], [zone])
            case .everyWorker, .everyAPIServer, .loadBalancer: members = []
            }
            guard !members.isEmpty || !zones.isEmpty else { continue }
            guard failure.isExponential else { throw .notExponential(process: index) }
            for member in members { memberProcesses[member].append(Process(failure)) }
            for zone in zones { zoneProcesses[zone].append(Process(failure)) }
        }
        guard memberProcesses.contains(where: { !$0.isEmpty }) || zoneProcesses.contains(where: { !$0.isEmpty }) else {
            throw .noFailureReachesEtcd
        }
        self.memberProcesses = memberProcesses
        self.zoneProcesses = zoneProcesses
        membersOfZone = topology.zones.indices.map { zone in etcdHosts.indices.filter { etcdHosts[$0].zone == zone } }
        members = etcdHosts.count
        quorum = members / 2 + 1
        runSeconds = scenario.duration.seconds
        memberDown = memberProcesses.map { Self.combined($0.map(\.down)) }
        zoneDown = zoneProcesses.map { Self.combined($0.map(\.down)) }
        memberFailuresLost = QuorumProbability.quorumLost(memberDown: [memberDown], zoneDown: [0], needed: quorum)
        withZonesLost = 0
        overRunLost = 0
        withZonesLost = lost(memberDown: memberDown, zoneDown: zoneDown)
        overRunLost = averageLost(over: runSeconds)
    }

    /// Down unless every independent process holding it is up.
    static func combined(_ downs: [Double]) -> Double {
        1 - downs.reduce(1) { $0 * (1 - $1) }
    }

    func lost(memberDown: [Double], zoneDown: [Double]) -> Double {
        QuorumProbability.quorumLost(memberDown: membersOfZone.map { $0.map { memberDown[$0] } }, zoneDown: zoneDown, needed: quorum)
    }

    /// The time-average over [0, T] of P(quorum lost at t) when every
    /// target starts up: the expectation of a run's fraction of time
    /// without a majority (members and zones are independent at every t).
    /// Composite Simpson's rule over [0, min(T, 40 tau)], the steady value
    /// beyond (e^-40 of the start's effect is left there).
    public func averageLost(over seconds: Double) -> Double {
        guard seconds > 0 else { return 0 }
        let slowest = (memberProcesses + zoneProcesses).joined().map(\.tau).max() ?? 0
        let settled = min(seconds, 40 * slowest)
        let steps = 4_000
        let h = settled / Double(steps)
        func at(_ t: Double) -> Double {
            lost(memberDown: memberProcesses.map { Self.combined($0.map { $0.down(at: t) }) },
                 zoneDown: zoneProcesses.map { Self.combined($0.map { $0.down(at: t) }) })
        }
        var sum = at(0) + at(settled)
        for step in 1..<steps { sum += Double(step % 2 == 1 ? 4 : 2) * at(Double(step) * h) }
        return (sum * h / 3 + withZonesLost * (seconds - settled)) / seconds
    }

    private enum CodingKeys: String, CodingKey {
        case memberDown, zoneDown, members, quorum, memberFailuresLost, withZonesLost, overRunLost, runSeconds
    }
}
