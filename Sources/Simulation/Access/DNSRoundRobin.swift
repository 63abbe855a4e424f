import SimKernel

/// One client reaching the apiservers through a DNS name with one A record per
/// apiserver, the alternative to a load balancer (DESIGN.md §3 "External
/// access").
///
/// The client resolves the name, caches the answer for the record TTL, and
/// sends every request to one address of the cached answer, picked by the
/// stream at resolution: a client keeps its connection to the address it
/// dialled rather than spreading requests. It re-resolves only when the TTL
/// has expired. Nothing checks health: a record whose apiserver died keeps
/// receiving this client's requests until the TTL expires, and keeps being
/// served by DNS for as long as whoever manages the records leaves it there
/// (the caller passes the records in force at each moment). Sticking to one
/// address, instead of failing over within the cached answer, is a
/// simplification: it gives the worst case for a client that does not retry
/// other addresses.
public struct DNSRoundRobin: Hashable, Sendable {
    /// How long a resolved answer stays cached.
    public var ttl: SimDuration
    /// The address this client sends to, while its answer is cached.
    public private(set) var cachedAddress: Int?
    /// When the cached answer expires.
    public private(set) var expires: SimInstant?
    /// Resolutions made so far.
    public private(set) var resolutions = 0

    public init(ttl: SimDuration) {
        self.ttl = ttl
    }

    /// The address a request sent at `now` goes to, resolving first if the
    /// cache is empty or expired. `records` are the A records DNS serves at
    /// `now`; an empty answer resolves to nothing and is not cached. The
    /// stream is drawn from once per resolution that returns an address.
    public mutating func target(at now: SimInstant, live records: [Int], stream: inout RandomStream) -> Int? {
        if let cachedAddress, let expires, now < expires {
            return cachedAddress
        }
        resolutions += 1
        guard !records.isEmpty else {
            cachedAddress = nil
            expires = nil
            return nil
        }
        let address = records[Int(stream.nextInt(below: UInt64(records.count)))]
        cachedAddress = address
        expires = now + ttl
        return address
    }

    /// Moves the cached answer's expiry `span` later (a frozen control plane).
    mutating func delayExpiry(by span: SimDuration) {
        expires = expires.map { $0 + span }
    }
}
