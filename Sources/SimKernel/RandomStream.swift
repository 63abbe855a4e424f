/// A seeded pseudo-random stream: xoshiro256** (Blackman and Vigna, 2018),
/// seeded through SplitMix64 as its authors recommend.
///
/// The model never uses the system generator: every number comes from a
/// stream derived from the run's root seed and a stable label, so a run is
/// reproducible and adding a consumer does not shift the numbers of the others
/// (DESIGN.md §2).
public struct RandomStream: RandomNumberGenerator, Sendable {
    @usableFromInline var s0, s1, s2, s3: UInt64

    /// A stream whose state is filled from SplitMix64 started at `seed`.
    public init(seed: UInt64) {
        var mixer = SplitMix64(state: seed)
        s0 = mixer.next(); s1 = mixer.next(); s2 = mixer.next(); s3 = mixer.next()
        // xoshiro's state must not be all zero; SplitMix64 never yields four zeros in a row,
        // but keep the guarantee explicit.
        if s0 | s1 | s2 | s3 == 0 { s0 = 0x9E37_79B9_7F4A_7C15 }
    }

    /// The stream for `label` under `rootSeed`: the label is hashed with FNV-1a,
    /// so the stream depends only on the seed and the label's text.
    public init(rootSeed: UInt64, label: String) {
        self.init(seed: rootSeed ^ FNV1a.hash64(label))
    }

    @inlinable public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    @inlinable func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 &- k)) }

    /// A uniform double in [0, 1) from the top 53 bits.
    @inlinable public mutating func nextUnitInterval() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform double in (0, 1], safe to take the logarithm of.
    @inlinable public mutating func nextOpenUnitInterval() -> Double {
        Double((next() >> 11) + 1) * 0x1.0p-53
    }

    /// A uniform integer in [0, bound) without modulo bias (Lemire, 2019).
    @inlinable public mutating func nextInt(below bound: UInt64) -> UInt64 {
        precondition(bound > 0, "bound must be positive")
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold {
                product = next().multipliedFullWidth(by: bound)
            }
        }
        return product.high
    }

    /// A uniform integer in `range`.
    @inlinable public mutating func nextInt(in range: ClosedRange<Int64>) -> Int64 {
        let width = UInt64(bitPattern: range.upperBound &- range.lowerBound) &+ 1
        if width == 0 { return Int64(bitPattern: next()) }  // the full 64-bit range
        return range.lowerBound &+ Int64(bitPattern: nextInt(below: width))
    }
}
