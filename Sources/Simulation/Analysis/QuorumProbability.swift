/// The probability that fewer than a quorum of etcd members is up, for
/// members (and zones) that fail independently: the k-of-n formula of
/// reliability theory and its zone-correlated variant. Pure arithmetic, no
/// run and no randomness; `QuorumAvailability` feeds it a scenario's
/// failure processes.
///
/// Everything is computed as the probability of being down, not up: with
/// availabilities of 0.9999 and more, 1 - P(up) would cancel away the very
/// digits minutes of downtime a year are made of, while the down
/// probabilities are small numbers multiplied, which keeps them.
public enum QuorumProbability {
    /// The long-run fraction of time an alternating up/down process is down:
    /// MTTR / (MTBF + MTTR), i.e. 1 - A with A = MTBF / (MTBF + MTTR). For
    /// exponential times this is the two-state Markov chain's stationary
    /// probability; by the renewal-reward theorem it is the long-run
    /// fraction for any distributions with these means (Barlow and
    /// Proschan, Statistical Theory of Reliability and Life Testing, 1975).
    public static func unavailability(meanUp: Double, meanDown: Double) -> Double {
        meanDown / (meanUp + meanDown)
    }

    /// P(fewer than `needed` of n members up) when each member is down with
    /// probability q, independently: 1 - sum over i = k..n of
    /// C(n, i) (1-q)^i q^(n-i), summed here over i = 0..k-1 (FACTS.md,
    /// "Availability arithmetic"; etcd needs k = floor(n/2) + 1).
    public static func quorumLost(members n: Int, needed k: Int, memberDown q: Double) -> Double {
        precondition(n >= 0 && k >= 0 && (0...1).contains(q))
        var lost = 0.0
        for up in 0..<min(k, n + 1) {
            lost += binomial(n, up) * pow(1 - q, up) * pow(q, n - up)
        }
        return lost
    }

    /// The zone-correlated variant: members grouped by zone, each zone down
    /// with its own probability (taking all its members), each member down
    /// on its own with its own probability besides, all independent. The
    /// count of members up is built zone by zone: a zone contributes none
    /// when it is down, else a Poisson-binomial count of its members;
    /// O(zones x members^2), so 64 members over 100 zones cost nothing.
    public static func quorumLost(memberDown: [[Double]], zoneDown: [Double], needed k: Int) -> Double {
        precondition(memberDown.count == zoneDown.count, "one list of members per zone")
        // upCount[i]: probability that i members are up so far.
        var upCount = [1.0]
        for (zone, downs) in memberDown.enumerated() {
            var inZone = [1.0]
            for q in downs {
                var next = Array(repeating: 0.0, count: inZone.count + 1)
                for (i, p) in inZone.enumerated() {
                    next[i] += p * q
                    next[i + 1] += p * (1 - q)
                }
                inZone = next
            }
            let zoneUp = 1 - zoneDown[zone]
            for i in inZone.indices { inZone[i] *= zoneUp }
            inZone[0] += zoneDown[zone]
            var next = Array(repeating: 0.0, count: upCount.count + inZone.count - 1)
            for (i, p) in upCount.enumerated() {
                for (j, r) in inZone.enumerated() { next[i + j] += p * r }
            }
            upCount = next
        }
        return upCount.prefix(k).reduce(0, +)
    }

    /// C(n, i) as a double, exact for the member counts etcd allows (<= 64).
    static func binomial(_ n: Int, _ i: Int) -> Double {
        var result = 1.0
        for step in 0..<min(i, n - i) { result = result * Double(n - step) / Double(step + 1) }
        return result
    }

    static func pow(_ base: Double, _ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<exponent { result *= base }
        return result
    }
}
