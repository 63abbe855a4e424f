/// The 64-bit FNV-1a hash (Fowler, Noll and Vo): a fixed, platform-independent
/// hash for stream labels and the trace digest. Swift's own `Hasher` is seeded
/// per process and must never reach the model.
public enum FNV1a {
    public static let offsetBasis: UInt64 = 0xCBF2_9CE4_8422_2325
    public static let prime: UInt64 = 0x0000_0100_0000_01B3

    /// The hash of a string's UTF-8 bytes.
    public static func hash64(_ text: String) -> UInt64 {
        var hash = offsetBasis
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= prime
        }
        return hash
    }

    /// Folds one 64-bit word into `hash`, byte by byte, little-endian first.
    @inlinable public static func combine(_ hash: inout UInt64, _ word: UInt64) {
        var w = word
        for _ in 0..<8 {
            hash ^= w & 0xFF
            hash &*= prime
            w >>= 8
        }
    }
}
