import SimKernel

/// The links between the hosts that exchange messages (the etcd members'
/// hosts): latency, loss, partitions and degradations, in flat arrays
/// indexed by `from * count + to` over dense member indices.
///
/// Faults add and remove blocks by counting, so overlapping partitions
/// compose. Messages on one link arrive in the order they were sent (etcd's
/// peers talk over long-lived TCP streams), so a sampled latency never lets a
/// message overtake an earlier one on the same link.
struct Network {
    let count: Int
    let zoneOf: [Int]
    let settings: NetworkSettings
    /// Partitions currently blocking from -> to.
    private var blocks: [Int]
    /// Active degradations in start order; the latest one covering a link wins.
    private var degradations: [(id: Int, links: [Bool], degradation: LinkDegradation)] = []
    private var lastArrival: [SimInstant]

    init(zoneOf: [Int], settings: NetworkSettings) {
        count = zoneOf.count
        self.zoneOf = zoneOf
        self.settings = settings
        blocks = Array(repeating: 0, count: zoneOf.count * zoneOf.count)
        lastArrival = Array(repeating: .start, count: zoneOf.count * zoneOf.count)
    }

    func canSend(_ from: Int, _ to: Int) -> Bool { from == to || blocks[from * count + to] == 0 }

    /// Both directions open: what a request and its reply need.
    func connected(_ a: Int, _ b: Int) -> Bool { canSend(a, b) && canSend(b, a) }

    /// Adds (+1) or removes (-1) a block on every pair where `blocked(from, to)`.
    mutating func block(delta: Int, _ blocked: (Int, Int) -> Bool) {
        for from in 0..<count {
            for to in 0..<count where from != to && blocked(from, to) {
                blocks[from * count + to] += delta
            }
        }
    }

    mutating func addDegradation(id: Int, _ degradation: LinkDegradation, links: [Bool]) {
        degradations.append((id, links, degradation))
    }

    mutating func removeDegradation(id: Int) {
        degradations.removeAll { $0.id == id }
    }

    private func degradation(_ from: Int, _ to: Int) -> LinkDegradation? {
        degradations.last { $0.links[from * count + to] }?.degradation
    }

    /// When a message sent now on from -> to arrives, or nil if it is lost.
    /// Draws from `stream` (the link's own) so links do not share numbers.
    mutating func arrival(from: Int, to: Int, now: SimInstant, stream: inout RandomStream) -> SimInstant? {
        let degraded = degradation(from, to)
        let loss = max(settings.loss, degraded?.loss ?? 0)
        if loss > 0, stream.nextUnitInterval() < loss { return nil }
        let latency = (degraded?.latency ?? (zoneOf[from] == zoneOf[to] ? settings.sameZone : settings.crossZone)).sample(&stream)
        let index = from * count + to
        let arrival = max(now + latency, lastArrival[index])
        lastArrival[index] = arrival
        return arrival
    }
}
