import SimKernel

/// The NLB's DNS answer (`AccessSettings.Mode.networkLoadBalancer`): which
/// zones' nodes its name answers with, and since when a node's address has
/// been out of it. "If target groups don't have a healthy target in an
/// enabled Availability Zone, we remove the IP address for the corresponding
/// subnet from DNS"; when every zone is without one the load balancer fails
/// open and every address is answered again (ELB docs, "Health checks for
/// Network Load Balancer target groups"; ELB knowledge center
/// "elb-dns-cross-zone-balance-configuration": with cross-zone load
/// balancing on, a zone stays in DNS while any zone has a healthy target).
/// A client that resolved before the removal keeps the address for up to
/// the record's TTL, and "if a client doesn't honor the TTL and sends
/// requests to the IP address after it is removed from DNS, the requests
/// fail" (ELB docs, "What is a Network Load Balancer?"). The delay of Route
/// 53's own checks before the removal is not documented and not modelled.
struct NetworkLoadBalancer {
    /// Whether DNS answers with each zone's node now, by zone index.
    private(set) var listed: [Bool]
    /// When each zone's node left DNS; nil while it is listed.
    private(set) var removedAt: [SimInstant?]

    /// An established NLB whose zones have a target to send to as
    /// `healthy` says: a zone without one was never in DNS.
    init(healthy: [Bool]) {
        listed = Self.answer(healthy)
        removedAt = Array(repeating: nil, count: healthy.count)
    }

    /// DNS's answer: the zones with a target to send to, or every zone when
    /// none has one (fail open).
    static func answer(_ healthy: [Bool]) -> [Bool] { healthy.contains(true) ? healthy : healthy.map { _ in true } }

    /// The zones whose nodes have a target to send to (`healthy[z]`) decide
    /// DNS's answer from `now`; returns whether it changed.
    mutating func follow(healthy: [Bool], at now: SimInstant) -> Bool {
        let answer = Self.answer(healthy)
        guard answer != listed else { return false }
        for zone in answer.indices where answer[zone] != listed[zone] {
            removedAt[zone] = answer[zone] ? nil : now
        }
        listed = answer
        return true
    }

    /// Which zones' nodes have a healthy target to send to, given the zones
    /// of the healthy targets: a node sends only to its own zone's targets,
    /// or with cross-zone load balancing to every zone's (ELB docs, "Health
    /// checks for Network Load Balancer target groups": "By default, each
    /// load balancer node routes requests only to the healthy targets in its
    /// Availability Zone").
    static func zonesWithTargets(zones: Int, crossZone: Bool, targets: [Int]) -> [Bool] {
        (0..<zones).map { zone in crossZone ? !targets.isEmpty : targets.contains(zone) }
    }

    /// DNS's answer for the lane: the listed zones' names.
    func answerName(zones: [String]) -> String {
        zones.indices.filter { listed[$0] }.map { zones[$0] }.joined(separator: ",")
    }

    /// Whether a client resolving the name may hold zone `zone`'s address at
    /// `now`: DNS answers with it, or it left DNS less than `ttl` ago and a
    /// client may still have it cached.
    func reachable(_ zone: Int, at now: SimInstant, ttl: SimDuration) -> Bool {
        listed[zone] || removedAt[zone].map { now < $0 + ttl } ?? false
    }

    /// A frozen control plane stood still for `span`: the caches' clocks too.
    mutating func delayHeldTimes(by span: SimDuration) { removedAt = removedAt.map { $0.map { $0 + span } } }
}
