/// FNV-1a 64-bit hashing, fed byte by byte: stable across runs, processes and platforms
/// (unlike `Hasher`, which is seeded per process), so a feature always lands in the same bucket
/// and a saved encoder stays valid.
///
/// Used for feature buckets (`bucket(mask:)` adds a final avalanche step because FNV's low bits
/// mix poorly) and for training fingerprints.
public struct StableHash: Sendable, Hashable {
    /// The FNV-1a 64 offset basis.
    public static let offsetBasis: UInt64 = 0xCBF2_9CE4_8422_2325
    /// The FNV-1a 64 prime.
    static let prime: UInt64 = 0x0000_0100_0000_01B3

    /// The running hash value.
    public private(set) var value: UInt64

    /// A hash starting at `seed` (the FNV offset basis by default).
    public init(seed: UInt64 = StableHash.offsetBasis) {
        value = seed
    }

    /// Mixes in one byte.
    @inline(__always)
    public mutating func combine(byte: UInt8) {
        value = (value ^ UInt64(byte)) &* StableHash.prime
    }

    /// Mixes in a sequence of bytes.
    @inline(__always)
    public mutating func combine<S: Sequence>(bytes: S) where S.Element == UInt8 {
        for b in bytes { combine(byte: b) }
    }

    /// Mixes in the UTF-8 encoding of one Unicode scalar value.
    @inline(__always)
    public mutating func combine(scalar s: UInt32) {
        if s < 0x80 {
            combine(byte: UInt8(s))
        } else if s < 0x800 {
            combine(byte: UInt8(0xC0 | (s >> 6)))
            combine(byte: UInt8(0x80 | (s & 0x3F)))
        } else if s < 0x10000 {
            combine(byte: UInt8(0xE0 | (s >> 12)))
            combine(byte: UInt8(0x80 | ((s >> 6) & 0x3F)))
            combine(byte: UInt8(0x80 | (s & 0x3F)))
        } else {
            combine(byte: UInt8(0xF0 | (s >> 18)))
            combine(byte: UInt8(0x80 | ((s >> 12) & 0x3F)))
            combine(byte: UInt8(0x80 | ((s >> 6) & 0x3F)))
            combine(byte: UInt8(0x80 | (s & 0x3F)))
        }
    }

    /// Mixes in a string's UTF-8 bytes followed by a 0xFF terminator (never valid UTF-8), so
    /// `["ab", "c"]` and `["a", "bc"]` hash differently.
    public mutating func combine(string: String) {
        var s = string
        s.withUTF8 { for b in $0 { combine(byte: b) } }
        combine(byte: 0xFF)
    }

    /// Mixes in an integer as 8 little-endian bytes.
    public mutating func combine(integer: Int) {
        var v = UInt64(bitPattern: Int64(integer))
        for _ in 0..<8 {
            combine(byte: UInt8(truncatingIfNeeded: v))
            v >>= 8
        }
    }

    /// The hash folded into `0...mask` (`mask = 2^bits - 1`) after a murmur3 `fmix64`
    /// avalanche, so every output bit depends on every input byte.
    @inline(__always)
    public func bucket(mask: UInt64) -> Int {
        var h = value
        h ^= h >> 33
        h &*= 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h &*= 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return Int(truncatingIfNeeded: h & mask)
    }

    /// The value as 16 lowercase hex digits.
    public var hex: String {
        let s = String(value, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
