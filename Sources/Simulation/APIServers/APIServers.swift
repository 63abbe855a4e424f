import SimKernel

/// The APIServers subsystem's state: one apiserver per master slot with
/// its lane on the timeline and its time-weighted readiness, the count and
/// fraction of ready ones, and the requests waiting in an apiserver on a
/// hung etcd (`HungCall`). Only its own methods change it; an apiserver's
/// state changes only through `APIServer`'s methods, reached by
/// `subscript(server:)`.
struct APIServers {
    private(set) var servers: [APIServer] = []
    /// Each apiserver's lane on the timeline.
    private(set) var entity: [Int] = []
    private(set) var ready: [TimeWeightedAverage] = []
    private(set) var readyCount = 0
    /// The fraction of provisioned masters whose apiserver is ready, over time.
    private(set) var readyFraction = TimeWeightedAverage(initial: 1)
    /// In the order they were held, which is the order they resume in.
    private(set) var hungCalls: [HungCall] = []
    private(set) var hungCallsIssued = 0
    /// Each apiserver's etcd client, by host, with external etcd only
    /// (`EtcdClient`); empty when etcd is stacked.
    private(set) var etcdClients: [EtcdClient] = []
    /// The member whose silent connection the last `callAPIServer` went
    /// out on, if it did: `holdHungCall` keeps it with the call.
    private(set) var lastCallSilentMember: Int?

    /// The apiserver of master slot `index`, to change through its own methods.
    subscript(server index: Int) -> APIServer {
        get { servers[index] }
        _modify { yield &servers[index] }
    }

    /// Apiserver `host`'s etcd client, to change through its own methods.
    subscript(etcdClient host: Int) -> EtcdClient {
        get { etcdClients[host] }
        _modify { yield &etcdClients[host] }
    }

    /// Gives every apiserver an etcd client connected to each of `members`
    /// external members.
    mutating func connectEtcdClients(members: Int) {
        etcdClients = servers.indices.map { EtcdClient(members: members, start: $0) }
    }

    /// Whether some apiserver's etcd client has a silent connection.
    var anyEtcdLinkSilent: Bool { etcdClients.contains { $0.anySilent } }
    /// When a silent connection last closed, failing the requests on it:
    /// the failures it causes then are its doing, although no connection
    /// is silent any more.
    private(set) var silentLinkClosedAt: SimInstant?

    /// Apiserver `host`'s silent connection to `member` closes now.
    mutating func closeSilentLink(_ host: Int, _ member: Int, at now: SimInstant) {
        etcdClients[host].close(member)
        silentLinkClosedAt = now
    }

    /// An apiserver that starts ready, with its lane.
    mutating func add(_ server: APIServer, entity lane: Int) {
        servers.append(server)
        entity.append(lane)
        ready.append(TimeWeightedAverage(initial: 1))
        readyCount += 1
    }

    /// Sets apiserver `host`'s readiness; returns whether it changed.
    mutating func setState(_ host: Int, _ state: APIServerState, at now: SimInstant) -> Bool {
        guard servers[host].state != state else { return false }
        let was = servers[host].setState(state)
        ready[host].set(state == .ready ? 1 : 0, at: now)
        readyCount += (state == .ready ? 1 : 0) - (was == .ready ? 1 : 0)
        return true
    }

    /// The ready fraction over `masters` provisioned masters (Recording's conditions).
    mutating func recordReadyFraction(masters: Int, at now: SimInstant) {
        readyFraction.set(masters == 0 ? 0 : Double(readyCount) / Double(masters), at: now)
    }

    /// Holds a request found hung; returns its id.
    mutating func holdHungCall(_ caller: HungCall.Caller, host: Int, silentMember: Int? = nil) -> Int {
        releaseHungCall(caller)
        hungCallsIssued += 1
        hungCalls.append(HungCall(id: hungCallsIssued, caller: caller, host: host, silentMember: silentMember))
        return hungCallsIssued
    }

    mutating func releaseHungCall(_ caller: HungCall.Caller) { hungCalls.removeAll { $0.caller == caller } }

    /// Takes out the hung call `id`, if it still waits.
    mutating func takeHungCall(id: Int) -> HungCall? {
        guard let index = hungCalls.firstIndex(where: { $0.id == id }) else { return nil }
        return hungCalls.remove(at: index)
    }

    mutating func takeHungCall(at index: Int) -> HungCall { hungCalls.remove(at: index) }

    /// `callAPIServer` sent a request out on a silent connection to
    /// `member`'s etcd, or (nil) on none.
    mutating func callWentOut(onSilentMember member: Int?) { lastCallSilentMember = member }

    /// The member the last call's silent connection went to, kept with the
    /// hung call that takes it.
    mutating func takeLastCallSilentMember() -> Int? {
        defer { lastCallSilentMember = nil }
        return lastCallSilentMember
    }

    mutating func setSilentMember(_ member: Int?, ofHungCallAt index: Int) { hungCalls[index].silentMember = member }

    /// The fast-forward skipped `span` of quiet time.
    mutating func skip(_ span: SimDuration) {
        for index in ready.indices { ready[index].skip(span) }
        readyFraction.skip(span)
    }

    /// The control plane's clock stood still for `span` (FastForward/).
    mutating func delayHeldTimes(by span: SimDuration) {
        for index in servers.indices { servers[index].delayHeldTimes(by: span) }
        for index in etcdClients.indices { etcdClients[index].delayHeldTimes(by: span) }
    }
}
