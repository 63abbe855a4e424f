/// SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number
/// generators", OOPSLA 2014; reference C by Vigna, prng.di.unimi.it/splitmix64.c).
///
/// Why our own PRNG: etcd-io/raft draws election timeouts from a process-global
/// `globalRand` (raft.go resetRandomizedElectionTimeout). A simulator needs every
/// node to be reproducible from a seed, so each node owns one of these instead.
/// We deliberately do not rely on the stdlib's `random(in:using:)` because its
/// reduction algorithm is not part of any stability contract.
///
/// SimKernel has the same generator; this copy stays because the Raft module
/// depends on nothing (DESIGN.md §1), and both are pinned to Vigna's
/// reference outputs by their tests.
public struct SplitMix64: Sendable, Hashable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform integer in `0..<bound` without modulo bias, using Lemire's
    /// "nearly divisionless" multiply-and-reject method (Lemire, "Fast Random
    /// Integer Generation in an Interval", ACM TOMACS 2019).
    public mutating func next(below bound: UInt64) -> UInt64 {
        precondition(bound > 0, "bound must be positive")
        var m = next().multipliedFullWidth(by: bound)
        if m.low < bound {
            let threshold = (0 &- bound) % bound  // 2^64 mod bound
            while m.low < threshold { m = next().multipliedFullWidth(by: bound) }
        }
        return m.high
    }

    /// Uniform integer in a closed range (min == max is allowed and consumes no randomness).
    public mutating func next(in range: ClosedRange<Int>) -> Int {
        if range.lowerBound == range.upperBound { return range.lowerBound }
        return range.lowerBound + Int(next(below: UInt64(range.upperBound - range.lowerBound) + 1))
    }
}
